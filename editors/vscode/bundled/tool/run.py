"""perflang from the libraries bundled with the VS Code extension: `python run.py lsp`, `python
run.py check FOLDER`, … (any perflang command).  The extension starts it with the interpreter it
found (`python -I`: no user site, no PYTHONPATH), so what is imported is what the .vsix holds."""

import os
import sys

if sys.version_info < (3, 11):
    sys.stderr.write(
        "perflang 需要 Python 3.11 或更高版本，当前是 %d.%d。\n"
        "perflang needs Python 3.11 or newer; this is %d.%d.\n" % (sys.version_info[:2] * 2)
    )
    sys.exit(3)

LIBS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "libs")
sys.path.insert(0, LIBS)

from perflang.entry import main  # noqa: E402

sys.argv[0] = "perflang"
main()
