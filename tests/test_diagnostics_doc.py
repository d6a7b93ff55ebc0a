"""docs/diagnostics.md's list of codes is generated from the catalog (perflang/messages.py) and
the rule tests (tests/test_checker_codes.py): one entry per code, in order, each with its title,
severity and Chinese message from the catalog and, for a code the checker's cases trigger, the
case as `perflang check` prints it.  What an entry explains beyond that is written by hand below
the generated part and kept.  `pytest tests/test_diagnostics_doc.py --update-goldens` rewrites
the generated parts (a new code gets its entry); the test fails when the doc and the catalog or
the cases differ."""

from __future__ import annotations

import os
import re

from conftest import ROOT
from test_checker_codes import FILE_CASES, TEXT_CASES

from perflang.api import compile_file, compile_text
from perflang.config import Config
from perflang.diagnostics import render
from perflang.messages import CATALOG

DOC = ROOT / "docs" / "diagnostics.md"
MARK = "<!-- generated from tests/test_checker_codes.py: the case as `perflang check` prints it -->"
HEADING = re.compile(r"^### (PF\d{3}) — .*$", re.M)


def _case_output(code: str, tmp_path) -> str | None:
    """The case's diagnostics of this code, as `perflang check t.perf` prints them."""
    if code in TEXT_CASES:
        text, _, _ = TEXT_CASES[code]
        config = Config(path="pyproject.toml", problem="invalid TOML") if code == "PF008" else None
        result = compile_text(text, "t.perf", config)
    elif code in FILE_CASES:
        data, _, _ = FILE_CASES[code]
        folder = tmp_path / code
        folder.mkdir()
        path = folder / "t.perf"
        if data is None:
            path.mkdir()
        else:
            path.write_bytes(data)
        here = os.getcwd()
        os.chdir(folder)
        try:
            result = compile_file("t.perf")
        finally:
            os.chdir(here)
    else:
        return None
    diags = [d for d in result.diagnostics if d.code == code]
    shown = render(diags, "text", {"t.perf": result.source} if result.source else {}, "zh")
    return shown.rsplit("\n", 2)[0]  # without the count of errors and warnings


def _entry(code: str, tmp_path) -> str:
    """The generated part of a code's entry."""
    e = CATALOG[code]
    message = e.zh.replace("{{", "{").replace("}}", "}")
    out = f"### {code} — {e.title}\n\n{e.severity.value} · {message}\n"
    case = _case_output(code, tmp_path)
    if case is not None:
        out += f"\n{MARK}\n```\n{case}\n```\n"
    return out


def _split(doc: str):
    """(the text before the first entry, [(code, hand-written part, text before the next)])."""
    heads = list(HEADING.finditer(doc))
    head, entries = doc[: heads[0].start()], []
    for k, m in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(doc)
        body = doc[m.end() : end]
        if MARK in body:  # drop the generated part: the message line and the block after MARK
            block = body.split(MARK, 1)[1].removeprefix("\n```\n")
            body = block.split("\n```\n", 1)[1]
        else:  # drop the message line only
            body = re.sub(r"^\n\n(?:error|warning) · .*\n", "\n", body, count=1)
        prose, between = (body.split("\n## ", 1) + [""])[:2]
        entries.append((m.group(1), prose.strip("\n"), ("## " + between) if between else ""))
    return head, entries


def generated(doc: str, tmp_path) -> str:
    head, entries = _split(doc)
    written = {code: (prose, between) for code, prose, between in entries}
    out, pending = [head], ""  # pending: the section heading before the next written entry
    for code in sorted(CATALOG):
        prose, between = written.get(code, ("", ""))
        if code in written:
            out.append(pending)
            pending = between
        out.append(_entry(code, tmp_path) + (f"\n{prose}\n" if prose else "") + "\n")
    out.append(pending)
    return "".join(out).rstrip("\n") + "\n"


def test_the_list_of_codes_is_generated_from_the_catalog_and_the_cases(tmp_path, update_goldens):
    doc = DOC.read_text(encoding="utf-8")
    expected = generated(doc, tmp_path)
    if update_goldens:
        DOC.write_text(expected, encoding="utf-8")
        return
    assert doc == expected, "docs/diagnostics.md differs: run pytest tests/test_diagnostics_doc.py --update-goldens"


def test_a_new_code_gets_its_entry(tmp_path, monkeypatch):
    """A code added to the catalog with a case appears in the generated doc, in order, with its
    message and the case's output."""
    from perflang.messages import Entry, Severity

    monkeypatch.setitem(
        CATALOG, "PF412", Entry(Severity.WARNING, "新的提示“{text}”", "new '{text}'", title="a new one")
    )
    doc = generated(DOC.read_text(encoding="utf-8"), tmp_path)
    entry = doc.split("### PF412 — a new one\n", 1)[1].split("### ", 1)[0]
    assert entry.startswith("\nwarning · 新的提示“{text}”\n") and doc.index("### PF411") < doc.index("### PF412")
    assert doc.index("### PF412") < doc.index("## Evaluation (PF5xx)") < doc.index("### PF501")
