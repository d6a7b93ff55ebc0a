"""Deterministic benchmark corpora: one document model written as .perf and as TOML.

A project is a budget, one 年度目标 with its text and 20 indicators in the six usual groups,
values drawn from the shapes real tables use (≥95%, =33人, ≤571万元, ≥2.3万个, qualitative
words).  The same seed always gives the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

INDICATORS_PER_PROJECT = 20

# (一级, 二级, name stem, value maker); 20 rows per project
_ROWS = [
    ("成本", "经济成本", "设备购置成本", lambda r, b: f"≤{r.randint(1, b // 4)}万元"),
    ("成本", "经济成本", "运行维护成本", lambda r, b: f"≤{r.randint(1, b // 4)}万元"),
    ("产出", "数量", "服务人员数量", lambda r, b: f"={r.randint(5, 80)}人"),
    ("产出", "数量", "服务窗口数量", lambda r, b: f"≥{r.randint(2, 40)}个"),
    ("产出", "数量", "培训人次", lambda r, b: f"≥{r.randint(1, 9)}.{r.randint(1, 9)}万人次"),
    ("产出", "数量", "覆盖面积", lambda r, b: f"≥{r.randint(100, 9000)}平方米"),
    ("产出", "数量", "采购设备台数", lambda r, b: f"={r.randint(1, 300)}台"),
    ("产出", "质量", "验收合格率", lambda r, b: f"≥{r.randint(90, 100)}%"),
    ("产出", "质量", "系统正常运转率", lambda r, b: f"≥{r.randint(95, 99)}.{r.randint(0, 9)}%"),
    ("产出", "质量", "档案资料质量", lambda r, b: r.choice(["达标", "符合规范要求", "合格"])),
    ("产出", "时效", "项目按时完成率", lambda r, b: "=100%"),
    ("产出", "时效", "问题处置时限", lambda r, b: f"≤{r.randint(1, 15)}个工作日"),
    ("产出", "时效", "资金支付时间", lambda r, b: f"{r.randint(6, 12)}月底前完成"),
    ("效益", "社会效益", "群众办事便利程度", lambda r, b: r.choice(["显著提高", "提高", "有效改善"])),
    ("效益", "社会效益", "政策知晓率", lambda r, b: f"≥{r.randint(80, 99)}%"),
    ("效益", "经济效益", "节约行政成本", lambda r, b: f"≥{r.randint(1, 50)}万元"),
    ("效益", "可持续影响", "长效机制建立情况", lambda r, b: r.choice(["建立", "健全", "完善"])),
    ("效益", "生态效益", "节约用电量", lambda r, b: f"≥{r.randint(100, 9999)}千瓦时"),
    ("满意度", "满意度", "群众满意度", lambda r, b: f"≥{r.randint(90, 99)}%"),
    ("满意度", "满意度", "服务对象满意率", lambda r, b: f"≥{r.randint(90, 99)}%"),
]
_BASES = ("计划标准", "历史标准", "行业标准")


def projects(count: int, seed: int = 2024) -> list[dict]:
    """count projects as plain data (name, budget, goal text, indicator rows)."""
    return list(iter_projects(count, seed))


def iter_projects(count: int, seed: int = 2024):
    """projects(count, seed), one at a time."""
    rng = random.Random(seed)
    for k in range(1, count + 1):
        budget = rng.randint(40, 2000)
        rows = []
        for level1, level2, stem, make in _ROWS:
            basis = rng.choice(_BASES) if rng.random() < 0.2 else None
            rows.append((level1, level2, f"{stem}（第{k}号）", make(rng, budget), basis))
        yield {
            "name": f"政务服务项目{k:05d}",
            "budget": str(budget),
            "text": f"第{k}号项目：完善全市政务服务体系，提升服务能力，确保资金使用规范。",
            "rows": rows,
        }


def _groups(rows):
    """rows grouped by (一级, 二级), in first-seen order."""
    groups: dict[tuple[str, str], list] = {}
    for level1, level2, name, value, basis in rows:
        groups.setdefault((level1, level2), []).append((name, value, basis))
    return groups.items()


_PERF_HEAD = ["# 基准测试生成的文件", "申报单位 某市数据局", "金额单位 万元", "默认依据 计划标准", ""]
_TOML_HEAD = ['unit = "某市数据局"', 'money_unit = "万元"', 'default_basis = "计划标准"', ""]


def to_perf(data: list[dict]) -> str:
    return "\n".join(_PERF_HEAD + [line for p in data for line in _perf_lines(p)])


def _perf_lines(p: dict) -> list[str]:
    lines = [f"项目 {p['name']} {{", f"  预算 {p['budget']}", f'  年度目标 1 "{p["text"]}" {{']
    for (level1, level2), items in _groups(p["rows"]):
        lines.append(f"    {level1} / {level2} {{")
        for name, value, basis in items:
            attrs = f" {{ 依据 {basis} }}" if basis else ""
            lines.append(f"      {name}: {value}{attrs}")
        lines.append("    }")
    lines += ["  }", "}", ""]
    return lines


def _toml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_toml(data: list[dict]) -> str:
    """The same data as a person would write it in TOML: a table per group, name = value."""
    return "\n".join(_TOML_HEAD + [line for p in data for line in _toml_lines(p)])


def _toml_lines(p: dict) -> list[str]:
    lines = [
        "[[projects]]",
        f"name = {_toml_str(p['name'])}",
        f"budget = {p['budget']}",
        "",
        "[[projects.goals]]",
        'kind = "annual"',
        "number = 1",
        f"text = {_toml_str(p['text'])}",
        "",
    ]
    for (level1, level2), items in _groups(p["rows"]):
        lines.append(f"[projects.goals.indicators.{_toml_str(level1)}.{_toml_str(level2)}]")
        for name, value, basis in items:
            shown = f"{{ value = {_toml_str(value)}, basis = {_toml_str(basis)} }}" if basis else _toml_str(value)
            lines.append(f"{_toml_str(name)} = {shown}")
        lines.append("")
    return lines


def write_large(folder: Path, count: int, seed: int = 2024) -> dict[str, Path]:
    """A province of count projects (to_perf and to_toml of projects(count, seed), the same
    bytes) written project by project, never held whole: the million-indicator case is
    generated, not committed."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"perf": folder / f"province-{count}.perf", "toml": folder / f"province-{count}.toml"}
    with (
        open(paths["perf"], "w", encoding="utf-8", newline="") as perf,
        open(paths["toml"], "w", encoding="utf-8", newline="") as toml,
    ):
        perf.write("\n".join(_PERF_HEAD))
        toml.write("\n".join(_TOML_HEAD))
        for p in iter_projects(count, seed):
            perf.write("\n" + "\n".join(_perf_lines(p)))
            toml.write("\n" + "\n".join(_toml_lines(p)))
    return paths


def write_corpora(folder: Path, projects_count: int = 2000, files: int = 1000) -> dict[str, Path]:
    """Write every corpus the benchmark needs into folder; returns their paths by name."""
    folder.mkdir(parents=True, exist_ok=True)
    data = projects(projects_count)
    double = projects(2 * projects_count)
    paths = {
        "perf": folder / "province.perf",
        "perf2": folder / "province-x2.perf",
        "toml": folder / "province.toml",
        "dir": folder / "submissions",
    }
    paths["perf"].write_text(to_perf(data), encoding="utf-8")
    paths["perf2"].write_text(to_perf(double), encoding="utf-8")
    paths["toml"].write_text(to_toml(data), encoding="utf-8")
    paths["dir"].mkdir(exist_ok=True)
    small = projects(files * 2, seed=7)
    for k in range(files):
        (paths["dir"] / f"unit{k:04d}.perf").write_text(to_perf(small[2 * k : 2 * k + 2]), encoding="utf-8")
    return paths
