"""The VS Code extension (editors/vscode): what the .vsix holds, its manifest and translations,
how extension.js finds Python and starts the server, its commands, the preview's policy, and
the Done-when of issue 27: the server started from the .vsix's own libraries by a Python that
has nothing installed, through an LSP initialize and a diagnostics round trip.

VS Code itself cannot run here (@vscode/test-electron downloads it): extension.js runs against
stand-ins for the VS Code API (editors/vscode/tests/client.test.js) that record what it asks
for; the server it starts is the one tests/test_lsp_*.py drive."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lsprotocol import types as T
from pytest_lsp import make_test_lsp_client
from vscodetools import ROOT, VSCODE

from perflang.api import compile_text

SEED = ROOT / "examples" / "ezhou-data-bureau.perf"
LIBS = (
    "perflang",
    "pygls",
    "lsprotocol",
    "cattrs",
    "attrs",
    "lark",
    "click",
    "jinja2",
    "markupsafe",
    "openpyxl",
    "et_xmlfile",
)


# -- the package ---------------------------------------------------------------------------------


def test_the_vsix_carries_perflang_and_its_libraries(vsix):
    """The client, its runtime dependency, the grammar, both catalogs, the l10n bundle, the
    bootstrap and bundled/libs (perflang with its grammar, templates and profiles; each library
    perflang's server and commands import, pure Python only), and nothing of the tests, the build
    tools or the bundling script."""
    names = set(zipfile.ZipFile(vsix).namelist())
    for name in (
        "extension/extension.js",
        "extension/package.json",
        "extension/package.nls.json",
        "extension/package.nls.zh-cn.json",
        "extension/l10n/bundle.l10n.zh-cn.json",
        "extension/language-configuration.json",
        "extension/syntaxes/perf.tmLanguage.json",
        "extension/LICENSE.txt",
        "extension/node_modules/vscode-languageclient/node.js",
        "extension/bundled/tool/run.py",
        "extension/bundled/libs/perflang/grammar/perf.lark",
        "extension/bundled/libs/perflang/templates/approval.html.j2",
        "extension/bundled/libs/perflang/profiles/national.toml",
        "extension/bundled/libs/markupsafe/_native.py",
    ):
        assert name in names, name
    for lib in LIBS:
        assert f"extension/bundled/libs/{lib}/__init__.py" in names, lib
    compiled = [n for n in names if n.endswith((".so", ".pyd", ".dll", ".dylib", ".pyc", ".c"))]
    assert compiled == []  # pure Python: one .vsix for every platform
    assert not any(
        n.startswith(
            (
                "extension/tests/",
                "extension/scripts/",
                "extension/node_modules/@vscode/vsce",
                "extension/node_modules/vscode-tmgrammar-test",
            )
        )
        for n in names
    )
    # perflang's own files are those of this checkout
    ours = {p.relative_to(ROOT).as_posix() for p in (ROOT / "perflang").rglob("*.py") if "__pycache__" not in p.parts}
    bundled = {
        n.removeprefix("extension/bundled/libs/") for n in names if n.startswith("extension/bundled/libs/perflang/")
    }
    assert ours <= bundled
    manifest = json.loads(zipfile.ZipFile(vsix).read("extension/package.json"))
    assert manifest["contributes"]["languages"][0]["id"] == "perf"


def test_the_bundled_libraries_are_pinned_with_hashes():
    """Every library is pinned (==) with its sha256, and each pin is a version perflang accepts
    (pyproject.toml's ranges for its dependencies, the lsp extra and the xlsx extra: openpyxl is
    pure Python, so Excel files need nothing installed; python-docx is not bundled, its lxml is
    compiled).  What the .vsix holds is
    what its own test runs (the Done-when test below starts the server from bundled/libs); the
    pins are not held to this environment's versions, which change with every release on the
    package index (a fresh venv installs the newest)."""
    import tomllib

    from packaging.requirements import Requirement

    pins = {}
    for name in ("requirements.txt", "requirements-source.txt"):
        for line in (VSCODE / "bundled" / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                m = re.fullmatch(r"([\w-]+)==([\w.]+) --hash=sha256:[0-9a-f]{64}", line.strip())
                assert m, line
                pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    assert set(pins) == {
        "attrs",
        "cattrs",
        "click",
        "jinja2",
        "lark",
        "lsprotocol",
        "pygls",
        "typing-extensions",
        "markupsafe",
        "openpyxl",
        "et-xmlfile",
    }
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    wanted = [Requirement(r) for r in project["dependencies"] + extras["lsp"] + extras["xlsx"]]
    assert {r.name.lower() for r in wanted} <= set(pins)
    for r in wanted:
        assert r.specifier.contains(pins[r.name.lower()]), f"{r.name}=={pins[r.name.lower()]} is not {r}"


def test_the_manifest_is_complete():
    """Every %key% of package.json has its English and Chinese text, every message extension.js
    shows has its Chinese translation (l10n), the settings are those the docs describe, and the
    palette has the commands the docs name."""
    manifest = (VSCODE / "package.json").read_text(encoding="utf-8")
    keys = set(re.findall(r'"%([^%"]+)%"', manifest))
    for catalog in ("package.nls.json", "package.nls.zh-cn.json"):
        texts = json.loads((VSCODE / catalog).read_text(encoding="utf-8"))
        assert keys <= set(texts), (catalog, keys - set(texts))
    zh = json.loads((VSCODE / "package.nls.zh-cn.json").read_text(encoding="utf-8"))
    assert re.search(r"[\u4e00-\u9fff]", zh["displayName"])
    data = json.loads(manifest)
    settings = data["contributes"]["configuration"]["properties"]
    assert {"perflang.path", "perflang.language", "perflang.profile"} <= set(settings)
    assert settings["perflang.path"]["default"] == ""  # the perflang the .vsix carries
    commands = {c["command"] for c in data["contributes"]["commands"]}
    assert commands == {
        "perflang.checkFolder",
        "perflang.buildApproval",
        "perflang.scoreYear",
        "perflang.preview",
        "perflang.restartServer",
    }
    assert data["scripts"]["vscode:prepublish"] == "node scripts/prepublish.js"
    client = (VSCODE / "extension.js").read_text(encoding="utf-8")
    shown = set(re.findall(r"(?<![\w.])t\(\s*'((?:[^'\\]|\\.)*)'", client))
    bundle = json.loads((VSCODE / "l10n" / "bundle.l10n.zh-cn.json").read_text(encoding="utf-8"))
    assert shown and shown == set(bundle), shown ^ set(bundle)
    assert all(re.search(r"[\u4e00-\u9fff]", v) for v in bundle.values())
    lock = json.loads((VSCODE / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["devDependencies"] == data["devDependencies"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", data["devDependencies"]["@vscode/vsce"])  # pinned


# -- the client ----------------------------------------------------------------------------------


def _client(settings: dict, path_dirs: list[Path] | None = None) -> dict:
    env = dict(os.environ)
    if path_dirs is not None:
        env["PATH"] = os.pathsep.join([*map(str, path_dirs), str(Path(sys.executable).parent.parent / "nowhere")])
    run = subprocess.run(
        [_node(), str(VSCODE / "tests" / "client.test.js"), json.dumps(settings)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _node() -> str:
    import shutil

    return shutil.which("node")


def _python_dir(tmp_path: Path, name: str = "python3") -> Path:
    """A folder whose `name` is this Python (3.11+), to put on the PATH."""
    folder = tmp_path / f"bin-{name}"
    folder.mkdir()
    (folder / name).symlink_to(sys.executable)
    return folder


RUN = str(VSCODE / "bundled" / "tool" / "run.py")


def test_the_client_starts_the_bundled_perflang_with_a_python_it_finds(node_modules, tmp_path):
    """No perflang.path: the Python extension's interpreter runs bundled/tool/run.py lsp (in
    isolated mode); without the Python extension, python3 on the PATH does."""
    got = _client({"pythonExtension": sys.executable}, [])
    assert (got["command"], got["args"]) == (sys.executable, ["-I", RUN, "lsp"])
    assert got["initializationOptions"] == {"language": "en", "profile": None}
    assert got["PERFLANG_LANG"] == "en" and got["errors"] == [] and got["webviews"] == []
    assert {s["language"] for s in got["documentSelector"]} == {"perf"}
    assert got["configurationSection"] == "perflang" and got["watched"] is None  # the server registers its own
    assert got["commands"] == [
        "perflang.restartServer",
        "perflang.checkFolder",
        "perflang.buildApproval",
        "perflang.scoreYear",
        "perflang.preview",
    ]
    got = _client({"displayLanguage": "zh-cn", "profile": "profiles/city.toml"}, [_python_dir(tmp_path)])
    assert (got["command"], got["args"]) == ("python3", ["-I", RUN, "lsp"])
    assert got["PERFLANG_LANG"] == "zh"
    assert got["initializationOptions"] == {"language": "zh", "profile": "profiles/city.toml"}
    got = _client({"language": "en", "displayLanguage": "zh-cn"}, [_python_dir(tmp_path, "python")])
    assert got["command"] == "python" and got["PERFLANG_LANG"] == "en"  # the setting wins


def test_perflang_path_still_overrides(node_modules, tmp_path):
    got = _client({"path": "${workspaceFolder}/.venv/bin/perflang", "pythonExtension": sys.executable})
    assert (got["command"], got["args"]) == ("/work/project/.venv/bin/perflang", ["lsp"])


def test_without_python_a_chinese_page_says_what_to_install(node_modules, tmp_path):
    """No interpreter anywhere: no client is made (so no second, English popup of the client
    library), and a page in the display language says what to install; its policy allows its
    own style only."""
    empty = tmp_path / "empty"
    empty.mkdir()
    got = _client({"displayLanguage": "zh-cn"}, [empty])
    assert "command" not in got and got["errors"] == []
    (page,) = got["webviews"]
    assert page["title"] == "perflang 需要 Python"
    html = page["html"]
    for text in (
        "Python 3.11",
        "python.org",
        "Add python.exe to PATH",
        "Python 扩展",
        "perflang.path",
        "command:perflang.restartServer",
    ):
        assert text in html, text
    assert page["options"]["enableScripts"] is False
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in policy and "script-src 'none'" in policy and "unsafe" not in policy
    got = _client({}, [empty])  # English VS Code: English page
    assert got["webviews"][0]["title"] == "perflang needs Python"


def test_a_server_that_cannot_start_is_explained(node_modules):
    got = _client({"failStart": True, "displayLanguage": "zh-cn", "path": "/nowhere/perflang"})
    (message,) = got["errors"]
    assert "/nowhere/perflang lsp" in message and "无法启动" in message and "perflang.path" in message


# -- the commands --------------------------------------------------------------------------------


def test_build_the_approval_table_and_preview_it(node_modules, tmp_path):
    """ "Build the 批复表" writes the HTML beside the file and opens it; "preview" shows the
    same HTML (perflang build --to html) in a panel beside the editor, with a policy that allows
    its own <style> by hash and nothing else, and builds it again on save.  (Run with this
    environment's perflang through perflang.path: how the bundled one is started is tested above,
    that it runs, below.)"""
    file = tmp_path / "测试.perf"
    file.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    perflang = Path(sys.executable).with_name("perflang")  # this environment's (the .vsix's: below)
    assert perflang.exists()
    settings = {
        "path": str(perflang),
        "activeFile": str(file),
        "run": ["perflang.buildApproval", "perflang.preview"],
        "save": True,
        "displayLanguage": "zh-cn",
    }
    got = _client(settings, [])
    out = tmp_path / "测试-批复表.html"
    assert got["opened"] == [str(out)] and out.is_file()
    assert "批复表" in out.read_text(encoding="utf-8")
    (panel,) = got["webviews"]
    assert panel["title"] == "预览：测试.perf" and panel["options"]["enableScripts"] is False
    html = panel["html"]
    built = subprocess.run(
        [sys.executable, "-m", "perflang", "build", str(file), "--to", "html"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    ).stdout
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
    assert html.replace(re.search(r"<meta http-equiv[^>]+>", html).group(0), "") == built  # the same HTML
    import base64
    import hashlib

    style = re.search(r"<style[^>]*>([\s\S]*?)</style>", built).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy and "unsafe" not in policy
    assert got["l10n"].count("Preview: {0}") == 1


def test_score_the_year_and_check_the_folder(node_modules, tmp_path):
    got = _client({"pythonExtension": sys.executable, "run": ["perflang.checkFolder"]}, [])
    (terminal,) = got["terminals"]
    assert terminal["shellPath"] == sys.executable
    assert terminal["shellArgs"] == ["-I", RUN, "check", "/work/project"]
    got = _client({"pythonExtension": sys.executable, "run": ["perflang.buildApproval"]}, [])
    assert got["warnings"] == ["Open a .perf file first."]


# -- the Done-when: the .vsix's server with a Python that has nothing -----------------------------


@pytest.mark.asyncio
async def test_the_vsix_server_runs_with_a_python_that_has_nothing_installed(vsix, tmp_path):
    """The .vsix unpacked, a fresh virtual environment (no perflang, no pygls: nothing at all),
    bundled/tool/run.py lsp started with it as extension.js starts it: an LSP initialize, a
    document opened, its diagnostics (those of perflang check) received."""
    with zipfile.ZipFile(vsix) as z:
        z.extractall(tmp_path / "vsix")
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    python = bare / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    alone = subprocess.run([str(python), "-c", "import pygls"], capture_output=True, text=True)
    assert alone.returncode != 0 and "No module named" in alone.stderr  # nothing installed
    run = tmp_path / "vsix" / "extension" / "bundled" / "tool" / "run.py"
    client = make_test_lsp_client()
    await client.start_io(str(python), "-I", str(run), "lsp", env={"PERFLANG_LANG": "zh", "PATH": os.environ["PATH"]})
    try:
        result = await client.initialize_session(
            T.InitializeParams(capabilities=T.ClientCapabilities(), process_id=None, root_uri=tmp_path.as_uri())
        )
        assert result.server_info.name == "perflang"
        assert result.capabilities.document_formatting_provider
        text = SEED.read_text(encoding="utf-8").replace("产出 / 数量", "产处 / 数量", 1)
        uri = (tmp_path / "x.perf").as_uri()
        client.text_document_did_open(
            T.DidOpenTextDocumentParams(
                text_document=T.TextDocumentItem(uri=uri, language_id="perf", version=1, text=text)
            )
        )
        await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        got = client.diagnostics[uri]
        assert [d.code for d in got] == [d.code for d in compile_text(text).diagnostics]
        assert "PF201" in [d.code for d in got]
        assert got[0].message.split("\n")[0] == compile_text(text).diagnostics[0].message("zh")
        await client.shutdown_session()
    finally:
        await client.stop()


# -- an optional package the .vsix does not carry ------------------------------------------------


def _extra(name: str) -> list[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["optional-dependencies"][name]


def test_the_install_hint_of_the_extensions_copy_names_the_package_and_its_python(monkeypatch, tmp_path):
    """perflang running from the extension's bundled/libs (beside bundled/tool/run.py) was not
    installed by pip, and perflang is not on the package index: PF923's hint installs the extra's
    packages themselves into the Python that runs it (not `perflang[docx]`, not `--user`, which
    run.py's `python -I` would not see)."""
    from click.testing import CliRunner

    import perflang.errors as errors
    from perflang.cli import cli

    (tmp_path / "bundled" / "tool").mkdir(parents=True)
    (tmp_path / "bundled" / "tool" / "run.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(errors, "__file__", str(tmp_path / "bundled" / "libs" / "perflang" / "errors.py"))
    assert errors.origin() == ("bundle", str((tmp_path / "bundled" / "libs").resolve()), False)
    python = f'"{sys.executable}"' if " " in sys.executable else sys.executable
    for extra in ("docx", "xlsx"):
        (package,) = _extra(extra)
        assert errors.install_command(extra, windows=False) == f'{python} -m pip install "{package}"'
    monkeypatch.setitem(sys.modules, "docx", None)
    out = tmp_path / "o.docx"
    result = CliRunner().invoke(cli, ["build", str(SEED), "--to", "docx", "-o", str(out)], env={"PERFLANG_LANG": "zh"})
    assert result.exit_code == 2 and not out.exists()
    assert "PF923" in result.output and f'运行 {python} -m pip install "{_extra("docx")[0]}"' in result.output
    assert "perflang[" not in result.output


def test_the_vsix_writes_excel_with_nothing_installed_and_says_how_to_add_word(vsix, tmp_path):
    """The .vsix unpacked and run by a Python with nothing installed: `build --to xlsx` works
    (openpyxl is bundled); `build --to docx` exits 2 with PF923, whose hint is that Python's
    `-m pip install "python-docx…"`."""
    from openpyxl import load_workbook

    with zipfile.ZipFile(vsix) as z:
        z.extractall(tmp_path / "vsix")
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    python = bare / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run = tmp_path / "vsix" / "extension" / "bundled" / "tool" / "run.py"
    env = {"PERFLANG_LANG": "zh", "PATH": os.environ["PATH"]}

    def perflang(*args):
        command = [str(python), "-I", str(run), *args]
        return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)

    done = perflang("build", str(SEED), "--to", "xlsx", "-o", "seed.xlsx")
    assert done.returncode == 0, done.stderr
    projects = [p.name for p in compile_text(SEED.read_text(encoding="utf-8")).model.projects]
    assert len(load_workbook(tmp_path / "seed.xlsx").sheetnames) == len(projects) > 1
    done = perflang("build", str(SEED), "--to", "docx", "-o", "seed.docx")
    assert done.returncode == 2 and not (tmp_path / "seed.docx").exists()
    exe = subprocess.run([str(python), "-c", "import sys; print(sys.executable)"], capture_output=True, text=True)
    assert "PF923" in done.stderr and "需要 python-docx" in done.stderr
    assert f'运行 {exe.stdout.strip()} -m pip install "{_extra("docx")[0]}"' in done.stderr, done.stderr
    assert "perflang[" not in done.stderr
