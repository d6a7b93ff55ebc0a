"""Configuration: select/ignore of diagnostic codes from [tool.perflang] in pyproject.toml or
from perflang.toml, found by walking up from the checked path (as ruff does)."""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

__all__ = ["Config", "find_config"]


@frozen
class Config:
    select: tuple[str, ...] = ()  # empty: every code
    ignore: tuple[str, ...] = ()
    path: str | None = None

    def enabled(self, code: str) -> bool:
        """A code is on when a select prefix matches (or none is given) and no ignore prefix at
        least as specific matches: the most specific prefix wins, as in ruff."""
        sel = max((len(p) for p in self.select if code.startswith(p)), default=None)
        if self.select and sel is None:
            return False
        ign = max((len(p) for p in self.ignore if code.startswith(p)), default=None)
        return ign is None or (sel or 0) > ign

    def key(self) -> str:
        return f"select={','.join(self.select)};ignore={','.join(self.ignore)}"


def _load(path: Path) -> dict | None:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("perflang")
    return data


def find_config(start: str | Path) -> Config:
    here = Path(start).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        for name in ("perflang.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                data = _load(candidate)
                if data is not None:
                    return Config(select=tuple(str(x).upper() for x in data.get("select", ())),
                                  ignore=tuple(str(x).upper() for x in data.get("ignore", ())),
                                  path=str(candidate))
    return Config()
