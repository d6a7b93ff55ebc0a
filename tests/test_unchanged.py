"""Behaviour held still across refactoring (issue 20): every output of every example, byte for
byte, against the digests in tests/golden/outputs.json.

Each example is built to every `--to` format that needs no browser (json, html, tsv, xlsx,
docx, python, java, js, also with the example form file), checked in both languages, and the seed is
evaluated against its actuals with every built-in profile and the example profile file, in
every `eval --to` format that needs no browser.  The generated evaluator (`--to python`) is
compared with the library files it embeds (perflang/decimals.py and the scoring library,
backends/python.py's EMBEDDED) taken out: they are the interpreter's own source, held equal by tests/test_codegen.py; what is
compared is everything the backend itself writes (targets, units, profiles, the API).

When an output is meant to change, look at the new output itself (the golden HTML, a
screenshot, the workbook as LibreOffice prints it), then `pytest tests/test_unchanged.py
--update-goldens` and review the digest file's diff.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT
from test_checker_codes import CLEAN, TEXT_CASES

from perflang.cli import cli

GOLDEN = ROOT / "tests" / "golden" / "outputs.json"
PERF = sorted(p.relative_to(ROOT) for p in EXAMPLES.glob("*.perf"))  # paths as written: relative
BUILD = ("json", "html", "tsv", "xlsx", "docx", "python", "java", "js")
FORM = Path("examples/forms/yueyang-infrastructure.toml")
ACTUALS = Path("examples/ezhou-actuals.json")
PROFILES = ("national", "hubei", "sichuan", "ningxia", "beijing", "examples/profiles/ningxia.toml")
EVAL = ("json", "text", "html", "xlsx", "docx")


def _embedded_sources() -> list[str]:
    from perflang.backends.python import EMBEDDED, embedded_source

    return [embedded_source(m) for m in EMBEDDED]


def _run(tmp_path: Path, args: list[str]) -> bytes:
    out = tmp_path / "out"
    if out.exists():
        out.unlink()
    done = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert done.exit_code in (0, 1), (args, done.output, done.exception)
    return out.read_bytes() if out.exists() else b""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _outputs(tmp_path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    embedded = _embedded_sources()
    for perf in PERF:
        for target in BUILD:
            data = _run(tmp_path, ["build", str(perf), "--to", target])
            if target == "python":
                text = data.decode("utf-8")
                for source in embedded:
                    assert source in text
                    text = text.replace(source, "<embedded>")
                data = text.encode("utf-8")
            found[f"build {perf.name} --to {target}"] = _digest(data)
        for target in ("html", "tsv", "xlsx"):
            data = _run(tmp_path, ["build", str(perf), "--to", target, "--form", str(FORM)])
            found[f"build {perf.name} --to {target} --form {FORM.name}"] = _digest(data)
        for lang in ("zh", "en"):
            done = CliRunner().invoke(cli, ["check", "--no-cache", "--lang", lang, str(perf)])
            found[f"check {perf.name} --lang {lang}"] = _digest(f"{done.exit_code}\n{done.output}".encode())
    found.update(_messages())
    seed = Path("examples/ezhou-data-bureau.perf")
    for profile in PROFILES:
        for target in EVAL:
            args = ["eval", str(seed), "--actuals", str(ACTUALS), "--profile", profile, "--to", target]
            found[f"eval --profile {Path(profile).name} --to {target}"] = _digest(_run(tmp_path, args))
    return found


# texts that reach the PF108 of a 评分方案 and of a form file that cannot be used
MORE_TEXTS = {
    "profile": "评分方案 广东\n" + CLEAN,
    "profile file": '评分方案 "nowhere.toml"\n' + CLEAN,
    "form": "表样 汇总表\n" + CLEAN,
    "form file": '表样 "nowhere.toml"\n' + CLEAN,
    "status": "状态 审核中\n" + CLEAN,
    "unknown names": CLEAN.replace("产出 / 数量", "产初 / 数理").replace("效益 / 社会效益", "效益 / 数量"),
}


def _messages() -> dict[str, str]:
    """Every diagnostic of the checker's cases (tests/test_checker_codes.py), as text, in
    both languages."""
    from perflang.api import compile_text
    from perflang.diagnostics import render

    found = {}
    cases = {**{code: text for code, (text, _, _) in TEXT_CASES.items()}, **MORE_TEXTS}
    for name, text in cases.items():
        result = compile_text(text, "t.perf")
        for lang in ("zh", "en"):
            shown = render(result.diagnostics, "text", {"t.perf": result.source}, lang)
            found[f"check case {name} --lang {lang}"] = _digest(shown.encode())
    return found


def test_every_output_of_every_example_is_unchanged(tmp_path, update_goldens, monkeypatch):
    monkeypatch.chdir(ROOT)
    found = _outputs(tmp_path)
    if update_goldens:
        GOLDEN.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return
    if not GOLDEN.exists():
        pytest.fail(f"{GOLDEN} is missing: run pytest --update-goldens and review it")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(found) == sorted(expected)
    changed = sorted(k for k in found if found[k] != expected[k])
    assert not changed, changed
