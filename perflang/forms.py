"""Forms (表样): how a region prints its target table — title, header block, columns, footer.

A `Form` is a plain description; `perflang/backends/sheet.py` turns a project into the grid of
cells that the HTML, PDF, TSV, xlsx and docx backends all print.  Three presets, the files of
perflang/presets/ (kind "target"), model the forms found in real use (docs/output.md shows each
with a picture):

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

from .errors import PerflangError
from .messages import Listing, phrase
from .source import SourceFile, Span
from .tomlfile import error_span, key_span, without_place

__all__ = [
    "Column",
    "Form",
    "PRESETS",
    "PRESET_NAMES",
    "FORM_KEYS",
    "ALIASES",
    "COLUMN_KEYS",
    "FormError",
    "preset",
    "load_form",
    "resolve_form",
    "fill",
    "is_form_file",
    "SelfForm",
    "SELF_PRESETS",
    "SELF_NAMES",
    "self_preset",
    "load_self_form",
    "resolve_self_form",
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


# -- the preset forms: the TOML files in perflang/presets/ (kind "target": 批复表 …; kind "self":
# the 自评表), found there, not listed here.  Adding a preset is one file (its fields as Form or
# SelfForm names them, its aliases), plus its docs row (docs/output.md or docs/scoring.md: a
# test keeps the tables in step).  The default (`default = true`) comes first, then by file name.
# They are read when a preset name (PRESETS, FORM_KEYS … : _registry, below) is first used.
PRESET_FOLDER = Path(__file__).parent / "presets"


def _preset_files(folder: Path = PRESET_FOLDER) -> list[tuple[str, dict]]:
    """(file name, its TOML table) of every preset file in folder, by file name."""
    return [(path.name, tomllib.loads(path.read_text(encoding="utf-8"))) for path in sorted(folder.glob("*.toml"))]


def _presets(kind: str, make, folder: Path = PRESET_FOLDER, files: list | None = None) -> dict:
    """name -> (form, its aliases) of the preset files of a kind in folder (or of files, as
    _preset_files reads them), the default first."""
    found = []
    for file_name, table in _preset_files(folder) if files is None else files:
        data = dict(table)
        if data.pop("kind") != kind:
            continue
        default, aliases = data.pop("default", False), tuple(data.pop("aliases", ()))
        fields = {k: _preset_value(k, v) for k, v in data.items()}
        found.append((not default, file_name, make(**fields), aliases))
    found.sort(key=lambda f: f[:2])
    return {form.name: (form, aliases) for _, _, form, aliases in found}


def _preset_value(key: str, value):
    """A preset file's value as the form's field holds it: columns as Column, lists as tuples."""
    if key == "columns":
        return tuple(Column(c["show"], c["header"], c["width"]) for c in value)
    if isinstance(value, list):
        return tuple(tuple(v) if isinstance(v, list) else v for v in value)
    return value


class FormError(PerflangError):
    """A form file that cannot be used (PF916): why, as a phrase of the catalog (`reason`), at
    the key's place in the file (`key_path`; the file and span once load_form knows them).  `build --form` exits 2 on it; a 表样 setting naming it is PF108."""

    def __init__(self, reason, key_path: tuple = ()) -> None:
        super().__init__("PF916", reason=reason)
        self.key_path = tuple(key_path)

    @property
    def reason(self):
        return self.fields["reason"]

    def placed(self, path: Path, text: str) -> "FormError":
        """The error at its key's line and column in the form file path (text)."""
        span = key_span(text, self.key_path) or Span.point(1, 1)
        return FormError(self.reason, self.key_path).at(path, span, SourceFile(str(path), text))


def _shown_forms(presets: dict) -> Listing:
    """The preset forms as a message lists them: their names in Chinese, their keys in English."""
    return Listing(tuple(phrase("shown.form", name=n, key=f.key) for n, f in presets.items()))


def _choices(keys, english=None):
    """The keys a form file may write, as a message lists them: the Chinese ones in Chinese, the
    English ones in English (english: those, when keys holds the Chinese alone)."""
    zh = tuple(k for k in keys if not k.isascii())
    en = tuple(english if english is not None else (k for k in keys if k.isascii()))
    return phrase("shown.names", zh=Listing(zh), en=Listing(en))


def is_form_file(value: str) -> bool:
    return value.strip().lower().endswith(".toml")


