"""The page's Python under the page's own Pyodide (Python 3.14, WebAssembly), run in Node:
the site's pyodide/ and wheels/ as the worker loads them, and tests/web_cases.py (compile and
its diagnostics and quick fixes, every pure-Python backend, format, completion, import of
.xlsx, .docx, .html and text tables, eval) gives the same answers as under CPython."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT, SEED_EXAMPLE
from webpage import need

HERE = ROOT / "tests"


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cases")
    shutil.copy(SEED_EXAMPLE, folder / "seed.perf")
    shutil.copy(EXAMPLES / "ezhou-actuals.json", folder / "actuals.json")
    shutil.copy(ROOT / "docs" / "zh" / "examples" / "批复表-系统导出.txt", folder / "export.txt")
    for name in ("法律顾问-初稿.perf", "法律顾问-二稿.perf"):  # drafts with errors and warnings
        shutil.copy(ROOT / "docs" / "zh" / "examples" / name, folder / name)
    for example in ("yueyang-farmland.perf", "chizhou-entrusted-services.perf"):
        shutil.copy(EXAMPLES / example, folder / example)
    for fmt in ("xlsx", "docx", "tsv", "html"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "perflang",
                "build",
                str(SEED_EXAMPLE),
                "--to",
                fmt,
                "-o",
                str(folder / f"seed.{fmt}"),
            ],
            capture_output=True,
        )
        assert done.returncode == 0
    return folder


def test_pyodide_in_node_answers_as_cpython(web_site, cases):
    need("node", shutil.which("node") is not None)
    site = web_site
    node = subprocess.run(
        ["node", str(HERE / "web_node.mjs"), str(site), str(HERE / "web_cases.py"), str(cases)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert node.returncode == 0, node.stderr[-3000:]
    in_pyodide = json.loads(node.stdout)
    sys.path.insert(0, str(HERE))
    from web_cases import main

    in_cpython = json.loads(json.dumps(main(cases), ensure_ascii=False))
    assert in_pyodide.keys() == in_cpython.keys()
    for key in in_cpython:
        assert in_pyodide[key] == in_cpython[key], key
    seed = in_cpython["seed.perf"]
    assert {"json", "html", "tsv", "xlsx", "python", "preview"} <= seed.keys()  # every page backend ran
    assert in_cpython["import seed.docx"]["text"] and in_cpython["import seed.xlsx"]["text"]
    assert in_cpython["eval json"]["result"]["projects"]
