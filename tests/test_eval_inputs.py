"""eval and build --to python on input that check accepts (issue 11, item 5): NaN/Infinity,
huge and very long numbers, deep JSON and TOML, a huge hand-given score or profile weight and a
target of 1e29 give positioned diagnostics (exit 1) or exact results, never an internal error."""

from __future__ import annotations

import json
import types

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, SEED_EXAMPLE

from perflang.api import compile_text
from perflang.backends.python import render
from perflang.cli import cli
from perflang.evaluation.actuals import load_actuals

ACTUALS = json.loads((EXAMPLES / "ezhou-actuals.json").read_text(encoding="utf-8"))
PROJECT = "政务服务工作"
STAFF = "购买专业热线政务服务人员数量"


def _eval(tmp_path, actuals_text: str, perf=SEED_EXAMPLE, *extra):
    a = tmp_path / "a.json"
    a.write_text(actuals_text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(perf), "-a", str(a), "--to", "json", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def _with(value, key=STAFF) -> dict:
    data = json.loads(json.dumps(ACTUALS))
    data["projects"][PROJECT]["indicators"][key] = value
    return data


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(_with(float("nan")), ensure_ascii=False),  # as Python's json.dumps writes NaN
        json.dumps(_with(float("inf")), ensure_ascii=False),
        json.dumps(_with(float("-inf")), ensure_ascii=False),
        json.dumps(_with(7), ensure_ascii=False).replace(": 7", ": " + "9" * 5000, 1),
        json.dumps(_with("9" * 5000 + "人"), ensure_ascii=False),
        json.dumps(_with(7), ensure_ascii=False).replace(": 7", ": 1e999999", 1),
        '{"format": "perflang-actuals/1", "projects": ' + "[" * 5000 + "]" * 5000 + "}",
    ],
)
def test_unusable_numbers_and_deep_json_are_positioned_errors(tmp_path, text):
    result = _eval(tmp_path, text)
    assert result.exit_code == 1
    assert "PF501" in result.output and "a.json:" in result.output


def test_the_error_points_at_the_number(tmp_path):
    text = json.dumps(_with(float("nan")), ensure_ascii=False, indent=2)
    actuals = load_actuals(_write(tmp_path, text))
    (d,) = actuals.diagnostics
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "NaN" in ln)
    assert (d.code, d.span.line) == ("PF501", line)


def _write(tmp_path, text):
    a = tmp_path / "a.json"
    a.write_text(text, encoding="utf-8")
    return a


@pytest.mark.parametrize(
    "value", ["1" + "0" * 30 + "人", 10**30, {"actual": "33人", "score": "1e40"}, {"actual": "33人", "score": 1e40}]
)
def test_huge_values_are_scored_or_reported(tmp_path, value):
    result = _eval(tmp_path, json.dumps(_with(value), ensure_ascii=False))
    assert result.exit_code in (0, 1)
    if result.exit_code == 0:
        json.loads(result.stdout[result.stdout.index("{") :])


def test_a_huge_executed_amount_is_scored_exactly(tmp_path):
    data = json.loads(json.dumps(ACTUALS))
    data["projects"][PROJECT]["executed"] = "1" + "0" * 40 + "万元"
    result = _eval(tmp_path, json.dumps(data, ensure_ascii=False))
    assert result.exit_code == 0, result.output


BIG_TARGET = SEED_EXAMPLE.read_text(encoding="utf-8").replace(f"{STAFF}: =33人", f"{STAFF}: ≥1{'0' * 29}人")


def test_a_target_of_1e29_is_evaluated_exactly(tmp_path):
    assert BIG_TARGET != SEED_EXAMPLE.read_text(encoding="utf-8")
    perf = tmp_path / "big.perf"
    perf.write_text(BIG_TARGET, encoding="utf-8")
    result = _eval(tmp_path, json.dumps(ACTUALS, ensure_ascii=False), perf)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout[result.stdout.index("{") :])
    row = next(r for p in out["projects"] for r in p["indicators"] if r["name"] == STAFF)
    assert row["target"] == f"≥1{'0' * 29}人"


def test_the_generated_evaluator_takes_a_target_of_1e29():
    model = compile_text(BIG_TARGET, "big.perf").model
    module = types.ModuleType("evaluator")
    exec(compile(render(model), "evaluator.py", "exec"), module.__dict__)
    result = module.evaluate(ACTUALS)
    row = next(r for p in result["projects"] for r in p["indicators"] if r["name"] == STAFF)
    assert row["score"] is not None


@pytest.mark.parametrize("toml", ['[weights]\n"产出" = 1e308\n', "a = " + "[" * 5000 + "]" * 5000 + "\n"])
def test_an_extreme_profile_is_a_diagnostic(tmp_path, toml):
    profile = tmp_path / "p.toml"
    profile.write_text(toml, encoding="utf-8")
    result = _eval(tmp_path, json.dumps(ACTUALS, ensure_ascii=False), SEED_EXAMPLE, "-p", str(profile))
    assert result.exit_code in (0, 1)
    assert "内部错误" not in result.output
