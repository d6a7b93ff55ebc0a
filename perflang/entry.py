"""The `perflang` command's entry point.

`perflang check PATH... [--strict]` over files that are all clean and unchanged since the cache
saw them (the re-check of a reviewed folder, or of a file on save) is answered here: nothing to
print, exit 0, without importing click, which is a third of such a re-check (~25 ms of ~65 ms).
Anything else (another command or option, a file to compile, a diagnostic to show) goes to the
click commands in perflang.cli, which answer the case handled here the same way
(tests/test_entry.py).
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    """The perflang command; Ctrl-C: one line, exit 130 (here as in perflang.cli)."""
    try:
        _main(argv)
    except KeyboardInterrupt:
        from .errors import interrupted

        interrupted()


def _main(argv: list[str] | None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["check"]:
        from .workspace.runner import all_clean

        if all_clean(args[1:]):
            sys.exit(0)
    from .cli import main as cli_main

    cli_main(argv)
