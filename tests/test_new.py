"""perflang new: the file it writes checks clean (no error, no warning) and is in the canonical
layout, for any answers; it never overwrites a file; it asks on a terminal and uses placeholders
(and says so) when nobody can be asked."""

from __future__ import annotations

from decimal import Decimal

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import perflang.cli.new
from perflang.api import compile_text
from perflang.cli import cli
from perflang.forms import PRESETS
from perflang.syntax.formatter import format_text
from perflang.syntax.skeleton import GOALS, skeleton, valid_budget, valid_name

# names as people write them: Chinese, digits, Latin, and the characters the syntax treats
# specially (quotes, #, braces, colons, slashes, full-width space)
NAME_CHARS = "数据局政务服务工作鄂州市（）()、·-—0123456789abcXYZ \u3000\"'#{}:：;/／\\"
names = st.text(alphabet=NAME_CHARS, min_size=1, max_size=20).filter(valid_name)
# a budget in 万元 below 100亿元 (seven integer digits are PF308: a number written in 元)
budgets = st.decimals(min_value=0, max_value=Decimal("999999.99"), places=2, allow_nan=False, allow_infinity=False).map(
    lambda d: format(d, "f")
)


def run(*args, input=None):
    return CliRunner().invoke(cli, ["new", *args], input=input)


@settings(max_examples=150)
@given(unit=names, project=names, budget=budgets, form=st.sampled_from(list(PRESETS)), goals=st.sampled_from(GOALS))
def test_the_skeleton_checks_clean_for_any_answers(unit, project, budget, form, goals):
    text = skeleton(unit.strip(), project.strip(), budget, form, goals)
    result = compile_text(text, "new.perf")
    assert result.diagnostics == (), [d.message() for d in result.diagnostics]
    implausible = compile_text(skeleton(unit.strip(), project.strip(), "3200000", form, goals), "new.perf")
    assert [d.code for d in implausible.diagnostics] == ["PF308"]  # 320亿元: said, not built in
    model = result.model
    assert model.unit == unit.strip()
    assert [p.name for p in model.projects] == [project.strip()]
    assert model.projects[0].budget.value == Decimal(budget)
    assert model.form == form
    kinds = {g.kind for g in model.projects[0].goals}
    assert kinds == {"long-term": {"long-term"}, "annual": {"annual"}, "both": {"long-term", "annual"}}[goals]
    assert format_text(text)[0] == text  # perflang fmt --check passes


def test_the_skeleton_has_the_standard_groups_and_explains_them():
    text = skeleton("鄂州市数据局", "政务服务工作", "571")
    model = compile_text(text, "new.perf").model
    goal = model.projects[0].goals[0]
    groups = [(i.level1_canonical, i.level2_canonical) for i in goal.indicators]
    assert groups == [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("产出指标", "时效指标"),
        ("成本指标", "经济成本指标"),
        ("效益指标", "社会效益指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]
    comments = [line for line in text.splitlines() if line.strip().startswith("#")]
    assert len(comments) >= 10 and all(len(c.strip()) > 5 for c in comments)


@settings(max_examples=40)
@given(form=st.sampled_from(list(PRESETS)), goals=st.sampled_from(GOALS), budget=budgets, unit=names)
def test_the_command_writes_a_file_that_checks_clean(tmp_path_factory, form, goals, budget, unit):
    folder = tmp_path_factory.mktemp("new")
    path = folder / "项目.perf"
    result = run(
        str(path), "--unit", unit, "--project", "政务服务工作", "--budget", budget, "--form", form, "--goals", goals
    )
    assert result.exit_code == 0, result.output
    assert "已写入" in result.stderr and "占位" not in result.stderr
    check = CliRunner().invoke(cli, ["check", "--no-cache", "--strict", str(path)])
    assert check.exit_code == 0 and check.output == ""


def test_it_refuses_to_overwrite(tmp_path):
    path = tmp_path / "a.perf"
    path.write_text("原来的内容\n", encoding="utf-8")
    result = run(str(path), "--unit", "单位", "--project", "项目甲", "--budget", "1")
    assert result.exit_code == 2
    assert "已经存在" in result.stderr
    assert path.read_text(encoding="utf-8") == "原来的内容\n"
    result = CliRunner().invoke(cli, ["new", str(path), "--lang", "en"])
    assert result.exit_code == 2 and "exists" in result.stderr


def test_without_a_terminal_missing_answers_become_placeholders_and_it_says_so(tmp_path):
    path = tmp_path / "a.perf"
    result = run(str(path), "--project", "法律顾问")
    assert result.exit_code == 0
    assert "没有给出申报单位、预算" in result.stderr
    text = path.read_text(encoding="utf-8")
    assert "申报单位 某某单位" in text and "项目 法律顾问 {" in text and "预算 0" in text
    assert compile_text(text, "a.perf").diagnostics == ()


def test_on_a_terminal_it_asks_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setattr(perflang.cli.new, "_interactive", lambda: True)
    path = tmp_path / "a.perf"
    # an empty unit and a budget that is no number are asked again
    result = run(str(path), input="\n鄂州市数据局\n法律顾问\n两万\n2\n申报表\nannual\n")
    assert result.exit_code == 0, result.output
    for prompt in ("申报单位", "项目名称", "项目预算（万元）", "表样", "目标"):
        assert prompt in result.output
    assert "不是有效的金额" in result.output
    model = compile_text(path.read_text(encoding="utf-8"), "a.perf").model
    assert (model.unit, model.projects[0].name, model.form) == ("鄂州市数据局", "法律顾问", "申报表")
    assert [g.kind for g in model.projects[0].goals] == ["annual"]


def test_bad_answers_given_as_options_are_usage_errors(tmp_path):
    assert run(str(tmp_path / "a.perf"), "--budget", "两万").exit_code == 2
    assert run(str(tmp_path / "b.perf"), "--unit", "  ").exit_code == 2
    assert run(str(tmp_path / "c.perf"), "--form", "自评表").exit_code == 2
    assert not any(tmp_path.iterdir())


def test_budget_and_names():
    assert valid_budget("571") and valid_budget("2.5") and valid_budget("0")
    assert not valid_budget("-1") and not valid_budget("571万元") and not valid_budget("")
    assert valid_name("鄂州市数据局") and not valid_name(" ") and not valid_name("甲\n乙")


def test_the_form_may_be_given_in_english(tmp_path):
    path = tmp_path / "a.perf"
    assert run(str(path), "--form", "declaration", "--lang", "en").exit_code == 0
    assert "表样 申报表" in path.read_text(encoding="utf-8")