def preset(name: str) -> Form:
    """A preset by its Chinese or English name (目标表 / target …)."""
    presets = _loaded("PRESETS")
    name = _loaded("ALIASES").get(name, name)
    if name not in presets:
        raise FormError(phrase("form.unknown", name=name, names=_shown_forms(presets)), ("base",))
    return presets[name]


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
# the true/false keys: their Chinese and English names (each also a key of _KEYS)
_FLAGS = {"show_budget": ("预算行", "budget-row"), "side": ("并排", "side-by-side"), "merge": ("合并单元格", "merge")}
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


def _strings(value: Any, what: str, at: tuple = ()) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise FormError(phrase("form.strings", what=what), at)


def _column(item: Any) -> Column:
    """A column: "指标值", or {内容 = "上年值", 表头 = "{上年}年实际实现值", 宽度 = 14}."""
    if isinstance(item, str):
        item = {"内容": item}
    if not isinstance(item, dict):
        raise FormError(phrase("form.column"))
    content = item.get("内容", item.get("content"))
    key = COLUMN_KEYS.get(content, content if content in _KEY_NAMES else None)
    if key is None:
        raise FormError(phrase("form.unknown_column", content=content, names=_choices(COLUMN_KEYS, _KEY_NAMES)))
    header = item.get("表头", item.get("header", _KEY_NAMES[key] if key != "blank" else ""))
    width = item.get("宽度", item.get("width", 0))
    if not isinstance(header, str) or not isinstance(width, (int, float)) or width < 0:
        raise FormError(phrase("form.column_values"))
    return Column(key, header, float(width))


def _spread(columns: list[Column]) -> tuple[Column, ...]:
    """Columns without a width share what the others leave of 100 %."""
    given = sum(c.width for c in columns)
    free = [c for c in columns if not c.width]
    share = max(100.0 - given, 5.0 * len(free)) / len(free) if free else 0
    return tuple(c if c.width else evolve(c, width=round(share, 2)) for c in columns)


def _pairs(value: Any, keys: dict[str, str], what: str, at: tuple = ()) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise FormError(phrase("form.pairs", what=what), at)
    out = []
    for k, v in value.items():
        if k not in keys:
            raise FormError(phrase("form.unknown_pair", what=what, key=k, names=_choices(keys)), (*at, k))
        out.append((keys[k], v))
    return tuple(out)


def _based(data: dict[str, Any], keys: dict[str, str], find, default: str) -> tuple:
    """A form file's table read by its keys (Chinese or English): the preset it starts from (基于,
    else default, found by find), its values by field name, and each field's key as the file
    writes it (for its place); FormError at an unknown key or base."""
    unknown = [k for k in data if k not in keys]
    if unknown:
        raise FormError(phrase("form.unknown_keys", keys=Listing(tuple(unknown)), names=_choices(keys)), (unknown[0],))
    d = {keys[k]: v for k, v in data.items()}
    written = {keys[k]: k for k in data}
    try:
        base = find(str(d.pop("base", default)))
    except FormError as e:
        raise FormError(e.reason, (written["base"],)) from None
    return base, d, written


