"""The one error type: every exception that reaches a user is a PerflangError(code, **args) — a
code of the catalog (perflang/messages.py) and its arguments, rendered by the one renderer
(perflang/diagnostics.py) in the user's language, never a sentence of its own.

A problem inside a file the user gave (a scoring profile's bad value, a form file, a damaged
workbook) carries that file and the place in it (`file`, `span`, and the file's text as
`source` for the excerpt): it is shown as a diagnostic, `path:line:column: error[PF…]`. A
problem outside any file (a missing browser or optional package, an output that cannot be
written) is one plain line, `perflang: 错误[PF9xx]: …`, with its hint.  The command line
prints it and exits with `exit_code` (2 unless the error says otherwise: 1 for a file's
content); library code only raises it.  The language server answers a request it refuses with
the message alone (lsp/rename.py RenameRefused, PF933).

Outside it on purpose: the scoring library's ReasonError (ProfileError, TargetsError), which
the generated evaluators embed (stdlib only, no perflang to import); perflang turns a
ProfileError into UnusableProfile (PF512, perflang/scoring/spec.py) where it reaches a user.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

__all__ = ["PerflangError", "interrupted", "install_command", "shell_quote"]


class PerflangError(Exception):
    """A problem for the user: a catalog code, its arguments, and where (optional)."""

    exit_code = 2

    def __init__(self, code: str, /, **args) -> None:
        super().__init__(code)
        self.code = code
        self.fields = args  # the catalog message's arguments (`file` among them for PF901 …)
        self.file = ""  # the file the error is about, and where in it (see at)
        self.span = None
        self.source = None  # the file's SourceFile, for the excerpt under the message

    def at(self, file, span=None, source=None) -> "PerflangError":
        """The error placed in a file (at span, with the file's text for the excerpt)."""
        self.file, self.span, self.source = str(file), span, source
        return self

    @property
    def args_(self) -> dict:
        return self.fields

    def diagnostic(self):
        """The error as a diagnostic (at its place when it has one)."""
        from .diagnostics import Diagnostic
        from .source import NO_SPAN

        return Diagnostic(code=self.code, file=self.file, span=self.span or NO_SPAN, args=self.fields)

    def message(self, lang: str = "zh") -> str:
        """What the user reads, without the final line break: the diagnostic with its excerpt
        when the error is in a file, else `perflang: 错误[PF9xx]: …` and its hint."""
        from .diagnostics import plain, render

        if self.file:
            sources = {self.file: self.source} if self.source is not None else {}
            return render([self.diagnostic()], "text", sources, lang).rstrip("\n")
        return plain(self.code, lang, **self.fields).rstrip("\n")

    def __str__(self) -> str:
        return self.message("en")


def interrupted() -> None:
    """Ctrl-C: say so in one line (no traceback) and exit 130, as shells expect."""
    from .diagnostics import language, plain

    try:
        sys.stderr.write(plain("PF903", language()))
        sys.stderr.flush()
    except Exception:  # a closed stderr: the exit status says it
        pass
    sys.exit(130)


# -- the command that adds an optional extra (python-docx for `--to docx`, openpyxl for .xlsx,
# pygls for `perflang lsp`): the hint of PF923 and of every "needs …" message.
#
# `pip install "perflang[docx]"` only works for a copy installed from a package index.  A copy
# installed from its folder (`pip install .`, the README's way) takes the folder with the extra,
# `pip install "/path/to/perflang[docx]"` (`-e` when it was an editable install); one installed
# from a wheel file takes that file, `pip install "/path/perflang-0.1.0-py3-none-any.whl[docx]"`.
# The copy the VS Code extension carries (editors/vscode/bundled/libs, started by
# bundled/tool/run.py) was not installed by pip at all: its extra's packages themselves go into the
# Python that runs it, `/path/to/python -m pip install "python-docx>=1.1"` (run.py starts it with
# `-I`, which leaves out the user site folder, so not `--user`).
# The argument is quoted for the user's shell: double quotes on Windows (cmd knows no single
# quotes), on POSIX double quotes unless the text holds a character they do not protect.

_POSIX_UNSAFE_IN_DOUBLE = set('$`"\\!')


def shell_quote(arg: str, windows: bool | None = None) -> str:
    """arg quoted for the shell the user types into (cmd/PowerShell on Windows, sh elsewhere)."""
    windows = os.name == "nt" if windows is None else windows
    if windows or not (_POSIX_UNSAFE_IN_DOUBLE & set(arg)):
        return f'"{arg}"'
    return "'" + arg.replace("'", "'\\''") + "'"


def origin() -> tuple[str, str | None, bool]:
    """(kind, where, editable): ("bundle", its libs folder, False) for the copy the VS Code
    extension carries (bundled/libs beside bundled/tool/run.py); ("folder", its path, editable?)
    for a copy that runs from, or was installed from, a folder of the sources; ("wheel", the
    file, False) for one installed from a wheel file; ("index", None, False) otherwise (a
    package index)."""
    package = Path(__file__).resolve().parent
    source = package.parent
    if source.name == "libs" and (source.parent / "tool" / "run.py").is_file():
        return "bundle", str(source), False
    direct = _direct_url()
    if (source / "pyproject.toml").is_file() and (source / "grammar").is_dir():  # a checkout
        editable = bool(direct and direct.get("dir_info", {}).get("editable") and _path(direct) == source)
        return "folder", str(source), editable
    if direct is not None:
        where = _path(direct)
        if where is not None:
            kind = "wheel" if "archive_info" in direct and where.suffix == ".whl" else "folder"
            if kind == "folder" and "dir_info" not in direct:
                return "index", None, False  # an sdist or other archive: not a folder to name
            return kind, str(where), False
    return "index", None, False


def _direct_url() -> dict | None:
    """The running copy's direct_url.json (PEP 610), if its metadata says where it came from."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution("perflang")
    except PackageNotFoundError:
        return None
    here = Path(__file__).resolve().parent
    located = Path(str(dist.locate_file("perflang"))).resolve()
    text = dist.read_text("direct_url.json")
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    # the metadata found first on the path may be another copy's (an editable install of the
    # checkout while a wheel's copy runs): it counts only when it describes the running one
    if located != here and not (data.get("dir_info", {}).get("editable")):
        return None
    return data


def _path(direct: dict) -> Path | None:
    url = direct.get("url")
    if not isinstance(url, str) or not url.startswith("file:"):
        return None
    path = unquote(urlparse(url).path)
    if os.name == "nt" and path[:1] == "/" and path[2:3] == ":":
        path = path[1:]  # file:///C:/…
    return Path(path).resolve()


def extra_requirements(extra: str) -> list[str]:
    """What the extra adds ("python-docx>=1.1" for docx), from perflang's own metadata (the
    extras of pyproject.toml, in the .dist-info of every built copy)."""
    from importlib.metadata import PackageNotFoundError, requires

    try:
        declared = requires("perflang") or []
    except PackageNotFoundError:
        return []
    out = []
    for req in declared:
        name, _, marker = req.partition(";")
        if marker.replace(" ", "").replace("'", '"') == f'extra=="{extra}"':
            out.append(name.strip())
    return out


def install_command(extra: str, windows: bool | None = None) -> str:
    """The command that adds the extra to this copy of perflang, ready to paste."""
    kind, where, editable = origin()
    python = shell_quote(sys.executable, windows) if " " in sys.executable else sys.executable
    packages = extra_requirements(extra) if kind == "bundle" else []
    if packages:  # the extension's copy: the packages, into the Python that runs it
        return f"{python} -m pip install {' '.join(shell_quote(p, windows) for p in packages)}"
    target = f"{where}[{extra}]" if where and kind != "bundle" else f"perflang[{extra}]"
    import shutil  # here: with bz2, lzma and zlib, ~2 ms of every start-up otherwise

    pip = "pip"
    found = shutil.which("pip")
    if found is None or Path(found).absolute().parent != Path(sys.executable).absolute().parent:
        pip = f"{python} -m pip"
    return f"{pip} install {'-e ' if editable else ''}{shell_quote(target, windows)}"
