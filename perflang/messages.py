"""The diagnostic catalog: every code with its severity and its messages in Chinese and English.

Data, not code: docs/diagnostics.md has one entry per code here, and a test keeps them in step.
Message templates are filled with str.format from the diagnostic's args.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

__all__ = ["CATALOG", "Entry", "Severity"]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label_zh(self) -> str:
        return "错误" if self is Severity.ERROR else "警告"


class Entry(NamedTuple):
    severity: Severity
    zh: str
    en: str
    hint_zh: str = ""
    hint_en: str = ""


def _catalog() -> dict[str, Entry]:
    E, W = Severity.ERROR, Severity.WARNING
    return {
        # -- files and encodings ------------------------------------------------------------
        "PF001": Entry(E, "文件不是 UTF-8 编码（看起来是 GBK/GB18030，第 {line} 行按 GBK 读作“{sample}”）",
                       "file is not UTF-8 (it looks like GBK/GB18030: line {line} reads “{sample}” as GBK)",
                       "用编辑器“另存为”UTF-8，或运行：iconv -f GB18030 -t UTF-8 {name} > 新文件.perf",
                       "save it as UTF-8 in your editor, or run: iconv -f GB18030 -t UTF-8 {name} > new.perf"),
        "PF002": Entry(E, "文件含有二进制数据，不是文本文件", "file contains binary data, not text",
                       "请确认打开的是 .perf 文本文件，而不是 Excel 或 Word 文件；已有的 Excel 表格可以用 perflang import 导入",
                       "check that this is a .perf text file, not an Excel or Word file; "
                       "an Excel table can be imported with perflang import"),
        "PF003": Entry(W, "文件中没有任何项目", "the file contains no project",
                       "用“项目 名称 {{ … }}”写一个项目", "write a project: 项目 NAME {{ … }}"),
        "PF004": Entry(E, "无法读取文件：{reason}", "cannot read file: {reason}"),
        "PF005": Entry(E, "文件不是 UTF-8 编码：第 {line} 行第 {column} 列有无法识别的字节 {byte}",
                       "file is not UTF-8: undecodable byte {byte} on line {line}, column {column}",
                       "请用编辑器将文件另存为 UTF-8 编码", "save the file as UTF-8 in your editor"),
        "PF006": Entry(W, "文件似乎不完整：结尾处截断在一个字符的中间", "the file seems truncated: it ends inside a character",
                       "文件可能没有完整复制或保存，请与原文件核对结尾部分",
                       "the file may not have been copied or saved completely: compare its end with the original"),
        "PF007": Entry(E, "文件是 UTF-16 编码（记事本里的“Unicode”），不是 UTF-8",
                       "file is UTF-16 (Notepad's 'Unicode'), not UTF-8",
                       "在记事本中“另存为”，编码选择 UTF-8；或运行：iconv -f UTF-16 -t UTF-8 {name} > 新文件.perf",
                       "use Save As with the UTF-8 encoding, or run: iconv -f UTF-16 -t UTF-8 {name} > new.perf"),
        "PF008": Entry(W, "配置文件 {config} 无法使用，本次按默认设置检查：{reason}",
                       "the configuration {config} cannot be used, default settings apply: {reason}",
                       "改正 [tool.perflang] 的 select / ignore，例如 ignore = [\"PF408\"]",
                       "fix select / ignore in [tool.perflang], e.g. ignore = [\"PF408\"]"),
        # -- syntax ------------------------------------------------------------------------
        "PF101": Entry(E, "语法错误：此处不应出现“{token}”", "syntax error: unexpected '{token}'",
                       "此处应为：{expected}", "expected here: {expected}"),
        "PF102": Entry(E, "字符串缺少结束引号", "unterminated string",
                       "字符串不能跨行：在同一行末尾补上 \"；需要换行时把两行合成一行，在换行处写 \\n",
                       "a string cannot span lines: close it with \" on the same line; join the lines and write \\n for a line break"),
        "PF103": Entry(E, "“{{”缺少对应的“}}”", "'{{' has no matching '}}'",
                       "在这个块的末尾补上“}}”：{where}", "close the block with '}}': {where_en}"),
        "PF104": Entry(E, "三级指标行缺少冒号", "indicator line has no colon",
                       "写成“三级指标名称: 指标值”，例如 群众满意度: ≥95%",
                       "write 'name: value', e.g. 群众满意度: ≥95%"),
        "PF105": Entry(E, "无法识别的语句“{token}”", "unrecognised statement '{token}'",
                       "此处可以写：{expected}", "allowed here: {expected}"),
        "PF106": Entry(E, "“{key}”不能写在{place}", "'{key}' is not allowed {place_en}",
                       "{hint}", "{hint}"),
        "PF107": Entry(E, "“{key}”重复设置", "'{key}' is set twice",
                       "第 {first} 行已经设置过，删除多余的一行", "it is set on line {first} already: delete one of the lines"),
        "PF108": Entry(E, "“{value}”不是有效的{what}", "'{value}' is not a valid {what_en}",
                       "可选值：{choices}", "choices: {choices}"),
        "PF109": Entry(E, "三级指标“{name}”不在指标分组里", "indicator '{name}' is not inside a group",
                       "把它放进“一级 / 二级 {{ … }}”分组，例如 产出 / 数量 {{ {name}: … }}",
                       "put it inside a group 'level1 / level2 {{ … }}', e.g. 产出 / 数量 {{ {name}: … }}"),
        "PF110": Entry(E, "全角括号“{char}”不能用作块的括号", "full-width '{char}' cannot delimit a block",
                       "换成半角的“{ascii}”（切换到英文输入法再输入）",
                       "use the ASCII '{ascii}' (switch the input method to English)"),
        "PF111": Entry(E, "多余的“}}”", "extra '}}'", "{hint}", "{hint_en}"),
        "PF112": Entry(E, "“{key}”后面缺少值", "'{key}' needs a value",
                       "写在同一行，例如 预算 571（只有主管部门、实施单位等栏目可以空着）",
                       "write it on the same line, e.g. 预算 571 (only 主管部门, 实施单位 and the like may be left empty)"),
        "PF113": Entry(W, "这一行有两个冒号，已读作名称“{name}”、值“{value}”",
                       "this line has two colons: read as the name '{name}' and the value '{value}'",
                       "名称中含有冒号时请加引号：{fixed}；如果冒号属于值，请给值加引号：{other}",
                       "quote a name that holds a colon: {fixed}; if the colon belongs to the value, quote the value: {other}"),
        # -- framework and names ----------------------------------------------------------
        "PF201": Entry(E, "未知的一级指标“{name}”", "unknown level-1 indicator '{name}'",
                       "{suggest}", "{suggest}"),
        "PF202": Entry(E, "未知的二级指标“{name}”", "unknown level-2 indicator '{name}'",
                       "{suggest}", "{suggest}"),
        "PF203": Entry(E, "二级指标“{level2}”不属于一级指标“{level1}”",
                       "level-2 indicator '{level2}' does not belong to level 1 '{level1}'",
                       "“{level2}”属于“{owner}”", "'{level2}' belongs to '{owner}'"),
        "PF204": Entry(E, "项目名称“{name}”重复", "duplicate project name '{name}'",
                       "第 {first} 行已有同名的项目；每个项目的名称必须唯一",
                       "the project on line {first} has this name; project names must be unique"),
        "PF205": Entry(E, "同一目标下三级指标“{name}”重复", "duplicate indicator '{name}' in one goal",
                       "与第 {first} 行重复：合并两行，或改用不同的名称",
                       "the same as line {first}: merge the two lines or rename one"),
        "PF206": Entry(E, "{goal}编号 {number} 重复", "duplicate {goal_en} number {number}",
                       "第 {first} 行已有这个编号；每个目标编号只能出现一次",
                       "line {first} has this number already; each goal number may appear once"),
        "PF207": Entry(E, "“同 {target}”指向的目标不存在", "'same-as {target}' points at no goal",
                       "{suggest}", "{suggest}"),
        "PF208": Entry(E, "指标分组“{level1}”缺少二级指标", "group '{level1}' has no level-2 indicator",
                       "写成“一级 / 二级 {{”，例如 产出 / 数量 {{", "write 'level1 / level2 {{', e.g. 产出 / 数量 {{"),
        "PF209": Entry(E, "三级指标名称为空", "empty indicator name",
                       "在冒号前写上三级指标名称", "write the indicator name before the colon"),
        "PF210": Entry(W, "{what}“{name}”中没有三级指标", "{what_en} '{name}' has no indicator",
                       "在其中写上{inner}（每项一行，⏎ 表示换行），例如 {example}；不需要的话删除它",
                       "add {inner_en} (one per line, ⏎ marks a line break), e.g. {example}, or delete it"),
        # -- money and values -------------------------------------------------------------
        "PF301": Entry(E, "项目“{name}”缺少预算", "project '{name}' has no budget",
                       "在项目中写一行：预算 571", "add a line to the project: 预算 571"),
        "PF302": Entry(E, "预算“{value}”不是有效的金额", "budget '{value}' is not a valid amount",
                       "预算应是非负数，可带金额单位，例如 预算 571 或 预算 571万元",
                       "the budget is a non-negative number with an optional money unit, e.g. 预算 571"),
        "PF303": Entry(E, "指标值“{text}”为负数", "target '{text}' is negative",
                       "绩效目标值不能为负数", "performance targets cannot be negative"),
        "PF304": Entry(E, "成本指标“{name}”的指标值 {amount} 超过项目预算 {budget}",
                       "cost indicator '{name}' ({amount}) exceeds the budget {budget}",
                       "核对成本指标与项目预算", "check the cost against the project budget"),
        "PF305": Entry(E, "{goal}的金额成本指标合计 {total} 超过项目预算 {budget}",
                       "the money cost indicators of {goal_en} add up to {total}, above the budget {budget}",
                       "核对各成本指标之和与项目预算", "check the sum of cost indicators against the budget"),
        "PF306": Entry(E, "分值“{value}”不是有效的非负数", "weight '{value}' is not a valid non-negative number",
                       "例如 分值 10", "e.g. 分值 10"),
        "PF307": Entry(E, "{pool}的指定分值合计 {total} 超过该部分满分 {limit}",
                       "explicit weights in {pool} add up to {total}, above its pool of {limit}",
                       "调低指定的分值，或不写分值让其平均分配",
                       "lower the explicit weights or leave them out to share the pool equally"),
        # -- review warnings --------------------------------------------------------------
        "PF401": Entry(W, "未知的计量单位“{unit}”", "unknown unit '{unit}'",
                       "如果这是量词（如 棵、株），可以忽略本提示；常用单位：元、万元、人、个、%、平方米、吨",
                       "if this is a measure word (棵, 株 …) ignore this; common units: 元, 万元, 人, 个, %, 平方米, 吨"),
        "PF402": Entry(W, "指标值“{text}”缺少计量单位", "target '{text}' has no unit",
                       "写上单位，例如 {example}", "add a unit, e.g. {example}"),
        "PF403": Entry(W, "指标值“{text}”缺少比较符号", "target '{text}' has no comparator",
                       "写明方向，例如 {example}", "state the direction, e.g. {example}"),
        "PF404": Entry(W, "比率类指标“{name}”的指标值 {text} 超过 100%", "rate '{name}' has a target above 100%: {text}",
                       "比率一般不超过 100%", "a rate normally cannot exceed 100%"),
        "PF405": Entry(W, "“{name}”的比较方向可能写反了：{text}", "'{name}' may point the wrong way: {text}",
                       "{suggest}", "{suggest}"),
        "PF406": Entry(W, "满意度指标“{name}”的目标 {text} 低于 90%", "satisfaction target '{name}' is below 90%: {text}",
                       "满意度目标一般不低于 90%", "satisfaction targets are normally at least 90%"),
        "PF407": Entry(W, "{goal}缺少{missing}", "{goal_en} has no {missing_en}",
                       "绩效指标一般应包括产出、效益和满意度三类一级指标",
                       "indicators should cover 产出, 效益 and 满意度"),
        "PF408": Entry(W, "指标值“{text}”用语模糊（“{word}”），难以衡量",
                       "target '{text}' is vague ('{word}') and hard to measure",
                       "尽量细化、量化，例如写成具体数值或可核验的标准",
                       "make it concrete and measurable, e.g. a number or a checkable standard"),
        "PF409": Entry(W, "未知的指标值确定依据“{value}”", "unknown basis '{value}'",
                       "{suggest}", "{suggest}"),
        "PF410": Entry(W, "三级指标“{name}”没有指标值", "indicator '{name}' has no target value",
                       "在冒号后写上指标值；不要把数值藏在指标名称里",
                       "write the value after the colon, not inside the name"),
        "PF411": Entry(W, "指标值“{text}”以比较符号开头，却读不出数值和单位，只能当作定性指标",
                       "target '{text}' starts with a comparator but does not read as a number and unit: "
                       "it is taken as qualitative",
                       "写成“比较符号 数值 单位”，例如 ≥3人；一行只写一个指标，末尾不要加标点",
                       "write comparator, number and unit, e.g. ≥3人; one indicator per line, no punctuation after it"),
        # -- evaluation: actuals and profiles (perflang eval) ------------------------------
        "PF501": Entry(E, "无法读取实际完成值：{reason}", "cannot read the actuals: {reason_en}",
                       "实际完成值应为 JSON（perflang-actuals/1）或 CSV 文件，见 docs/scoring.md",
                       "the actuals are a JSON (perflang-actuals/1) or CSV file, see docs/scoring.md"),
        "PF502": Entry(E, "实际完成值的结构有误：{what}", "the actuals are malformed: {what_en}",
                       "格式见 docs/scoring.md", "see docs/scoring.md for the format"),
        "PF503": Entry(E, "实际完成值中的项目“{name}”不在目标文件中",
                       "project '{name}' of the actuals is not in the target file",
                       "项目名称须与 .perf 中完全一致；相近的名称：{suggest}",
                       "names must match the .perf exactly; close names: {suggest}"),
        "PF504": Entry(E, "项目“{project}”的年度目标中没有三级指标“{name}”",
                       "project '{project}' has no evaluated indicator '{name}'",
                       "写三级指标名称或 一级/二级/三级 路径；相近的名称：{suggest}",
                       "write the indicator name or its path 一级/二级/三级; close names: {suggest}"),
        "PF505": Entry(E, "三级指标“{name}”在项目中出现多次，无法确定是哪一个",
                       "indicator name '{name}' occurs several times in the project",
                       "改写成路径，例如：{paths}", "write its path instead, e.g. {paths}"),
        "PF506": Entry(W, "项目“{project}”缺少“{name}”的实际完成值，按 0 分计",
                       "no actual for '{name}' in project '{project}': scored 0",
                       "在实际完成值文件中补上这一指标", "add the indicator to the actuals"),
        "PF507": Entry(E, "“{name}”的实际完成值“{value}”不是数值",
                       "the actual '{value}' of '{name}' is not a number",
                       "写成数值，可带单位，例如 96% 或 560万元", "write a number, optionally with a unit, e.g. 96% or 560万元"),
        "PF508": Entry(E, "实际完成值“{value}”的单位“{unit}”与指标单位“{target_unit}”不能换算",
                       "the unit '{unit}' of '{value}' does not convert to the target's unit '{target_unit}'",
                       "改用“{target_unit}”或同一类的单位，或只写数值",
                       "use '{target_unit}' or a unit of the same kind, or give the bare number"),
        "PF509": Entry(E, "定性指标“{name}”的实际完成值“{value}”应为 达成、部分达成 或 未达成",
                       "the actual '{value}' of qualitative '{name}' must be 达成, 部分达成 or 未达成",
                       "也可写全称：达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差",
                       "the long forms are accepted too: 达成年度指标, 部分达成年度指标并具有一定效果, 未达成年度指标且效果较差"),
        "PF510": Entry(E, "“{name}”的得分 {score} 不在允许的区间 {band}{level}",
                       "the score {score} of '{name}' lies outside {band}{level}",
                       "定性指标的得分须在完成程度对应的区间内，定量指标的得分在 0 与分值之间",
                       "a qualitative score lies in its level's band, a quantitative one in [0, weight]"),
        "PF511": Entry(E, "得分“{value}”不是有效的非负数", "score '{value}' is not a valid non-negative number",
                       "例如 \"score\": \"14.5\"", "e.g. \"score\": \"14.5\""),
        "PF512": Entry(E, "评分方案有误：{reason}", "invalid scoring profile: {reason_en}",
                       "评分方案的写法见 docs/scoring.md 和 examples/profiles/",
                       "see docs/scoring.md and examples/profiles/ for the profile format"),
        "PF513": Entry(E, "{field}“{value}”不是有效的金额", "{field_en} '{value}' is not a valid amount",
                       "写成正数金额，可带单位，例如 560 或 560万元", "write a positive amount, e.g. 560 or 560万元"),
        "PF514": Entry(E, "同一指标的实际完成值写了两次（“{name}”与“{other}”）",
                       "the same indicator is given twice ('{name}' and '{other}')",
                       "删除其中一项", "delete one of them"),
        "PF515": Entry(E, "CSV 表头缺少“{missing}”列", "the CSV header has no '{missing}' column",
                       "表头应为 project,indicator,actual,score,note 或 项目名称,三级指标,实际完成值,得分,偏差原因",
                       "the header is project,indicator,actual,score,note (or the Chinese 项目名称,三级指标,实际完成值,得分,偏差原因)"),
    }


CATALOG: dict[str, Entry] = _catalog()


# -- perflang import: notes and the reasons a row was not placed (zh, en) -------------------
IMPORT_MESSAGES: dict[str, tuple[str, str]] = {
    "kept": ("{reason}，已作为注释保留：{text}", "{reason_en}, kept as a comment: {text}"),
    "shifted": ("这一行左移了一格（“{cell}”写在了目标名称列），已按原位读取",
                "this row is shifted left by one cell ('{cell}' stands in the goal column): read in place"),
    "owner": ("这一行只有二级指标“{level2}”，缺少一级指标，已补为“{owner}”",
              "this row has the level-2 '{level2}' only: its level 1 '{owner}' is supplied"),
    "blank": ("表格中的空白行，已跳过", "a blank row inside a table, skipped"),
    "template": ("空白指标行（只有指标分类），已作为注释保留", "an empty row (categories only), kept as a comment"),
    "ellipsis": ("模板中的“……”行，已跳过", "a '……' row of the template, skipped"),
    "spaces": ("指标分类名称中的空白已去掉：{levels}", "white space removed from the category names: {levels}"),
    "pool": ("一级指标“{cell}”中的分值已去掉", "the points in the level-1 cell '{cell}' are left out"),
    "other_unit": ("申报单位“{unit}”与文件的申报单位不同，已写作字段",
                   "the unit '{unit}' differs from the file's: written as a field"),
    "results": ("“{columns}”是自评结果，没有导入（实际完成值交给 perflang eval）",
                "'{columns}' are self-evaluation results and are not imported (give actuals to perflang eval)"),
    "budget_from": ("表上没有“项目预算”，预算取自“{label}”：{value}",
                    "the form has no budget label: the budget is taken from '{label}': {value}"),
    "empty_goal": ("“{label}”没有内容，未写入", "'{label}' is empty: not written"),
    "empty_name": ("项目名称为空", "the project name is empty"),
    "check": ("写出的 .perf 第 {line} 行有错误：{message}", "the written .perf has an error on line {line}: {message}"),
    "summary": ("导入 {projects} 个项目、{goals} 个目标、{indicators} 个三级指标；{notes} 条注意，{problems} 个问题",
                "imported {projects} projects, {goals} goals, {indicators} indicators; {notes} notes, {problems} problems"),
    "no_project": ("没有找到任何项目：表中应有“项目名称”一行", "no project found: the table needs a 项目名称 row"),
    # reasons a row was not placed (the Chinese one also goes into the comment in the .perf)
    "r_outside": ("不在任何项目之内", "not inside any project"),
    "r_goal_cells": ("目标行有多余的单元格", "extra cells in a goal row"),
    "r_no_header": ("指标表缺少表头（一级指标、二级指标、三级指标、指标值）",
                    "the indicator table has no column header (一级指标, 二级指标, 三级指标, 指标值)"),
    "r_goal": ("目标名称“{label}”无法识别", "the goal label '{label}' is not recognised"),
    "r_row": ("无法识别的行", "an unrecognised row"),
    "r_no_name": ("缺少三级指标名称", "no indicator name"),
    "r_no_levels": ("缺少一级或二级指标", "no level-1 or level-2 indicator"),
    "r_bad_levels": ("一级或二级指标名称含有不能使用的字符", "a level-1 or level-2 name holds characters it cannot"),
    "r_extra": ("表格以外多出的单元格", "cells beyond the table's columns"),
    "r_pairs": ("无法按“栏目 值”读取", "cannot be read as label and value"),
}
