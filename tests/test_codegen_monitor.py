"""The generated evaluator's `monitor(progress)` (issue 26, item 5): `perflang build --to python`
gives a budget system the 运行监控 lights beside `evaluate(actuals)`, and they equal the
interpreter's (`perflang monitor --to json`) over generated targets and progress — good values,
missing ones, wrong months, amounts above the budget, words not in the list, unknown names —
under the file's profile and under profiles with their own [monitoring] table."""

from __future__ import annotations

import json
import types

from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflang.api import compile_text
from perflang.backends.python import render
from perflang.evaluation.monitoring import monitor_file, monitor_model
from perflang.scoring.rules import profile_from_data
from perflang.scoring.spec import load_profile
from perflang.testing import actuals_for, documents

SAMPLES = EXAMPLES.parent / "docs" / "zh" / "examples"
PROFILES = [
    None,
    {"name": "strict", "monitoring": {"positive": {"red": 70, "yellow": 90, "blue": 110}, "budget": {"red": 50}}},
    {"name": "whole-rates", "monitoring": {"prorate_percent": False, "deviation": 120, "caps": [[90, 95]]}},
    {
        "name": "hubei-like",
        "monitoring": {
            "likelihood": ["确定能", "有可能", "不可能"],
            "explain": ["有可能", "不可能"],
            "words": {"red": "R", "yellow": "Y", "green": "G", "blue": "B"},
        },
    },
]
SLOW = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def load(source: str) -> types.ModuleType:
    module = types.ModuleType("evaluator")
    exec(compile(source, "evaluator.py", "exec"), module.__dict__)
    return module


def interpret(model, progress, profile_data):
    """What `perflang monitor --to json` gives (result, problems), the profile as data on national."""
    profile = load_profile(None)
    if profile_data is not None:
        profile = profile_from_data(profile_data, profile, "custom")
    return monitor_model(model, progress, profile)


def _plain(value):
    return json.loads(json.dumps(value, ensure_ascii=False))


@st.composite
def progress_for(draw, model):
    """perflang-progress/1 data for a model: values to date and projections drawn as actuals are
    (meeting, missing, on the boundary, in another unit), some left out or blank, a month that
    may be wrong, amounts that may pass the budget, likelihood words in and out of the list,
    reasons or none, a project left out, unknown names."""
    now = draw(actuals_for(model)).data["projects"]
    year = draw(actuals_for(model)).data["projects"]
    month = draw(st.one_of(st.integers(1, 12), st.sampled_from([0, 13, "6", "1-6月", "１－８月", "x", None])))
    projects = {}
    for p in model.projects:
        if draw(st.integers(0, 5)) == 0:
            continue  # not monitored: PF542
        body: dict = {"indicators": {}}
        budget = p.budget.value if p.budget is not None else None
        if budget and draw(st.booleans()):
            share = draw(st.decimals(min_value=0, max_value="1.3", places=2))
            body["executed"] = format(budget * share, "f")
            if draw(st.booleans()):
                body["projected_executed"] = format(budget * draw(st.decimals(min_value=0, max_value=1, places=2)), "f")
        for name, value in now[p.name]["indicators"].items():
            entry: dict = {}
            if draw(st.integers(0, 6)):
                entry["value"] = value if draw(st.integers(0, 8)) else ""
            if draw(st.booleans()):
                entry["projected"] = year[p.name]["indicators"][name]
            word = draw(st.sampled_from([None, "确定能", "有可能", "不可能", "完全不可能", "大概能"]))
            if word:
                entry["likelihood"] = word
            if draw(st.integers(0, 3)) == 0:
                entry["reasons"] = draw(st.sampled_from([{"经费保障": "资金未到位"}, "人手不足", {"其他": ""}]))
                entry["measures"] = draw(st.sampled_from(["", "加快进度"]))
            body["indicators"][name] = entry if draw(st.integers(0, 4)) else entry.get("value", "")
        if draw(st.integers(0, 6)) == 0:
            body["indicators"]["不存在的指标"] = "1"
        projects[p.name] = body
    if draw(st.integers(0, 8)) == 0:
        projects["不存在的项目"] = {"indicators": {}}
    progress = {"format": "perflang-progress/1", "projects": projects}
    if month is not None:
        progress["month"] = month
    return progress


@SLOW
@given(
    documents().flatmap(lambda d: progress_for(d.model).map(lambda p: (d, p))),
    st.sampled_from(PROFILES),
)
def test_generated_monitor_equals_the_interpreter(case, profile):
    doc, progress = case
    data = _plain(progress)
    module = load(render(doc.model))
    result, problems = interpret(doc.model, data, profile)
    assert _plain(module.monitor(data, profile)) == _plain(result)
    assert module.monitor_problems(data, profile) == problems


