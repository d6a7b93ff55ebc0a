"""The scoring profiles perflang knows, found rather than listed: every TOML file of
perflang/profiles/ (the built-in ones) and of the folders the environment variable
PERFLANG_PROFILES names (several separated by the path separator, `:` on Linux and macOS, `;` on
Windows).  A profile answers to its `name` (else its file name) and to each of its `aliases`
(湖北, 湖北省 …); `--profile`, `评分方案`, the command's help, the PF108 choices and the docs'
table of profiles all come from what is found here.

A new profile is one TOML file:
1. `perflang/profiles/NAME.toml` (or a file in a PERFLANG_PROFILES folder): the keys of
   `national.toml`, on top of which it is read (a key left out keeps the national value), with
   `name`, `title` (the Chinese name printed on the 自评表), `aliases` and `description`;
2. its source cited in docs/scoring.md (the table of profiles there is checked against these
   files by tests/test_profiles.py);
3. a test that scores a published table with it (tests/test_selfeval_published.py).
Nothing else is edited: tests/test_profiles.py copies national.toml under a new name and alias
into a folder of its own and `perflang eval --profile ALIAS` scores with it.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

__all__ = ["Found", "PROFILES_ENV", "BUILTIN_DIR", "folders", "found", "names", "builtin_name", "extra_files"]

PROFILES_ENV = "PERFLANG_PROFILES"
BUILTIN_DIR = Path(__file__).resolve().parents[1] / "profiles"
NATIONAL = "national"


class Found(NamedTuple):  # not attrs: the check cache's fingerprint reads this module before attrs loads
    """A profile file found: its name, the names it answers to, its file, its title and what
    it is (for the help and the docs)."""

    name: str
    aliases: tuple[str, ...]
    path: Path
    title: str = ""
    description: str = ""


def folders() -> tuple[Path, ...]:
    """The built-in folder, then each folder PERFLANG_PROFILES names."""
    extra = [Path(p) for p in os.environ.get(PROFILES_ENV, "").split(os.pathsep) if p.strip()]
    return (BUILTIN_DIR, *extra)


def extra_files() -> list[Path]:
    """The profile files of the PERFLANG_PROFILES folders (the check cache's fingerprint holds
    them: a profile added there can change a check's PF108)."""
    return [f for folder in folders()[1:] if folder.is_dir() for f in sorted(folder.glob("*.toml"))]


def found() -> dict[str, Found]:
    """Every profile found, national first, then by name (a name found twice: the first)."""
    return _found(folders())


@lru_cache(maxsize=4)
def _found(where: tuple[Path, ...]) -> dict[str, Found]:
    import tomllib

    from ..fileio import InputError, read_regular

    out: dict[str, Found] = {}
    for folder in where:
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
            try:  # a regular file of bounded size: a FIFO or a device there is never waited on
                data = tomllib.loads(read_regular(path).decode("utf-8"))
            except (OSError, InputError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue  # not a profile anyone can name; loading it by path says why
            name = str(data.get("name") or path.stem)
            aliases = data.get("aliases", [])
            aliases = tuple(str(a) for a in aliases) if isinstance(aliases, list) else ()
            title, description = str(data.get("title") or ""), str(data.get("description") or "")
            out.setdefault(name, Found(name, aliases, path, title, description))
    return dict(sorted(out.items(), key=lambda kv: (kv[0] != NATIONAL, kv[0])))


def names() -> list[str]:
    return list(found())


def builtin_name(arg: str) -> str | None:
    """The profile a name means (national, hubei … or 全国, 湖北 …), else None."""
    text = arg.strip()
    for name, f in found().items():
        if text.lower() == name.lower() or text in f.aliases:
            return name
    return None
