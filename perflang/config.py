"""Configuration: select/ignore of diagnostic codes from [tool.perflang] in pyproject.toml or
from perflang.toml, found by walking up from the checked path (as ruff does).

    [tool.perflang]            # or, in perflang.toml, the same keys at the top level
    select = ["PF"]            # code prefixes to report (default: every code)
    ignore = ["PF408", "PF40"] # code prefixes not to report

The most specific matching prefix wins: select = ["PF4"], ignore = ["PF40"] drops PF401 to
PF409 but keeps PF410; select = ["PF", "PF408"], ignore = ["PF4"] keeps PF408 alone of the PF4xx.  A configuration that cannot be used is not
ignored silently: its problem is reported (PF008) on every file it applies to.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

__all__ = ["Config", "find_config", "CONFIG_NAMES"]

CONFIG_NAMES = ("perflang.toml", "pyproject.toml")
_KEYS = ("select", "ignore")


class Config(NamedTuple):  # not attrs: a re-check served from the cache never imports attrs
    select: tuple[str, ...] = ()  # empty: every code
    ignore: tuple[str, ...] = ()
    path: str | None = None
    problem: str | None = None  # why the file at path could not be used (PF008)

    def enabled(self, code: str) -> bool:
        """A code is on when a select prefix matches (or none is given) and no ignore prefix at
        least as specific matches: the most specific prefix wins, as in ruff."""
        sel = max((len(p) for p in self.select if code.startswith(p)), default=None)
        if self.select and sel is None:
            return False
        ign = max((len(p) for p in self.ignore if code.startswith(p)), default=None)
        return ign is None or (sel or 0) > ign

    def key(self) -> str:
        return f"select={','.join(self.select)};ignore={','.join(self.ignore)};problem={self.problem}"


def _table(path: Path) -> tuple[dict | None, str | None]:
    """The perflang table of a config file (None when a pyproject.toml has none), or a problem."""
    import tomllib

    from .fileio import InputError, read_regular

    try:  # a regular file of bounded size: never a FIFO, a device or a link to /dev/zero
        data = tomllib.loads(read_regular(path).decode("utf-8"))
    except InputError as exc:
        from .messages import localize

        return None, localize(exc.why, "en")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"cannot read it: {exc}"
    except tomllib.TOMLDecodeError as exc:
        return None, f"invalid TOML: {exc}"
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("perflang")
        if data is None:
            return None, None
    if not isinstance(data, dict):
        return None, "[tool.perflang] must be a table"
    return data, None


def _codes(data: dict, key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ValueError(f"'{key}' must be a list of code prefixes such as \"PF408\"")
    return tuple(x.strip().upper() for x in value)


def load_config(path: Path) -> Config | None:
    """The configuration in one file; None when it holds no perflang settings."""
    from .messages import CATALOG

    data, problem = _table(path)
    if problem is not None:
        return Config(path=str(path), problem=problem)
    if data is None:
        return None
    try:
        unknown = sorted(set(data) - set(_KEYS))
        if unknown:
            raise ValueError(f"unknown key(s) {', '.join(unknown)}; use select / ignore")
        select, ignore = _codes(data, "select"), _codes(data, "ignore")
        stray = [p for p in select + ignore if not any(c.startswith(p) for c in CATALOG)]
        if stray:
            raise ValueError(f"no diagnostic code starts with {', '.join(stray)}")
    except ValueError as exc:
        return Config(path=str(path), problem=str(exc))
    return Config(select=select, ignore=ignore, path=str(path))


def find_config(start: str | Path) -> Config:
    """The nearest configuration at or above start (a file or a folder); Config() if none."""
    here = Path(start).resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                found = load_config(candidate)
                if found is not None:
                    return found
    return Config()
