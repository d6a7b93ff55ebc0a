"""Forms (表样): how a region prints its target table — title, header block, columns, footer.

A `Form` is a plain description; `perflang/backends/sheet.py` turns a project into the grid of
cells that the HTML, PDF, TSV, xlsx and docx backends all print.  Three presets model the forms
found in real use (docs/output.md shows each with a picture):

- 批复表 (approval, the default): the seed's 2024 批复表 of 鄂州市数据局;
- 申报表 (declaration): the Hunan 申报表 (湘潭 2023 雾炮车, tests/fixtures/reference/02);
- 目标表 (target): the Hubei 目标表 with long-term and annual indicators side by side (武汉青山
  2020, tests/fixtures/real/32).

A `.perf` file picks one with `表样 批复表|申报表|目标表`, or names a form file with
`表样 "我的表样.toml"`: a TOML file that starts from a preset (`基于 = "申报表"`) and overrides
the title, columns, footer … (docs/output.md, 自定义表样).  Keys may be written in Chinese or English.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from attrs import evolve, frozen

__all__ = [
    "Column",
    "Form",
    "PRESETS",
    "PRESET_NAMES",
    "COLUMN_KEYS",
    "FormError",
    "preset",
    "load_form",
    "resolve_form",
    "fill",
    "is_form_file",
]

# An indicator table's column: what it shows (key), its header, its share of the width (%).
COLUMN_KEYS = {
    "目标名称": "goal",
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "level3",
    "指标值": "value",
    "指标值确定依据": "basis",
    "上年值": "last_year",
    "指标解释": "explanation",
    "分值": "weight",
    "空白": "blank",
}
_KEY_NAMES = {v: k for k, v in COLUMN_KEYS.items()}


@frozen
class Column:
    key: str  # goal, level1, level2, level3, value, basis, last_year, explanation, weight, blank
    header: str  # may hold {年度} / {上年}
    width: float  # percent of the table width


@frozen(kw_only=True)
class Form:
    name: str  # 批复表 / 申报表 / 目标表, or the form file's name
    key: str  # approval / declaration / target / the preset a form file is based on
    title: str  # {年度} is the year ("2024"), {上年} the year before; dropped with no year
    subtitle: str = ""  # a line under the title, e.g. （{年度}年度）
    meta_left: str = "申报单位：{申报单位}"
    meta_right: str = "金额单位：{金额单位}"
    header: str = "approval"  # approval: the seed's summary rows; pairs: label|value pairs
    pairs_per_row: int = 1  # header "pairs": label|value pairs on one row
    labels: tuple[tuple[str, str], ...] = ()  # field key -> label on this form
    show_budget: bool = True  # a 项目预算 row (else the funds block carries the amounts)
    budget_as_written: bool = False  # the text export: 预算 250万 printed 250万 (import reads it back)
    funding_label: str = ""  # a label cell spanning the funds rows (目标表: 项目资金)
    funding_pairs: int = 1  # funds lines per row
    funding_prefix: str = "each"  # each: 其中： before every part; first: before the first part
    #                               after a total only; written: as written
    goals: str = "rows"  # rows: one row per goal; columns: the goal texts side by side
    goal_section: str = "项目绩效总目标"  # rows: the section row above the goals ("" = none)
    goal_label: str = "项目绩效目标"  # columns: the label cell left of the goal texts
    goal_headings: tuple[tuple[str, str], ...] = (("long-term", "长期绩效目标"), ("annual", "年度绩效目标"))
    goal_numbers: bool = True  # 长期绩效目标1 … (False: 实施期绩效目标 once, texts joined)
    goal_columns: tuple[tuple[str, str], ...] = ()  # columns: (heading, long-term|annual|字段名)
    tables: str = "stacked"  # stacked: long-term table, then annual; side-by-side: one grid
    table_titles: tuple[tuple[str, str], ...] = (("long-term", "长期绩效目标表"), ("annual", "年度绩效目标表"))
    side_title: str = "绩效指标表"  # side-by-side: the title row above the grid
    columns: tuple[Column, ...] = ()
    merge: bool = True  # merge 目标名称/一级/二级 runs (rowspan); False: repeat on every row
    footer: tuple[str, ...] = ()  # lines under the table, e.g. 财政资金管理科室（盖章）  年 月 日
    label_width: float = 16.0  # the header block's label column (%), layout only

    def label(self, key: str, default: str) -> str:
        return dict(self.labels).get(key, default)

    def goal_heading(self, kind: str) -> str:
        return dict(self.goal_headings)[kind]

    def table_title(self, kind: str) -> str:
        return dict(self.table_titles)[kind]


APPROVAL_COLUMNS = (
    Column("goal", "目标名称", 12),
    Column("level1", "一级指标", 13),
    Column("level2", "二级指标", 15),
    Column("level3", "三级指标", 27),
    Column("value", "指标值", 15),
    Column("basis", "指标值确定依据", 18),
)

PRESETS: dict[str, Form] = {
    "批复表": Form(name="批复表", key="approval", title="{年度}年项目支出绩效目标批复表", columns=APPROVAL_COLUMNS),
    "申报表": Form(
        name="申报表",
        key="declaration",
        title="{年度}年项目支出绩效目标申报表",
        meta_left="填报单位（盖章）：{申报单位}",
        meta_right="单位：{金额单位}",
        header="pairs",
        show_budget=True,
        merge=False,
        labels=(
            ("name", "项目支出名称"),
            ("budget", "年度本级预算金额"),
            ("department", "预算部门"),
            ("period", "项目支出实施期"),
        ),
        funding_prefix="written",
        goal_section="",
        goal_numbers=False,
        goal_headings=(("long-term", "实施期绩效目标"), ("annual", "本年度绩效目标")),
        table_titles=(("long-term", "实施期绩效指标"), ("annual", "本年度绩效指标")),
        columns=(
            Column("level1", "一级指标", 15),
            Column("level2", "二级指标", 15),
            Column("level3", "三级指标", 35),
            Column("value", "指标值及单位", 19),
            Column("basis", "绩效标准", 16),
        ),
        footer=(
            "财政部门审核意见：",
            "填表人：{填表人}　　联系电话：{联系电话}　　填报日期：{填报日期}　　单位负责人签字：",
        ),
    ),
    "目标表": Form(
        name="目标表",
        key="target",
        title="项目支出绩效目标表",
        subtitle="（{年度}年度）",
        meta_left="",
        meta_right="",
        header="pairs",
        pairs_per_row=2,
        show_budget=False,
        labels=(("department", "主管部门及编码"), ("period", "项目起止时间")),
        funding_label="项目资金",
        funding_pairs=2,
        funding_prefix="written",
        goals="columns",
        goal_label="项目绩效目标",
        goal_columns=(("总体目标", "long-term"), ("中期目标", "中期目标"), ("年度目标", "annual")),
        tables="side-by-side",
        side_title="绩效项目指标表",
        merge=False,
        columns=(
            Column("level1", "一级指标", 12),
            Column("level2", "二级指标(长期)", 12),
            Column("level3", "三级指标(长期)", 17),
            Column("value", "指标值(长期)", 11),
            Column("level2", "二级指标(年度)", 12),
            Column("level3", "三级指标(年度)", 22),
            Column("value", "指标值(年度)", 14),
        ),
    ),
}
ALIASES = {"approval": "批复表", "declaration": "申报表", "target": "目标表"}
PRESET_NAMES = tuple(PRESETS) + tuple(ALIASES)


class FormError(ValueError):
    """A form file that cannot be used: the message says why (Chinese / English)."""


def is_form_file(value: str) -> bool:
    return value.strip().lower().endswith(".toml")


def preset(name: str) -> Form:
    """A preset by its Chinese or English name (目标表 / target …)."""
    name = ALIASES.get(name, name)
    if name not in PRESETS:
        raise FormError(f"没有名为“{name}”的表样（可选：{'、'.join(PRESETS)}） / no form named '{name}'")
    return PRESETS[name]


# TOML keys: Chinese (quoted in TOML) or English.
_KEYS = {
    "基于": "base",
    "base": "base",
    "标题": "title",
    "title": "title",
    "副标题": "subtitle",
    "subtitle": "subtitle",
    "左上": "meta_left",
    "meta-left": "meta_left",
    "右上": "meta_right",
    "meta-right": "meta_right",
    "列": "columns",
    "columns": "columns",
    "表尾": "footer",
    "footer": "footer",
    "名称": "labels",
    "labels": "labels",
    "并排": "side",
    "side-by-side": "side",
    "合并单元格": "merge",
    "merge": "merge",
    "资金其中": "funding_prefix",
    "funding-prefix": "funding_prefix",
    "每行字段数": "pairs_per_row",
    "fields-per-row": "pairs_per_row",
    "表名": "table_titles",
    "table-titles": "table_titles",
    "目标名称": "goal_headings",
    "goal-headings": "goal_headings",
    "预算行": "show_budget",
    "budget-row": "show_budget",
    "资金栏": "funding_label",
    "funding-label": "funding_label",
}
_ZH = {"title": "标题", "subtitle": "副标题", "meta_left": "左上", "meta_right": "右上"}
_LABEL_KEYS = {
    "项目名称": "name",
    "项目预算": "budget",
    "主管部门": "department",
    "实施单位": "implementer",
    "项目属性": "nature",
    "项目期": "period",
    "项目类别": "category",
    "name": "name",
    "budget": "budget",
    "department": "department",
    "implementer": "implementer",
    "nature": "nature",
    "period": "period",
    "category": "category",
}
_KINDS = {
    "长期": "long-term",
    "长期目标": "long-term",
    "long-term": "long-term",
    "年度": "annual",
    "年度目标": "annual",
    "annual": "annual",
}
_PREFIX = {"每项": "each", "each": "each", "首项": "first", "first": "first", "照写": "written", "written": "written"}


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise FormError(f"“{what}”应是文字或文字列表 / '{what}' must be a string or a list of strings")


def _column(item: Any) -> Column:
    """A column: "指标值", or {内容 = "上年值", 表头 = "{上年}年实际实现值", 宽度 = 14}."""
    if isinstance(item, str):
        item = {"内容": item}
    if not isinstance(item, dict):
        raise FormError("“列”的每一项应是列名或表 / each column must be a name or a table")
    content = item.get("内容", item.get("content"))
    key = COLUMN_KEYS.get(content, content if content in _KEY_NAMES else None)
    if key is None:
        raise FormError(f"不认识的列“{content}”（可选：{'、'.join(COLUMN_KEYS)}） / unknown column '{content}'")
    header = item.get("表头", item.get("header", _KEY_NAMES[key] if key != "blank" else ""))
    width = item.get("宽度", item.get("width", 0))
    if not isinstance(header, str) or not isinstance(width, (int, float)) or width < 0:
        raise FormError("列的“表头”应是文字，“宽度”应是不小于 0 的数 / header must be text, width a number ≥ 0")
    return Column(key, header, float(width))


def _spread(columns: list[Column]) -> tuple[Column, ...]:
    """Columns without a width share what the others leave of 100 %."""
    given = sum(c.width for c in columns)
    free = [c for c in columns if not c.width]
    share = max(100.0 - given, 5.0 * len(free)) / len(free) if free else 0
    return tuple(c if c.width else evolve(c, width=round(share, 2)) for c in columns)


def _pairs(value: Any, keys: dict[str, str], what: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise FormError(f"“{what}”应是一个表：名称 = \"文字\" / '{what}' must be a table of strings")
    out = []
    for k, v in value.items():
        if k not in keys:
            raise FormError(
                f"“{what}”里不认识“{k}”（可选：{'、'.join(x for x in keys if not x.isascii())}） "
                f"/ unknown key '{k}' in '{what}'"
            )
        out.append((keys[k], v))
    return tuple(out)


def from_mapping(data: dict[str, Any], name: str) -> Form:
    """A form from the parsed TOML table: a preset (基于, default 批复表) with overrides."""
    unknown = [k for k in data if k not in _KEYS]
    if unknown:
        raise FormError(
            f"表样文件里不认识的键：{'、'.join(unknown)}（可用：{'、'.join(k for k in _KEYS if not k.isascii())}） "
            f"/ unknown keys: {', '.join(unknown)}"
        )
    d = {_KEYS[k]: v for k, v in data.items()}
    base = preset(str(d.pop("base", "批复表")))
    changes: dict[str, Any] = {"name": name}
    for key in ("title", "subtitle", "meta_left", "meta_right"):
        if key in d:
            changes[key] = "".join(_strings(d[key], _ZH[key]))
    if "footer" in d:
        changes["footer"] = _strings(d["footer"], "表尾")
    if "columns" in d:
        if not isinstance(d["columns"], list) or not d["columns"]:
            raise FormError("“列”应是非空的列表 / 'columns' must be a non-empty list")
        changes["columns"] = _spread([_column(c) for c in d["columns"]])
    if "labels" in d:
        changes["labels"] = tuple({**dict(base.labels), **dict(_pairs(d["labels"], _LABEL_KEYS, "名称"))}.items())
    if "table_titles" in d:
        changes["table_titles"] = tuple(
            {**dict(base.table_titles), **dict(_pairs(d["table_titles"], _KINDS, "表名"))}.items()
        )
    if "goal_headings" in d:
        changes["goal_headings"] = tuple(
            {**dict(base.goal_headings), **dict(_pairs(d["goal_headings"], _KINDS, "目标名称"))}.items()
        )
    if "show_budget" in d:
        if not isinstance(d["show_budget"], bool):
            raise FormError("“预算行”应是 true 或 false / 'budget-row' must be true or false")
        changes["show_budget"] = d["show_budget"]
    if "funding_label" in d:
        changes["funding_label"] = "".join(_strings(d["funding_label"], "资金栏"))
    if "side" in d:
        if not isinstance(d["side"], bool):
            raise FormError("“并排”应是 true 或 false / 'side-by-side' must be true or false")
        changes["tables"] = "side-by-side" if d["side"] else "stacked"
    if "merge" in d:
        if not isinstance(d["merge"], bool):
            raise FormError("“合并单元格”应是 true 或 false / 'merge' must be true or false")
        changes["merge"] = d["merge"]
    if "funding_prefix" in d:
        if d["funding_prefix"] not in _PREFIX:
            raise FormError("“资金其中”应是 每项、首项 或 照写 / 'funding-prefix': each, first or written")
        changes["funding_prefix"] = _PREFIX[d["funding_prefix"]]
    if "pairs_per_row" in d:
        if d["pairs_per_row"] not in (1, 2, 3):
            raise FormError("“每行字段数”应是 1、2 或 3 / 'fields-per-row' must be 1, 2 or 3")
        changes["pairs_per_row"] = d["pairs_per_row"]
        changes["header"] = "pairs"
    form = evolve(base, **changes)
    if form.tables == "side-by-side" and [c.key for c in form.columns].count("level3") != 2:
        raise FormError(
            "并排的表需要两组“二级指标、三级指标、指标值”列（长期在前，年度在后） / a side-by-side "
            "grid needs two sets of level2/level3/value columns (long-term first)"
        )
    return form


def load_form(path: Path) -> Form:
    """A form file (TOML, UTF-8)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FormError(f"找不到表样文件 {path} / form file not found: {path}") from None
    except UnicodeDecodeError:
        raise FormError(f"表样文件 {path} 不是 UTF-8 文本 / form file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise FormError(f"表样文件 {path} 不是有效的 TOML：{e} / not valid TOML: {e}") from None
    except OSError as e:
        raise FormError(f"读不了表样文件 {path}：{e.strerror} / cannot read the form file") from None
    return from_mapping(data, path.stem)


def resolve_form(value: str | None, source: str = "") -> Form:
    """The form a name or a form-file path stands for; a relative path is read next to the
    .perf file (source).  None: the default, 批复表."""
    if not value:
        return PRESETS["批复表"]
    if is_form_file(value):
        path = Path(value)
        if not path.is_absolute() and source and not source.startswith("<"):
            path = Path(source).parent / path
        return load_form(path)
    return preset(value)


_YEAR = re.compile(
    r"（[^（）]*\{年度\}[^（）]*）|\([^()]*\{年度\}[^()]*\)|\{年度\}年度|\{年度\}年|\{上年\}年|\{年度\}|\{上年\}"
)
_FIELD = re.compile(r"\{([^{}]+)\}")


def fill(text: str, values: dict[str, str], year: str | None) -> str:
    """A form text with its placeholders filled: {年度} / {上年} from the year (a bracketed part
    with {年度}, or 年 after it, is dropped when the file has no 年度), {名称} from values."""
    y = (year or "").strip()
    for suffix in ("年度", "年"):
        if y.endswith(suffix):
            y = y[: -len(suffix)]
    if not y:
        text = _YEAR.sub("", text)
    else:
        last = str(int(y) - 1) if y.isdigit() else y
        text = text.replace("{年度}", y).replace("{上年}", last)
    return _FIELD.sub(lambda m: values.get(m.group(1), ""), text)
