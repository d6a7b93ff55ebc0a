"""Problems outside the user's file — a missing browser or optional package, an output that
cannot be written: one plain line from the catalog (perflang/messages.py, zh + en), with its
code and hint, and exit 2.  Library code raises UserError; only the command line prints it."""

from __future__ import annotations

import sys

__all__ = ["UserError", "interrupted"]


class UserError(Exception):
    exit_code = 2

    def __init__(self, code: str, **args) -> None:
        super().__init__(code)
        self.code = code
        self.fields = args

    @property
    def args_(self) -> dict:
        return self.fields

    def message(self, lang: str = "zh") -> str:
        """`perflang: 错误[PF9xx]: …` and its hint (perflang.diagnostics.plain), without the
        final line break."""
        from .diagnostics import plain

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
