"""The language server (`perflang lsp`): diagnostics, formatting, hover, completion, outline,
folding, go to definition, references, code actions and semantic tokens over stdio.

Needs the optional extra `lsp` (pygls 2, lsprotocol): `pip install "perflang[lsp]"`.  The
features are plain functions of the document text in the modules of this package; server.py
wires them to pygls.  Nothing here imports click.
"""

from __future__ import annotations

__all__ = ["run_stdio", "MISSING"]

MISSING = (
    'perflang lsp 需要可选依赖 pygls：pip install "perflang[lsp]"\n'
    'perflang lsp needs the optional dependency pygls: pip install "perflang[lsp]"'
)


def run_stdio() -> int:
    """Serve on stdin/stdout until the client exits; 2 when pygls is not installed."""
    import sys

    try:
        from .server import make_server, serve_stdio
    except ImportError:
        print(MISSING, file=sys.stderr)
        return 2
    serve_stdio(make_server())
    return 0