def from_mapping(data: dict[str, Any], name: str) -> Form:
    """A form from the parsed TOML table: a preset (基于, default 批复表) with overrides."""
    base, d, written = _based(data, _KEYS, preset, _loaded("DEFAULT_FORM").name)
    changes: dict[str, Any] = {"name": name}
    for key in ("title", "subtitle", "meta_left", "meta_right"):
        if key in d:
            changes[key] = "".join(_strings(d[key], _ZH[key], (written[key],)))
    if "footer" in d:
        changes["footer"] = _strings(d["footer"], "表尾", (written["footer"],))
    if "columns" in d:
        if not isinstance(d["columns"], list) or not d["columns"]:
            raise FormError(phrase("form.columns"), (written["columns"],))
        try:
            changes["columns"] = _spread([_column(c) for c in d["columns"]])
        except FormError as e:
            raise FormError(e.reason, (written["columns"],)) from None
    for key, keys, what in (
        ("labels", _LABEL_KEYS, "名称"),
        ("table_titles", _KINDS, "表名"),
        ("goal_headings", _KINDS, "目标名称"),
    ):
        if key in d:
            given = dict(_pairs(d[key], keys, what, (written[key],)))
            changes[key] = tuple({**dict(getattr(base, key)), **given}.items())
    for key, field in (("show_budget", "show_budget"), ("side", "tables"), ("merge", "merge")):
        if key in d:
            if not isinstance(d[key], bool):
                raise FormError(phrase("form.flag", what=_FLAGS[key][0], name=_FLAGS[key][1]), (written[key],))
            changes[field] = ("side-by-side" if d[key] else "stacked") if key == "side" else d[key]
    if "funding_label" in d:
        changes["funding_label"] = "".join(_strings(d["funding_label"], "资金栏", (written["funding_label"],)))
    if "funding_prefix" in d:
        if d["funding_prefix"] not in _PREFIX:
            raise FormError(phrase("form.prefix"), (written["funding_prefix"],))
        changes["funding_prefix"] = _PREFIX[d["funding_prefix"]]
    if "pairs_per_row" in d:
        if d["pairs_per_row"] not in (1, 2, 3):
            raise FormError(phrase("form.per_row"), (written["pairs_per_row"],))
        changes["pairs_per_row"] = d["pairs_per_row"]
        changes["header"] = "pairs"
    form = evolve(base, **changes)
    if form.tables == "side-by-side" and [c.key for c in form.columns].count("level3") != 2:
        raise FormError(phrase("form.side"), (written.get("columns") or written.get("side") or "",))
    return form


def load_form(path: Path) -> Form:
    """A form file (TOML, UTF-8); FormError at the place in it that cannot be used.  Read only
    from a regular file of at most a megabyte (fileio.read_regular: a FIFO, a device or a link
    to /dev/zero is refused, never waited on or read)."""
    return _read_form_file(path, from_mapping)


