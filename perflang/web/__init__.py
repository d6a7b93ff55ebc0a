"""绩效目标工作台: perflang as a web page (`perflang web build DIR`, `perflang web serve`).

The page (the JavaScript in the repository's top-level web/ folder) runs this very package in
the browser under Pyodide, in a Web Worker.  Here:

    bridge   the plain functions the worker calls (check, format, preview, downloads, import,
             new, eval, completion, quick fixes), each a thin call into api / backends /
             importers / evaluation / lsp, answering JSON-able values
    site     builds the static site: the bundled JavaScript (npm + esbuild in web/), Pyodide
             from npm, perflang's wheel and its dependencies' pure-Python wheels from PyPI
    serve    serves a built site on 127.0.0.1 with its Content-Security-Policy
"""
