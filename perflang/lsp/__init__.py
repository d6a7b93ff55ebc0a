"""The language server (`perflang lsp`): diagnostics, formatting (a document, a range), hover,
completion, outline, workspace symbols, folding, go to definition, references, rename, inlay
hints, document links, code actions (and source.fixAll) and semantic tokens (full, delta, range)
over stdio; settings that take effect (didChangeWatchedFiles, didChangeConfiguration).

Needs the optional extra `lsp` (pygls 2, lsprotocol): `pip install ".[lsp]"` in a clone (the VS
Code extension carries them).  The features are plain functions of the document in the modules
of this package (completion.py and actions.py import nothing of pygls: a page in the browser
uses them too); server.py wires them to pygls.  Nothing here imports click.
"""

from __future__ import annotations

__all__ = ["run_stdio", "missing"]


def missing() -> str:
    """What `perflang lsp` says without pygls: the command that adds it to this copy."""
    from ..diagnostics import language
    from ..errors import install_command
    from ..messages import cli_text

    return cli_text("lsp.missing", language(), install=install_command("lsp"))


def run_stdio() -> int:
    """Serve on stdin/stdout until the client exits; 2 when pygls is not installed."""
    import sys

    try:
        from .server import make_server, serve_stdio
    except ImportError:
        print(missing(), file=sys.stderr)
        return 2
    serve_stdio(make_server())
    return 0
