"""The resolved model's indicators: model._indicators builds them without the attrs __init__
(resolve's hot path); each must be the object IndicatorModel(**kw) makes."""

from __future__ import annotations

import attrs
import pytest
from conftest import EXAMPLES

from perflang.model import IndicatorModel, resolve
from perflang.syntax.parser import parse_recovering

TEXT = """默认依据 计划标准

项目 测试 {
  预算 100
  年度目标 1 "目标" {
    产出 / 数量 {
      人数: ≥3人 { 依据 行业标准; 分值 10 }
      次数: 5次 { 分值 很多 }
      说明: 达标
    }
    满意度 / 满意度 {
      满意度: ≥90%
    }
  }
}
"""


def _indicators(texts):
    for text in texts:
        model = resolve(parse_recovering(text)[0], "t.perf")
        yield from (i for p in model.projects for g in p.goals for i in g.indicators)


def test_an_indicator_is_the_one_its_class_makes():
    seen = 0
    for ind in _indicators([TEXT] + [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.perf"))]):
        made = IndicatorModel(**{f.name: getattr(ind, f.name) for f in attrs.fields(IndicatorModel)})
        assert type(ind) is IndicatorModel
        assert ind == made and hash(ind) == hash(made) and repr(ind) == repr(made)
        assert attrs.asdict(ind, recurse=False) == attrs.asdict(made, recurse=False)
        assert attrs.evolve(ind, name="x") == attrs.evolve(made, name="x")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ind.name = "x"
        seen += 1
    assert seen > 50


def test_attributes_are_read():
    inds = {i.name: i for i in _indicators([TEXT])}
    assert inds["人数"].basis == "行业标准" and inds["人数"].weight == 10
    assert inds["次数"].basis == "计划标准" and inds["次数"].weight is None
    assert inds["说明"].basis == "计划标准" and inds["满意度"].level2_canonical == "服务对象满意度指标"
