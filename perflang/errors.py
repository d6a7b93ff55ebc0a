"""Problems outside the user's file — a missing browser or optional package, an output that
cannot be written: one plain line from the catalog (perflang/messages.py, zh + en), with its
code and hint, and exit 2.  Library code raises UserError; only the command line prints it."""

from __future__ import annotations

from .messages import CATALOG

__all__ = ["UserError"]


class UserError(Exception):
    exit_code = 2

    def __init__(self, code: str, **args) -> None:
        super().__init__(code)
        self.code = code
        self.fields = args

    def message(self, lang: str = "zh") -> str:
        entry = CATALOG[self.code]
        text, hint = (entry.en, entry.hint_en) if lang == "en" else (entry.zh, entry.hint_zh)
        line = f"perflang: {'error' if lang == 'en' else '错误'}[{self.code}]: {text.format(**self.fields)}"
        if hint:
            line += f"\n  = {'hint' if lang == 'en' else '提示'}: {hint.format(**self.fields)}"
        return line

    def __str__(self) -> str:
        return self.message("en")
