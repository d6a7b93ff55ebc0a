"""The seed example compiles cleanly end to end."""

from conftest import SEED_EXAMPLE

from perflang.api import compile_file


def test_seed_example_has_no_errors():
    result = compile_file(SEED_EXAMPLE)
    assert result.ok, [d.message() for d in result.diagnostics]
    assert [p.name for p in result.model.projects] == [
        "政务服务工作",
        "援疆对口社区帮扶",
        "法律顾问",
        "城市数字公共基础设施专班",
        "办公区域改扩建维修",
    ]


def test_seed_example_rows_match_seed(seed_projects):
    model = compile_file(SEED_EXAMPLE).model
    for seed, project in zip(seed_projects, model.projects, strict=True):
        built = [
            (
                f"{'长期' if g.kind == 'long-term' else '年度'}目标{g.number}",
                i.level1,
                i.level2,
                i.name,
                i.target.text,
                i.basis,
            )
            for g in project.goals
            for i in g.indicators
        ]
        expected = [(r.goal, r.level1, r.level2, r.name, r.value, r.basis) for r in seed.rows]
        assert built == expected