@SLOW
@given(documents().flatmap(lambda d: st.tuples(st.just(d), progress_for(d.model), actuals_for(d.model))))
def test_monitoring_leaves_evaluate_as_it_was(case):
    """The monitoring code embedded after the scoring library redefines none of its names (it
    once had two of core's, PROJECT_KEYS and ENTRY_KEYS): one module monitors, then scores, as
    the interpreter does."""
    from perflang.evaluation.run import evaluate_model

    doc, progress, actuals = case
    module = load(render(doc.model))
    module.monitor(_plain(progress))
    data = _plain(actuals.data)
    for body in data["projects"].values():  # entries with the keys the actuals reader knows
        body["indicators"] = {k: {"actual": v, "note": "备注"} for k, v in body["indicators"].items()}
        body["summary"] = "自评结论"
    expected, found = evaluate_model(doc.model, data, load_profile(None))
    assert module.evaluate(data) == _plain(expected)
    assert module.problems(data) == found


def test_the_guides_example_as_the_command_prints_it(tmp_path):
    """The guide's 法律顾问 targets and progress (docs/zh/运行监控.md): the module built from the
    file gives what `perflang monitor --to json` gives.  The lights by hand (month 6, N/12 = 0.5):
    budget 0.7/2 ÷ 0.5 = 70 → yellow; 法律顾问费 0.7万元 within ≤2万元 → green; 提出建议 2份 ÷ (10 × 0.5)
    = 40 → red; 法治培训合格率 96% ÷ (95% × 0.5) = 202.11 → blue; 项目按时完成率 50% ÷ (100% × 0.5)
    = 100 → green; 合规制度 4条 ÷ (10 × 0.5) = 80 → green; 群众满意度 93% ÷ 47.5% = 195.79 → blue;
    the project: red."""
    from perflang.evaluation.progress import load_progress

    perf, csv = SAMPLES / "法律顾问.perf", SAMPLES / "法律顾问-监控数据.csv"
    model = compile_text(perf.read_text(encoding="utf-8"), str(perf)).model
    module = load(render(model))
    progress = load_progress(csv).data
    outcome = monitor_file(str(perf), str(csv), None)
    result = module.monitor(progress)
    assert _plain(result) == _plain(outcome.evaluation.result)
    assert result["light"] == "red" and result["projects"][0]["budget_light"] == "yellow"
    assert [r["light"] for r in result["projects"][0]["indicators"]] == [
        "green",
        "red",
        "blue",
        "green",
        "green",
        "blue",
    ]


def test_the_value_to_date_is_named_as_the_form_names_it_by_the_generated_module(tmp_path):
    """Each problem of the value to date (PF543–PF550, the engine's PF507–PF509 and PF520–PF524
    said of 1-N月完成值) is the generated module's too, with the same code and args, and the
    module's messages (the catalog's, MESSAGES) fill to the text perflang monitor prints, the
    months (the period) given as the interpreter gives them; the same texts given as 全年预计
    keep the engine's codes and their 实际完成值.  The cases are test_monitor's, worked by hand."""
    from test_monitor import GOOD, TO_DATE

    from perflang.evaluation.monitoring import to_diagnostics
    from perflang.evaluation.progress import load_progress

    for code, engine, name, value, perf, *_ in TO_DATE:
        model = compile_text(perf, "t.perf").model
        module = load(render(model))
        progress = json.loads(json.dumps(GOOD))
        progress["projects"]["甲"]["indicators"][name] = {"value": value, "projected": value}
        for month in (6, 8, None):
            progress["month"] = month
            path = tmp_path / "p.json"
            path.write_text(json.dumps(progress, ensure_ascii=False), encoding="utf-8")
            _, problems = interpret(model, progress, None)
            found = module.monitor_problems(progress)
            assert found == problems
            assert code in [p[0] for p in found] and engine in [p[0] for p in found if len(p) > 3]
            shown = to_diagnostics(problems, load_progress(path), month)
            period = f"1-{month}月" if month else "1-N月"
            for (c, _, args, *_), diag in zip(found, shown):
                if c != code:
                    continue
                filled = {**module.message_args(c, args), "period": period}
                assert module.MESSAGES[c][1].format(**filled) == diag.message("zh")
                assert module.MESSAGES[c][2].format(**filled) == diag.message("en")
                assert period + "完成值" in diag.message("zh") and "实际完成值" not in diag.message("zh")
                assert "the value to date" in diag.message("en")