def _read_form_file(path: Path, make):
    """make(the file's TOML table, its name): the form of a form file; FormError at the place
    in it that cannot be used."""
    from .fileio import InputError, read_regular

    try:
        text = read_regular(path).decode("utf-8")
    except InputError as e:
        raise FormError(phrase("form.unreadable", path=str(path), reason=e.why)).at(path) from None
    except FileNotFoundError:
        raise FormError(phrase("form.missing", path=str(path))) from None
    except UnicodeDecodeError:
        raise FormError(phrase("form.not_utf8", path=str(path))).at(path) from None
    except OSError as e:
        raise FormError(phrase("form.unreadable", path=str(path), reason=e.strerror)).at(path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        reason = phrase("form.toml", path=str(path), detail=without_place(str(e)))
        span = error_span(str(e)) or Span.point(1, 1)
        raise FormError(reason).at(path, span, SourceFile(str(path), text)) from None
    try:
        return make(data, path.stem)
    except FormError as e:
        raise e.placed(path, text) from None


def resolve_form(value: str | None, source: str = "") -> Form:
    """The form a name or a form-file path stands for; a relative path is read next to the
    .perf file (source).  None: the default, 批复表."""
    if not value:
        return _loaded("DEFAULT_FORM")
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


# --- the 自评表 (self-evaluation table): one printed form per region ----------------------------


@frozen(kw_only=True)
class SelfForm:
    """A printed 项目支出绩效自评表: its layout (`key`: the national form, 湖北's or 四川's, each
    drawn by perflang/backends/selfsheet.py) and the texts a form file may change.  Texts may
    name {年度}, {项目名称}, {项目} (the name, 项目 added unless it ends so), {申报单位},
    {金额单位}, {评分方案} and any 字段 of the project ({填报日期}, {填表人} …)."""

    name: str  # 自评表 / 湖北自评表 / 四川自评表, or the form file's name
    key: str  # national / hubei / sichuan: the layout
    title: str
    top: str = ""  # a line above the title (四川: 报表编号:510000_0013zp)
    meta_left: str = ""
    meta_right: str = ""
    footer: tuple[str, ...] = ()  # sign-off lines under the table
    notes: tuple[str, ...] = ()  # 备注: printed under the table, before the sign-off lines


def _registry() -> dict[str, Any]:
    """The module's preset names, read from the preset files: the one registry of preset forms.
    Each answers to its Chinese name and to its key (English); `表样`, `new --form`, `build
    --form`, the PF108 choices and the language server read these.

    - PRESETS, ALIASES, PRESET_NAMES, DEFAULT_FORM (the one marked default: first), FORM_KEYS
      (every name a file may give `表样` -> the layout key of the form it means);
    - SELF_PRESETS, SELF_ALIASES, SELF_NAMES, DEFAULT_SELF_FORM: the same for the 自评表."""
    out: dict[str, Any] = {}
    files = _preset_files()
    for prefix, kind, make in (("", "target", Form), ("SELF_", "self", SelfForm)):
        found = _presets(kind, make, files=files)
        forms = {name: form for name, (form, _) in found.items()}
        aliases = {alias: name for name, (_, names) in found.items() for alias in names}
        out[prefix + "PRESETS"] = forms
        out[prefix + "ALIASES"] = aliases
        out["PRESET_NAMES" if not prefix else "SELF_NAMES"] = tuple(forms) + tuple(aliases)
        out[f"DEFAULT_{prefix}FORM"] = next(iter(forms.values()))
    presets, aliases = out["PRESETS"], out["ALIASES"]
    out["FORM_KEYS"] = {
        **{name: form.key for name, form in presets.items()},
        **{a: presets[n].key for a, n in aliases.items()},
    }
    return out


# declared, not assigned: the first use of one reaches __getattr__, which assigns them all
PRESETS: dict[str, Form]
ALIASES: dict[str, str]
PRESET_NAMES: tuple[str, ...]
DEFAULT_FORM: Form
FORM_KEYS: dict[str, str]
SELF_PRESETS: dict[str, SelfForm]
SELF_ALIASES: dict[str, str]
SELF_NAMES: tuple[str, ...]
DEFAULT_SELF_FORM: SelfForm
_LAZY = frozenset(__annotations__)  # the names above (no other module-level annotation)


def __getattr__(name: str):
    """The preset names (_registry), read from perflang/presets/ on first use, not at import
    (reading them was ~15 ms of every start-up, `perflang check` and `--help` included), then
    kept as the module's globals: every later use is a plain global, the same objects."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if "PRESETS" not in globals():
        globals().update(_registry())
    return globals()[name]


def _loaded(name: str):
    """A preset name (_LAZY) from inside this module, where a bare global does not reach
    __getattr__."""
    return __getattr__(name)


_SELF_KEYS = {
    "基于": "base",
    "base": "base",
    "标题": "title",
    "title": "title",
    "表上": "top",
    "top": "top",
    "左上": "meta_left",
    "meta-left": "meta_left",
    "右上": "meta_right",
    "meta-right": "meta_right",
    "表尾": "footer",
    "footer": "footer",
    "备注": "notes",
    "notes": "notes",
}


def self_preset(name: str) -> SelfForm:
    """A 自评表 preset by its Chinese or English name (湖北自评表 / hubei …)."""
    presets = _loaded("SELF_PRESETS")
    name = _loaded("SELF_ALIASES").get(name, name)
    if name not in presets:
        raise FormError(phrase("form.unknown", name=name, names=_shown_forms(presets)), ("base",))
    return presets[name]


def self_form_from_mapping(data: dict[str, Any], name: str) -> SelfForm:
    """A 自评表 form from a form file's table: a preset (基于, default 自评表) with its texts changed."""
    base, d, written = _based(data, _SELF_KEYS, self_preset, _loaded("DEFAULT_SELF_FORM").name)
    changes: dict[str, Any] = {"name": name}
    for key in ("title", "top", "meta_left", "meta_right"):
        if key in d:
            changes[key] = "".join(_strings(d[key], written[key], (written[key],)))
    for key in ("footer", "notes"):
        if key in d:
            changes[key] = _strings(d[key], written[key], (written[key],))
    return evolve(base, **changes)


def load_self_form(path: Path) -> SelfForm:
    """A 自评表 form file (TOML, UTF-8); FormError at the place in it that cannot be used.  Read
    as load_form reads a form file: a regular file within the limit (a FIFO is never waited on)."""
    return _read_form_file(path, self_form_from_mapping)


def resolve_self_form(value: str | None, relative_to: str = "") -> SelfForm:
    """The 自评表 form a name or a form file stands for (a relative path is read next to the
    file relative_to names, else from the current folder); None: the national 自评表."""
    if not value:
        return _loaded("DEFAULT_SELF_FORM")
    if is_form_file(value):
        path = Path(value)
        if not path.is_absolute() and relative_to and not relative_to.startswith("<"):
            near = Path(relative_to).parent / path
            path = near if near.exists() or not path.exists() else path
        return load_self_form(path)
    return self_preset(value)
