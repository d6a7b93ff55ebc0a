"""What the page computes, for tests/test_web_node.py: run under CPython (python web_cases.py
FOLDER) and under the site's Pyodide in Node (web_node.mjs, which sets INPUT), it prints one
JSON document; the two must be equal.  Every call goes through perflang.web.bridge, the
module the page's worker calls: compile (diagnostics), every backend the page offers (and
the other pure-Python ones), import of each table format, format, eval."""

import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

from perflang.backends import BACKENDS
from perflang.web import bridge

PAGE_BACKENDS = ("json", "html", "tsv", "xlsx", "python")  # pdf needs a browser, docx lxml


def digest(data) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data[:4] == b"PK\x03\x04":
        data = b"".join(name.encode() + b"\0" + part for name, part in office_parts(data))
    return hashlib.sha256(data).hexdigest()


def office_parts(data: bytes) -> list[tuple[str, bytes]]:
    """An office file's parts, each XML part canonical (C14N): openpyxl writes through lxml
    where it is installed (`<a/>`) and through ElementTree in the page (`<a />`), and zlib builds
    compress the same part to other bytes."""
    from xml.etree.ElementTree import canonicalize

    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            part = z.read(info)
            if info.filename.endswith((".xml", ".rels")):
                part = canonicalize(part.decode("utf-8")).encode("utf-8")
            out.append((info.filename, part))
    return out


def main(folder: Path) -> dict:
    out = {}
    for path in sorted(folder.glob("*.perf")):
        text = path.read_text("utf-8")
        checked = bridge.check(text)
        case = {
            "diagnostics": [
                (d["code"], d["line"], d["column"], d["message"], d["hint"]) for d in checked["diagnostics"]
            ]
        }
        case["fixes"] = [f["title"] for d in checked["diagnostics"] for f in d["fixes"]]
        if checked["ok"]:
            for name in PAGE_BACKENDS:
                assert name in BACKENDS
                got = bridge.download(text, name)
                case[name] = digest(got["data"])
            case["preview"] = digest(bridge.preview(text)["html"])
        formatted = bridge.format_text(text)["text"]
        case["format"] = digest(formatted) if formatted is not None else None
        case["complete"] = [i["label"] for i in bridge.complete(text, 1, 0)["items"]]
        out[path.name] = case

    for path in sorted(folder.iterdir()):
        if path.suffix in (".xlsx", ".docx", ".html", ".txt", ".tsv"):
            got = bridge.import_file(str(path))
            out["import " + path.name] = {
                "error": got.get("error"),
                "text": got.get("text"),
                "notes": [(n["where"], n["text"], n["line"]) for n in got.get("notes", [])],
                "summary": got.get("summary"),
            }

    seed = (folder / "seed.perf").read_text("utf-8")
    for fmt in ("json", "html", "xlsx"):
        got = bridge.evaluate(seed, str(folder / "actuals.json"), None, fmt)
        out["eval " + fmt] = {
            "result": got["result"],
            "data": digest(got["data"]),
            "problems": [(d["code"], d["line"], d["message"]) for d in got["problems"]],
        }

    return out


if __name__ == "__main__":
    result = main(Path(globals().get("INPUT") or sys.argv[1]))
    print(json.dumps(result, ensure_ascii=False, sort_keys=True, indent=1))
