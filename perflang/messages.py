"""The diagnostic catalog: every code with its severity and its messages in Chinese and English.

Data, not code: docs/diagnostics.md has one entry per code here, and a test keeps them in step.
Message templates are filled with str.format from the diagnostic's args.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

__all__ = ["CATALOG", "Entry", "Severity", "Phrase", "phrase", "Listing", "localize", "PHRASES"]


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
    title: str = ""  # what the code is about: the heading of its entry in docs/diagnostics.md


def _catalog() -> dict[str, Entry]:
    E, W = Severity.ERROR, Severity.WARNING
    return {
        # -- files and encodings ------------------------------------------------------------
        "PF001": Entry(
            E,
            "文件不是 UTF-8 编码（看起来是 GBK/GB18030，第 {line} 行按 GBK 读作“{sample}”）",
            "file is not UTF-8 (it looks like GBK/GB18030: line {line} reads “{sample}” as GBK)",
            "用编辑器“另存为”UTF-8，或运行：iconv -f GB18030 -t UTF-8 {name} > 新文件.perf",
            "save it as UTF-8 in your editor, or run: iconv -f GB18030 -t UTF-8 {name} > new.perf",
            title="the file is GBK, not UTF-8",
        ),
        "PF002": Entry(
            E,
            "文件含有二进制数据，不是文本文件",
            "file contains binary data, not text",
            "请确认打开的是 .perf 文本文件，而不是 Excel 或 Word 文件；已有的 Excel 表格可以用 perflang import 导入",
            "check that this is a .perf text file, not an Excel or Word file; "
            "an Excel table can be imported with perflang import",
            title="binary data",
        ),
        "PF003": Entry(
            W,
            "文件中没有任何项目",
            "the file contains no project",
            "用“项目 名称 {{ … }}”写一个项目",
            "write a project: 项目 NAME {{ … }}",
            title="no project",
        ),
        "PF004": Entry(E, "无法读取文件：{reason}", "cannot read file: {reason}", title="the file cannot be read"),
        "PF005": Entry(
            E,
            "文件不是 UTF-8 编码：第 {line} 行第 {column} 列有无法识别的字节 {byte}",
            "file is not UTF-8: undecodable byte {byte} on line {line}, column {column}",
            "请用编辑器将文件另存为 UTF-8 编码",
            "save the file as UTF-8 in your editor",
            title="not UTF-8 and not GBK",
        ),
        "PF006": Entry(
            W,
            "文件似乎不完整：结尾处截断在一个字符的中间",
            "the file seems truncated: it ends inside a character",
            "文件可能没有完整复制或保存，请与原文件核对结尾部分",
            "the file may not have been copied or saved completely: compare its end with the original",
            title="the file seems truncated",
        ),
        "PF007": Entry(
            E,
            "文件是 UTF-16 编码（记事本里的“Unicode”），不是 UTF-8",
            "file is UTF-16 (Notepad's 'Unicode'), not UTF-8",
            "在记事本中“另存为”，编码选择 UTF-8；或运行：iconv -f UTF-16 -t UTF-8 {name} > 新文件.perf",
            "use Save As with the UTF-8 encoding, or run: iconv -f UTF-16 -t UTF-8 {name} > new.perf",
            title="UTF-16",
        ),
        "PF008": Entry(
            W,
            "配置文件 {config} 无法使用，本次按默认设置检查：{reason}",
            "the configuration {config} cannot be used, default settings apply: {reason}",
            '改正 [tool.perflang] 的 select / ignore，例如 ignore = ["PF408"]',
            'fix select / ignore in [tool.perflang], e.g. ignore = ["PF408"]',
            title="the configuration cannot be used",
        ),
        "PF009": Entry(
            W,
            "这一行含有看不见的控制字符：{chars}，已从名称和值中去掉",
            "this line holds invisible control characters: {chars}; they are removed from names and values",
            "这些字符会让文字显示得与实际内容不同（例如倒过来显示），或让两个看起来一样的名称成为不同的名称；"
            "请删除它们（重新输入这一行，或在编辑器中显示不可见字符后删除）",
            "they make text read otherwise than it is (reversed, for one) or two names that look alike differ: "
            "delete them (type the line again, or show invisible characters in your editor)",
            title="an invisible control character",
        ),
        # -- syntax ------------------------------------------------------------------------
        "PF101": Entry(
            E,
            "语法错误：此处不应出现“{token}”",
            "syntax error: unexpected '{token}'",
            "此处应为：{expected}",
            "expected here: {expected}",
            title="unexpected text",
        ),
        "PF102": Entry(
            E,
            "字符串缺少结束引号",
            "unterminated string",
            '字符串不能跨行：在同一行末尾补上 "；需要换行时把两行合成一行，在换行处写 \\n',
            'a string cannot span lines: close it with " on the same line; join the lines and write \\n for a line break',
            title="unterminated string",
        ),
        "PF103": Entry(
            E,
            "“{{”缺少对应的“}}”",
            "'{{' has no matching '}}'",
            "在这个块的末尾补上“}}”：{where}",
            "close the block with '}}': {where}",
            title="a `{` without its `}`",
        ),
        "PF104": Entry(
            E,
            "三级指标行缺少冒号",
            "indicator line has no colon",
            "写成“三级指标名称: 指标值”，例如 群众满意度: ≥95%",
            "write 'name: value', e.g. 群众满意度: ≥95%",
            title="indicator line without a colon",
        ),
        "PF105": Entry(
            E,
            "无法识别的语句“{token}”",
            "unrecognised statement '{token}'",
            "此处可以写：{expected}",
            "allowed here: {expected}",
            title="unknown statement",
        ),
        "PF106": Entry(
            E,
            "“{key}”不能写在{place}",
            "'{key}' is not allowed {place}",
            "{hint}",
            "{hint}",
            title="a setting in the wrong place",
        ),
        "PF107": Entry(
            E,
            "“{key}”重复设置",
            "'{key}' is set twice",
            "第 {first} 行已经设置过，删除多余的一行",
            "it is set on line {first} already: delete one of the lines",
            title="a setting given twice",
        ),
        "PF108": Entry(
            E,
            "“{value}”不是有效的{what}",
            "'{value}' is not a valid {what}",
            "可选值：{choices}",
            "choices: {choices}",
            title="invalid 金额单位, 表样 (or 表样文件) or 年度",
        ),
        "PF109": Entry(
            E,
            "三级指标“{name}”不在指标分组里",
            "indicator '{name}' is not inside a group",
            "把它放进“一级 / 二级 {{ … }}”分组，例如 产出 / 数量 {{ {name}: … }}",
            "put it inside a group 'level1 / level2 {{ … }}', e.g. 产出 / 数量 {{ {name}: … }}",
            title="an indicator outside a group",
        ),
        "PF110": Entry(
            E,
            "全角括号“{char}”不能用作块的括号",
            "full-width '{char}' cannot delimit a block",
            "换成半角的“{ascii}”（切换到英文输入法再输入）",
            "use the ASCII '{ascii}' (switch the input method to English)",
            title="full-width braces",
        ),
        "PF111": Entry(E, "多余的“}}”", "extra '}}'", "{hint}", "{hint}", title="an extra `}`"),
        "PF112": Entry(
            E,
            "“{key}”后面缺少值",
            "'{key}' needs a value",
            "写在同一行，例如 预算 571（只有主管部门、实施单位等栏目可以空着）",
            "write it on the same line, e.g. 预算 571 (only 主管部门, 实施单位 and the like may be left empty)",
            title="a setting without its value",
        ),
        "PF113": Entry(
            W,
            "这一行有两个冒号，已读作名称“{name}”、值“{value}”",
            "this line has two colons: read as the name '{name}' and the value '{value}'",
            "名称中含有冒号时请加引号：{fixed}；如果冒号属于值，请给值加引号：{other}",
            "quote a name that holds a colon: {fixed}; if the colon belongs to the value, quote the value: {other}",
            title="two colons on one line",
        ),
        # -- framework and names ----------------------------------------------------------
        "PF201": Entry(
            E,
            "未知的一级指标“{name}”",
            "unknown level-1 indicator '{name}'",
            "{suggest}",
            "{suggest}",
            title="unknown 一级指标",
        ),
        "PF202": Entry(
            E,
            "未知的二级指标“{name}”",
            "unknown level-2 indicator '{name}'",
            "{suggest}",
            "{suggest}",
            title="unknown 二级指标",
        ),
        "PF203": Entry(
            E,
            "二级指标“{level2}”不属于一级指标“{level1}”",
            "level-2 indicator '{level2}' does not belong to level 1 '{level1}'",
            "“{level2}”属于“{owner}”",
            "'{level2}' belongs to '{owner}'",
            title="a 二级 under the wrong 一级",
        ),
        "PF204": Entry(
            E,
            "项目名称“{name}”重复",
            "duplicate project name '{name}'",
            "第 {first} 行已有同名的项目；每个项目的名称必须唯一",
            "the project on line {first} has this name; project names must be unique",
            title="duplicate project name",
        ),
        "PF205": Entry(
            E,
            "同一目标下三级指标“{name}”重复",
            "duplicate indicator '{name}' in one goal",
            "与第 {first} 行重复：合并两行，或改用不同的名称",
            "the same as line {first}: merge the two lines or rename one",
            title="duplicate indicator in one goal",
        ),
        "PF206": Entry(
            E,
            "{goal}编号 {number} 重复",
            "duplicate {goal} number {number}",
            "第 {first} 行已有这个编号；每个目标编号只能出现一次",
            "line {first} has this number already; each goal number may appear once",
            title="duplicate goal number",
        ),
        "PF207": Entry(
            E,
            "“同 {target}”指向的目标不存在",
            "'same-as {target}' points at no goal",
            "{suggest}",
            "{suggest}",
            title="a shared goal that points at nothing",
        ),
        "PF208": Entry(
            E,
            "指标分组“{level1}”缺少二级指标",
            "group '{level1}' has no level-2 indicator",
            "写成“一级 / 二级 {{”，例如 {example} {{",
            "write 'level1 / level2 {{', e.g. {example} {{",
            title="a group without a 二级",
        ),
        "PF209": Entry(
            E,
            "三级指标名称为空",
            "empty indicator name",
            "在冒号前写上三级指标名称",
            "write the indicator name before the colon",
            title="empty indicator name",
        ),
        "PF210": Entry(
            W,
            "{what}“{name}”中没有三级指标",
            "{what} '{name}' has no indicator",
            "在其中写上{inner}（每项一行，⏎ 表示换行），例如 {example}；不需要的话删除它",
            "add {inner} (one per line, ⏎ marks a line break), e.g. {example}, or delete it",
            title="a project or goal without indicators",
        ),
        "PF211": Entry(
            E,
            "指标分组“{level2}”是二级指标，缺少它的一级指标",
            "group '{level2}' is a level-2 indicator without its level 1",
            "写成“{fixed} {{”（“{level2}”属于“{owner}”）",
            "write '{fixed} {{' ('{level2}' belongs to '{owner}')",
            title="a 二级 without its 一级",
        ),
        # -- money and values -------------------------------------------------------------
        "PF301": Entry(
            E,
            "项目“{name}”缺少预算",
            "project '{name}' has no budget",
            "在项目中写一行：预算 571",
            "add a line to the project: 预算 571",
            title="no budget",
        ),
        "PF302": Entry(
            E,
            "预算“{value}”不是有效的金额",
            "budget '{value}' is not a valid amount",
            "预算应是非负数，可带金额单位，例如 预算 571 或 预算 571万元",
            "the budget is a non-negative number with an optional money unit, e.g. 预算 571",
            title="malformed budget",
        ),
        "PF303": Entry(
            E,
            "指标值“{text}”为负数",
            "target '{text}' is negative",
            "绩效目标值不能为负数",
            "performance targets cannot be negative",
            title="negative target",
        ),
        "PF304": Entry(
            E,
            "成本指标“{name}”的指标值 {amount} 超过项目预算 {budget}",
            "cost indicator '{name}' ({amount}) exceeds the budget {budget}",
            "{suggest}",
            "{suggest}",
            title="a cost above the budget",
        ),
        "PF305": Entry(
            E,
            "{goal}的金额成本指标合计 {total} 超过项目预算 {budget}",
            "the money cost indicators of {goal} add up to {total}, above the budget {budget}",
            "核对各成本指标之和与项目预算",
            "check the sum of cost indicators against the budget",
            title="costs adding up to more than the budget",
        ),
        "PF306": Entry(
            E,
            "分值“{value}”不是有效的非负数",
            "weight '{value}' is not a valid non-negative number",
            "例如 分值 10",
            "e.g. 分值 10",
            title="malformed weight",
        ),
        "PF307": Entry(
            E,
            "{pool}的指定分值合计 {total} 超过该部分满分 {limit}",
            "explicit weights in {pool} add up to {total}, above its pool of {limit}",
            "调低指定的分值，或不写分值让其平均分配；按地区办法打分的（如四川：绩效指标 90 分自由分配），在文件开头写“评分方案 四川”",
            "lower the explicit weights or leave them out to share the pool equally; for a region's rules"
            " (Sichuan: 90 points shared freely among the indicators) write `评分方案 sichuan` at the top",
            title="weights above their pool",
        ),
        "PF308": Entry(
            W,
            "预算“{text}”按{unit}计是 {amount}，大得不合常理",
            "the budget '{text}' in {unit} is {amount}: implausibly large",
            "数字多半是按元写的：按{unit}应写 预算 {fixed}（即 {meant}）",
            "the number was most likely written in 元: in {unit} it is 预算 {fixed} ({meant})",
            title="a budget implausibly large for its unit",
        ),
        "PF309": Entry(
            W,
            "成本指标“{name}”的指标值 {text} 与预算 {budget} 数字相同、单位不同，金额只有预算的零头",
            "cost indicator '{name}' ({text}) has the budget's number ({budget}) in a smaller unit",
            "单位多半写错了，应写 {fixed}",
            "the unit is most likely a slip: {fixed}",
            title="a cost with the budget's number in a smaller unit",
        ),
        "PF310": Entry(
            W,
            "资金{how}为 {total}，与预算 {budget} 不符",
            "the funding {how} is {total}, not the budget {budget}",
            "{lines}，比预算{more} {difference}：核对各项金额，或把预算改为 {total}",
            "{lines}: {difference} {more} than the budget; check the amounts, or make the budget {total}",
            title="资金 lines that do not add up to the budget",
        ),
        # -- review warnings --------------------------------------------------------------
        "PF401": Entry(
            W,
            "未知的计量单位“{unit}”",
            "unknown unit '{unit}'",
            "如果这是量词（如 棵、株），可以忽略本提示；常用单位：元、万元、人、个、%、平方米、吨",
            "if this is a measure word (棵, 株 …) ignore this; common units: 元, 万元, 人, 个, %, 平方米, 吨",
            title="unknown unit",
        ),
        "PF402": Entry(
            W,
            "指标值“{text}”缺少计量单位",
            "target '{text}' has no unit",
            "写上单位，例如 {example}",
            "add a unit, e.g. {example}",
            title="no unit",
        ),
        "PF403": Entry(
            W,
            "指标值“{text}”缺少比较符号",
            "target '{text}' has no comparator",
            "写明方向，例如 {example}",
            "state the direction, e.g. {example}",
            title="no comparator",
        ),
        "PF404": Entry(
            W,
            "比率类指标“{name}”的指标值 {text} 超过 100%",
            "rate '{name}' has a target above 100%: {text}",
            "比率一般不超过 100%",
            "a rate normally cannot exceed 100%",
            title="a rate above 100%",
        ),
        "PF405": Entry(
            W,
            "“{name}”的比较方向可能写反了：{text}",
            "'{name}' may point the wrong way: {text}",
            "{suggest}",
            "{suggest}",
            title="a comparator pointing the wrong way",
        ),
        "PF406": Entry(
            W,
            "满意度指标“{name}”的目标 {text} 低于 90%",
            "satisfaction target '{name}' is below 90%: {text}",
            "满意度目标一般不低于 90%",
            "satisfaction targets are normally at least 90%",
            title="a satisfaction target below 90%",
        ),
        "PF407": Entry(
            W,
            "{goal}缺少{missing}",
            "{goal} has no {missing}",
            "绩效指标一般应包括产出、效益和满意度三类一级指标",
            "indicators should cover 产出, 效益 and 满意度",
            title="a goal without 产出, 效益 or 满意度",
        ),
        "PF408": Entry(
            W,
            "指标值“{text}”用语模糊（“{word}”），难以衡量",
            "target '{text}' is vague ('{word}') and hard to measure",
            "尽量细化、量化，例如写成具体数值或可核验的标准",
            "make it concrete and measurable, e.g. a number or a checkable standard",
            title="vague wording",
        ),
        "PF409": Entry(
            W,
            "未知的指标值确定依据“{value}”",
            "unknown basis '{value}'",
            "{suggest}",
            "{suggest}",
            title="unknown basis",
        ),
        "PF410": Entry(
            W,
            "三级指标“{name}”没有指标值",
            "indicator '{name}' has no target value",
            "在冒号后写上指标值；不要把数值藏在指标名称里",
            "write the value after the colon, not inside the name",
            title="no target value",
        ),
        "PF411": Entry(
            W,
            "指标值“{text}”以比较符号开头，却读不出数值和单位，只能当作定性指标",
            "target '{text}' starts with a comparator but does not read as a number and unit: "
            "it is taken as qualitative",
            "写成“比较符号 数值 单位”，例如 ≥3人；一行只写一个指标，末尾不要加标点",
            "write comparator, number and unit, e.g. ≥3人; one indicator per line, no punctuation after it",
            title="a comparator before text that is not a number",
        ),
        "PF412": Entry(
            W,
            "比率类指标“{name}”的指标值 {text} 用了计数单位“{unit}”",
            "rate '{name}' is counted in '{unit}': {text}",
            "比率和满意度用百分比，例如 {example}",
            "a rate or a satisfaction is a percent, e.g. {example}",
            title="a rate counted in a measure word",
        ),
        # -- evaluation: actuals and profiles (perflang eval) ------------------------------
        "PF501": Entry(
            E,
            "无法读取实际完成值：{reason}",
            "cannot read the actuals: {reason}",
            "实际完成值应为 JSON（perflang-actuals/1）或 CSV 文件，见 docs/scoring.md",
            "the actuals are a JSON (perflang-actuals/1) or CSV file, see docs/scoring.md",
            title="the actuals cannot be read",
        ),
        "PF502": Entry(
            E,
            "实际完成值的结构有误：{what}",
            "the actuals are malformed: {what}",
            "格式见 docs/scoring.md",
            "see docs/scoring.md for the format",
            title="malformed actuals",
        ),
        "PF503": Entry(
            E,
            "实际完成值中的项目“{name}”不在目标文件中",
            "project '{name}' of the actuals is not in the target file",
            "项目名称须与 .perf 中完全一致；相近的名称：{suggest}",
            "names must match the .perf exactly; close names: {suggest}",
            title="a project not in the target file",
        ),
        "PF504": Entry(
            E,
            "项目“{project}”的年度目标中没有三级指标“{name}”",
            "project '{project}' has no evaluated indicator '{name}'",
            "写三级指标名称或 一级/二级/三级 路径；相近的名称：{suggest}",
            "write the indicator name or its path 一级/二级/三级; close names: {suggest}",
            title="an indicator not in the project",
        ),
        "PF505": Entry(
            E,
            "三级指标“{name}”在项目中出现多次，无法确定是哪一个",
            "indicator name '{name}' occurs several times in the project",
            "改写成路径，例如：{paths}",
            "write its path instead, e.g. {paths}",
            title="an ambiguous indicator name",
        ),
        "PF506": Entry(
            W,
            "项目“{project}”缺少“{name}”的实际完成值，按 0 分计",
            "no actual for '{name}' in project '{project}': scored 0",
            "在实际完成值文件中补上这一指标",
            "add the indicator to the actuals",
            title="a missing actual",
        ),
        "PF507": Entry(
            E,
            "“{name}”的实际完成值“{value}”不是数值",
            "the actual '{value}' of '{name}' is not a number",
            "写成数值，可带单位，例如 96% 或 560万元",
            "write a number, optionally with a unit, e.g. 96% or 560万元",
            title="an actual that is not a number",
        ),
        "PF508": Entry(
            E,
            "实际完成值“{value}”的单位“{unit}”与指标单位“{target_unit}”不能换算",
            "the unit '{unit}' of '{value}' does not convert to the target's unit '{target_unit}'",
            "改用“{target_unit}”或同一类的单位，或只写数值",
            "use '{target_unit}' or a unit of the same kind, or give the bare number",
            title="a unit that does not convert",
        ),
        "PF509": Entry(
            E,
            "定性指标“{name}”的实际完成值“{value}”应为 达成、部分达成 或 未达成",
            "the actual '{value}' of qualitative '{name}' must be 达成, 部分达成 or 未达成",
            "也可写全称：达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差",
            "the long forms are accepted too: 达成年度指标, 部分达成年度指标并具有一定效果, 未达成年度指标且效果较差",
            title="a qualitative actual that is not a level",
        ),
        "PF510": Entry(
            E,
            "“{name}”的得分 {score} 不在允许的区间 {band}{level}",
            "the score {score} of '{name}' lies outside {band}{level}",
            "定性指标的得分须在完成程度对应的区间内，定量指标的得分在 0 与分值之间",
            "a qualitative score lies in its level's band, a quantitative one in [0, weight]",
            title="a score outside its band",
        ),
        "PF511": Entry(
            E,
            "得分“{value}”不是有效的非负数",
            "score '{value}' is not a valid non-negative number",
            '例如 "score": "14.5"',
            'e.g. "score": "14.5"',
            title="a score that is not a number",
        ),
        "PF512": Entry(
            E,
            "评分方案有误：{reason}",
            "invalid scoring profile: {reason}",
            "评分方案的写法见 docs/scoring.md 和 examples/profiles/",
            "see docs/scoring.md and examples/profiles/ for the profile format",
            title="an invalid scoring profile",
        ),
        "PF513": Entry(
            E,
            "{field}“{value}”不是有效的金额",
            "{field} '{value}' is not a valid amount",
            "写成正数金额，可带单位，例如 560 或 560万元",
            "write a positive amount, e.g. 560 or 560万元",
            title="an invalid 全年执行数 / 全年预算数",
        ),
        "PF514": Entry(
            E,
            "同一指标的实际完成值写了两次（“{name}”与“{other}”）",
            "the same indicator is given twice ('{name}' and '{other}')",
            "删除其中一项",
            "delete one of them",
            title="an indicator given twice",
        ),
        "PF515": Entry(
            E,
            "CSV 表头缺少“{missing}”列",
            "the CSV header has no '{missing}' column",
            "表头应为 project,indicator,actual,score,note 或 项目名称,三级指标,实际完成值,得分,偏差原因",
            "the header is project,indicator,actual,score,note (or the Chinese 项目名称,三级指标,实际完成值,得分,偏差原因)",
            title="a CSV header without a required column",
        ),
        # actuals as people write them: each is scored by a documented rule (docs/scoring.md §1)
        # and this warning says what was assumed
        "PF520": Entry(
            W,
            "“{name}”的实际完成值“{value}”不是数值，按已达到指标值 {target} 计满分",
            "the actual '{value}' of '{name}' is not a number: taken as meeting the target {target} (full marks)",
            "写出实际数值，例如 {target}",
            "write the actual number, e.g. {target}",
            title='a quantitative actual written as a word meaning "met"',
        ),
        "PF521": Entry(
            W,
            "“{name}”的实际完成值“{value}”重复了指标值的写法，按 {read} 计",
            "the actual '{value}' of '{name}' repeats the target's form: read as {read}",
            "实际完成值只写达到的数值，例如 {read}",
            "write only the number reached, e.g. {read}",
            title="an actual that repeats the target's form",
        ),
        "PF522": Entry(
            W,
            "“{name}”的指标值“{target}”没有单位，实际完成值“{value}”按 {read} 计",
            "the target '{target}' of '{name}' has no unit: the actual '{value}' is read as {read}",
            "指标值与实际完成值写同一单位",
            "write the target and the actual in the same unit",
            title="a percent actual against a target without unit",
        ),
        "PF523": Entry(
            W,
            "“{name}”的实际完成值“{value}”按小数读作 {read}（指标值 {target}）",
            "the actual '{value}' of '{name}' is read as a fraction: {read} (target {target})",
            "百分比请写 %，例如 {read}",
            "write percentages with %, e.g. {read}",
            title="a fraction against a percent target",
        ),
        "PF524": Entry(
            W,
            "定性指标“{name}”的实际完成值“{value}”与指标值相同，按“达成”计",
            "the actual '{value}' of qualitative '{name}' repeats its target: scored as 达成",
            '写明完成程度：达成、部分达成 或 未达成，或用 {{"actual": …, "grade": "达成"}}',
            'state the level (达成, 部分达成, 未达成), or give {{"actual": …, "grade": "达成"}}',
            title="a qualitative actual that repeats its target",
        ),
        "PF525": Entry(
            W,
            "“{name}”的完成程度“{grade}”与实际完成值“{value}”（指标值 {target}）不一致，按完成程度计分",
            "the grade '{grade}' of '{name}' contradicts its actual '{value}' (target {target}): scored by the grade",
            "核对两者：实际已达标应写“达成”，未达标则不应写“达成”；不需要完成程度时删去 grade",
            "check both: an actual that meets the target is 达成, one that misses it is not; drop the grade if it is not meant",
            title="a grade that contradicts a numeric actual",
        ),
        "PF526": Entry(
            E,
            "“{name}”的完成程度“{value}”应为 达成、部分达成 或 未达成",
            "the grade '{value}' of '{name}' must be 达成, 部分达成 or 未达成",
            "也可写全称：达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差",
            "the long forms are accepted too: 达成年度指标, 部分达成年度指标并具有一定效果, 未达成年度指标且效果较差",
            title="a grade that is not a level",
        ),
        # -- 运行监控: the progress file (perflang monitor) -----------------------------------
        "PF530": Entry(
            E,
            "无法读取监控数据：{reason}",
            "cannot read the progress file: {reason}",
            "监控数据应为 JSON（perflang-progress/1）或 CSV 文件，见 docs/monitoring.md；perflang monitor 文件 --template 生成一份待填的",
            "the progress file is JSON (perflang-progress/1) or CSV, see docs/monitoring.md; "
            "perflang monitor FILE --template writes one to fill in",
            title="the progress file cannot be read",
        ),
        "PF531": Entry(
            E,
            "监控数据的结构有误：{what}",
            "the progress file is malformed: {what}",
            "格式见 docs/monitoring.md，或用 --template 生成一份待填的",
            "see docs/monitoring.md for the format, or write one with --template",
            title="a malformed progress file",
        ),
        "PF532": Entry(
            E,
            "监控月份“{value}”应为 1 到 12 之间的整数（1-N月的 N）",
            "the month '{value}' must be a whole number from 1 to 12 (the N of 1-N月)",
            '写成 "month": 6（1-6月的数据）；CSV 中写一行：月份,,6',
            'write "month": 6 (data of 1-6月); in CSV a row: month,,6',
            title="a month outside 1–12",
        ),
        "PF533": Entry(
            E,
            "监控数据中的项目“{name}”不在目标文件中",
            "project '{name}' of the progress file is not in the target file",
            "项目名称须与 .perf 中完全一致；相近的名称：{suggest}",
            "names must match the .perf exactly; close names: {suggest}",
            title="a monitored project not in the target file",
        ),
        "PF535": Entry(
            E,
            "{field}{value} 超过了年度预算数 {budget}，不亮灯",
            "{field} {value} exceeds the annual budget {budget}: no light",
            "核对金额和单位（万元与元）；预算调整过的，写上调整后的 budget（年度预算数）",
            "check the amount and its unit (万元 or 元); for an adjusted budget give the new budget",
            title="an amount above the budget",
        ),
        "PF536": Entry(
            E,
            "“{name}”的完成目标可能性“{value}”应为 {choices} 之一",
            "the likelihood '{value}' of '{name}' must be one of {choices}",
            "可选的写法由评分方案的 [monitoring] likelihood 规定",
            "the words allowed are the profile's [monitoring] likelihood",
            title="a likelihood not in the list",
        ),
        "PF537": Entry(
            E,
            "“{name}”的完成目标可能性为“{value}”，须填写{missing}",
            "the likelihood of '{name}' is '{value}': {missing} must be filled in",
            "监控表注明：选“有可能”“不可能”的，须在“偏差原因分析”与“相关建议或举措”栏填写原因和拟采取的措施"
            "（写在指标的 reasons、measures，或项目的 reasons、measures）",
            "the form requires the reasons and the measures planned for 有可能 or 不可能 "
            "(the indicator's or the project's reasons and measures)",
            title="有可能 / 不可能 without a reason",
        ),
        "PF538": Entry(
            W,
            "项目“{project}”的“{name}”没有 {period}完成值，不亮灯",
            "no value to date for '{name}' of project '{project}': no light",
            "填上{period}完成值（value）",
            "give the value reached so far (value)",
            title="no value to date",
        ),
        "PF539": Entry(
            W,
            "项目“{project}”没有 {period}执行数或年度预算数，预算执行不亮灯",
            "project '{project}' has no amount executed to date or no budget: no budget light",
            "填上 executed（1-N月执行数）；目标文件中没有预算的，也填上 budget（年度预算数）",
            "give executed (the amount spent to date), and budget where the target file has none",
            title="no budget light",
        ),
        "PF540": Entry(
            W,
            "“{name}”全年预计 {value} 达到指标值 {target} 的 {deviation}% 以上，年终计为偏差，须说明原因",
            "'{name}' is projected at {value}, at least {deviation}% of its target {target}: "
            "a deviation at the year's end, to be explained",
            "在偏差原因分析（reasons）中说明；指标值定得过低的，可申请调整绩效目标",
            "explain it in reasons; a target set too low may be adjusted",
            title="a projected deviation of ≥130%",
        ),
        "PF541": Entry(
            W,
            "项目“{project}”缺少“{name}”的全年预计完成值，预计得分按 0 计",
            "no projection for '{name}' in project '{project}': counted 0 in the projected score",
            "填上全年预计完成情况（projected）",
            "give the projected value (projected)",
            title="no projection",
        ),
        "PF542": Entry(
            W,
            "项目“{project}”不在监控数据中，没有监控",
            "project '{project}' is not in the progress file: not monitored",
            "要监控它，在监控数据中加上这个项目（perflang monitor 文件 --template 列出全部项目）",
            "to monitor it, add it to the progress file (perflang monitor FILE --template lists every project)",
            title="a project not monitored",
        ),
        "PF543": Entry(
            E,
            "“{name}”的{period}完成值“{value}”不是数值",
            "the value to date '{value}' of '{name}' is not a number",
            "写成数值，可带单位，例如 96% 或 560万元",
            "write a number, optionally with a unit, e.g. 96% or 560万元",
            title="a value to date that is not a number",
        ),
        # the other problems of the value to date (scoring/monitor.py TO_DATE_CODES: the engine's
        # PF508, PF509, PF520-PF524 said of 1-N月完成值, {period} the months)
        "PF544": Entry(
            E,
            "{period}完成值“{value}”的单位“{unit}”与指标单位“{target_unit}”不能换算",
            "the unit '{unit}' of the value to date '{value}' does not convert to the target's unit '{target_unit}'",
            "改用“{target_unit}”或同一类的单位，或只写数值",
            "use '{target_unit}' or a unit of the same kind, or give the bare number",
            title="a value to date in a unit that does not convert",
        ),
        "PF545": Entry(
            E,
            "定性指标“{name}”的{period}完成值“{value}”应为 达成、部分达成 或 未达成",
            "the value to date '{value}' of qualitative '{name}' must be 达成, 部分达成 or 未达成",
            "也可写全称：达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差，"
            "或系统的 达成目标、部分达成目标并具有一定效果、未达成目标且效果较差",
            "the long forms are accepted too: 达成年度指标, 部分达成年度指标并具有一定效果, 未达成年度指标且效果较差, "
            "and the system's 达成目标, 部分达成目标并具有一定效果, 未达成目标且效果较差",
            title="a qualitative value to date that is not a level",
        ),
        "PF546": Entry(
            W,
            "“{name}”的{period}完成值“{value}”不是数值，按已达到指标值 {target} 计",
            "the value to date '{value}' of '{name}' is not a number: taken as meeting the target {target}",
            "写出{period}实际达到的数值",
            "write the number reached so far",
            title='a value to date written as a word meaning "met"',
        ),
        "PF547": Entry(
            W,
            "“{name}”的{period}完成值“{value}”重复了指标值的写法，按 {read} 计",
            "the value to date '{value}' of '{name}' repeats the target's form: read as {read}",
            "{period}完成值只写达到的数值，例如 {read}",
            "write only the number reached, e.g. {read}",
            title="a value to date that repeats the target's form",
        ),
        "PF548": Entry(
            W,
            "“{name}”的指标值“{target}”没有单位，{period}完成值“{value}”按 {read} 计",
            "the target '{target}' of '{name}' has no unit: the value to date '{value}' is read as {read}",
            "指标值与{period}完成值写同一单位",
            "write the target and the value to date in the same unit",
            title="a percent value to date against a target without unit",
        ),
        "PF549": Entry(
            W,
            "“{name}”的{period}完成值“{value}”按小数读作 {read}（指标值 {target}）",
            "the value to date '{value}' of '{name}' is read as a fraction: {read} (target {target})",
            "百分比请写 %，例如 {read}",
            "write percentages with %, e.g. {read}",
            title="a fractional value to date against a percent target",
        ),
        "PF550": Entry(
            W,
            "定性指标“{name}”的{period}完成值“{value}”与指标值相同，按“达成”计",
            "the value to date '{value}' of qualitative '{name}' repeats its target: taken as 达成",
            "写明完成程度：达成、部分达成 或 未达成",
            "state the level: 达成, 部分达成 or 未达成",
            title="a qualitative value to date that repeats its target",
        ),
        # -- files written, workbooks read, the command itself (PF9xx) --------------------
        "PF901": Entry(
            E,
            "无法写入“{file}”：{reason}",
            "cannot write '{file}': {reason}",
            "检查磁盘空间、文件夹是否存在、是否有写入权限",
            "check the free space, that the folder exists and that you may write there",
            title="an output that cannot be written",
        ),
        "PF902": Entry(
            E,
            "输出文件“{file}”就是输入文件，没有覆盖它",
            "the output '{file}' is an input file: not overwritten",
            "用 -o 指定另一个文件名",
            "give -o another file name",
            title="the output is one of the inputs",
        ),
        "PF903": Entry(E, "已中断", "interrupted", title="interrupted"),
        "PF904": Entry(
            E,
            "文件操作失败：“{file}”：{reason}",
            "file operation failed: '{file}': {reason}",
            "如果当前文件夹已被删除或移动，请进入一个存在的文件夹再运行",
            "if the current folder was deleted or moved, change to an existing folder and run again",
            title="a file operation failed",
        ),
        "PF905": Entry(
            E,
            "“{first}”和“{second}”会写到同一个输出文件“{file}”",
            "'{first}' and '{second}' would both be written to '{file}'",
            "分别构建，或改名其中一个文件",
            "build them separately, or rename one of them",
            title="two inputs, one output",
        ),
        "PF906": Entry(
            E,
            "输出文件“{file}”是只读的，没有改写",
            "the output '{file}' is read-only: not rewritten",
            "先改为可写（chmod u+w），或写到另一个文件",
            "make it writable (chmod u+w) or write elsewhere",
            title="a read-only output",
        ),
        "PF907": Entry(
            E,
            "“{file}”{why}，没有读取",
            "'{file}' is {why}: not read",
            "表样文件、评分方案文件和 perflang.toml 须是不超过上限的普通文件，"
            "不能是管道、设备或文件夹（也不能是指向它们的链接）；要导入的表格是普通文件或管道，不超过上限：请检查是否指错了文件",
            "a form file, a scoring profile and perflang.toml must be regular files within the limit, not a FIFO, "
            "a device or a folder (nor a link to one); a table to import is a regular file or a pipe within the "
            "limit: check that the right file is named",
            title="a file that is not read: not a regular file, or too large",
        ),
        "PF908": Entry(
            E,
            "“{file}”已经存在{detail}，没有改动它",
            "'{file}' exists{detail} and was left alone",
            "换一个文件名，或先删除、改名原来的文件",
            "choose another name, or remove or rename it first",
            title="`perflang new` over an existing name",
        ),
        "PF911": Entry(
            E,
            "工作簿过大：解压后共 {size} 字节，超过上限 {limit} 字节",
            "the workbook is too large: {size} bytes unpacked, the limit is {limit}",
            "一张绩效目标表远小于此；请只保留目标表所在的工作表后另存再导入",
            "a target table is far smaller: keep only its sheet, save, and import again",
            title="a workbook too large when unpacked",
        ),
        "PF912": Entry(
            E,
            "工作表“{sheet}”的范围 {ref} 过大（{rows} 行 × {columns} 列），上限为 {max_rows} 行 × {max_columns} 列",
            "sheet '{sheet}' spans {ref} ({rows} rows × {columns} columns); the limit is {max_rows} × {max_columns}",
            "删除表格以外的空行空列（或远处单元格里的内容）后另存再导入",
            "delete the rows and columns outside the table (or stray far-away cells), save, and import again",
            title="a sheet's range too large",
        ),
        "PF913": Entry(
            E,
            "工作表“{sheet}”的合并单元格 {ref} 过大（{cells} 个单元格），上限为 {limit}",
            "sheet '{sheet}' merges {ref} ({cells} cells); the limit is {limit}",
            "取消这个合并后另存再导入",
            "unmerge it, save, and import again",
            title="a merged range too large",
        ),
        "PF914": Entry(
            E,
            "工作表“{sheet}”的单元格过多（{cells} 个），上限为 {limit}",
            "sheet '{sheet}' has too many cells ({cells}); the limit is {limit}",
            "只保留目标表所在的区域后另存再导入",
            "keep only the table's area, save, and import again",
            title="too many cells",
        ),
        "PF915": Entry(
            E,
            "工作簿已损坏，无法读取：{reason}",
            "the workbook is damaged and cannot be read: {reason}",
            "在 Excel/WPS 中打开并另存为 .xlsx 后再导入",
            "open it in Excel/WPS, save it as .xlsx again, and import that",
            title="a damaged workbook",
        ),
        "PF916": Entry(
            E,
            "表样文件有误：{reason}",
            "invalid form file: {reason}",
            "表样文件的写法见 docs/output.md（自定义表样）和 examples/forms/",
            "see docs/output.md (custom forms) and examples/forms/ for the form file format",
            title="a form file that cannot be used",
        ),
        "PF917": Entry(
            E,
            "文件过大：{part} 解压后超过 {limit} 字节",
            "the file is too large: {part} unpacks to more than {limit} bytes",
            "一张绩效目标表远小于此；请只保留目标表，另存后再导入",
            "a target table is far smaller: keep only the table, save, and import again",
            title="a Word document too large when unpacked",
        ),
        "PF918": Entry(
            E,
            "表格过大：{where}有 {cells} 个单元格，上限为 {limit}",
            "the table is too large: {where} has {cells} cells; the limit is {limit}",
            "多半是合并单元格的跨度写错了（Word 的 gridSpan、网页的 colspan/rowspan 数值过大）；"
            "请在 Word/WPS 或浏览器中检查这个表格，另存后再导入",
            "most likely a merged cell's span is wrong (Word's gridSpan, a page's colspan/rowspan): "
            "check the table in Word/WPS or a browser, save, and import again",
            title="a table too large",
        ),
        "PF919": Entry(
            E,
            "文件的结构超出上限：{what}",
            "the file's structure is beyond the limits: {what}",
            "一张绩效目标表远小于此；请只保留目标表，另存后再导入",
            "a target table is far smaller: keep only the table, save, and import again",
            title="a document's structure beyond the limits",
        ),
        "PF920": Entry(
            E,
            "文件含有 DTD（<!DOCTYPE>）或实体声明，出于安全考虑没有读取",
            "the file declares a DTD (<!DOCTYPE>) or entities: not read, for safety",
            "Word/WPS 保存的 .docx 不含这些内容：请在 Word/WPS 中打开，另存为 .docx 后再导入",
            "a .docx saved by Word/WPS has none: open it in Word/WPS, save it as .docx, and import that",
            title="a Word document that declares a DTD or entities",
        ),
        # -- problems outside the user's file: a missing tool or extra (exit 2, perflang/errors.py)
        "PF921": Entry(
            E,
            "生成 PDF 需要 Chromium 浏览器，但没有找到{detail}",
            "--to pdf needs the Chromium browser, which was not found{detail}",
            "安装 Chromium 后重试（Debian/Ubuntu：sudo apt-get install chromium fonts-arphic-uming fonts-wqy-zenhei；"
            "macOS：brew install --cask chromium；Windows：安装 Chrome 或 Edge 并设置 "
            "PERFLANG_CHROMIUM=浏览器程序路径），或用 --to html 生成网页后在浏览器中“打印→另存为 PDF”",
            "install Chromium and try again (Debian/Ubuntu: sudo apt-get install chromium "
            "fonts-arphic-uming fonts-wqy-zenhei; macOS: brew install --cask chromium; Windows: install Chrome or Edge "
            "and set PERFLANG_CHROMIUM to it), or use --to html and print the page from a browser",
            title="Chromium not found for `--to pdf`",
        ),
        "PF922": Entry(
            E,
            "Chromium 未能生成 PDF：{detail}",
            "Chromium failed to print the PDF: {detail}",
            "用 --to html 生成网页，在浏览器中“打印→另存为 PDF”",
            "use --to html and print the page from a browser",
            title="Chromium failed to print",
        ),
        "PF923": Entry(
            E,
            "{what}需要 {package}，但没有安装",
            "{what} needs {package}, which is not installed",
            "运行 {install}",
            "run {install}",
            title="an optional package is missing",
        ),
        "PF924": Entry(
            E,
            "perflang web build 需要 {tool}，但没有找到",
            "perflang web build needs {tool}, which was not found",
            "安装 Node.js 和 npm 后重试（Debian/Ubuntu：sudo apt-get install nodejs npm；Windows、macOS：从 Node.js 官网安装）；"
            "它们只在构建时用来取得 Pyodide 和编辑器，网页运行时不需要",
            "install Node.js and npm and try again (Debian/Ubuntu: sudo apt-get install nodejs npm); they are needed to "
            "build the site (to fetch Pyodide and the editor), not to use it",
            title="`perflang web build` without Node.js or npm",
        ),
        "PF925": Entry(
            E,
            "构建网页失败：{step}：{detail}",
            "building the site failed: {step}: {detail}",
            "构建时需要连接 npm 和 PyPI 软件源；检查网络后重试，或在能联网的电脑上构建后把文件夹复制过来",
            "the build fetches from the npm registry and PyPI: check the network and try again, or build on a "
            "connected machine and copy the folder",
            title="a step of `perflang web build` failed",
        ),
        "PF926": Entry(
            E,
            "“{dir}”已存在且不是 perflang 网页文件夹，没有覆盖",
            "'{dir}' exists and is not a perflang site: not overwritten",
            "换一个新的或空的文件夹",
            "name a new or empty folder",
            title="the folder of `perflang web build` holds something else",
        ),
        # -- a table that `perflang import` cannot read at all (exit 1; docs/import.md) ----------
        "PF927": Entry(
            E,
            "文件既不是 UTF-8 也不是 GBK 编码的文本",
            "the file is neither UTF-8 nor GBK text",
            "在编辑器中另存为 UTF-8 文本后再导入",
            "save it as UTF-8 text in an editor, and import that",
            title="a text that is neither UTF-8 nor GBK",
        ),
        "PF928": Entry(
            E,
            "不支持旧版 {suffix} 文件",
            "old {suffix} files are not supported",
            "请在 {app} 中另存为 {new} 后再导入",
            "save the file as {new} in {app} first",
            title="an old .xls or .doc file",
        ),
        "PF929": Entry(
            E,
            "{what}无法读取：{detail}",
            "the {what} cannot be read: {detail}",
            "在 Excel/WPS 或 Word/WPS 中打开并另存后再导入",
            "open it in Excel/WPS or Word/WPS, save it again, and import that",
            title="a workbook or Word document that cannot be read",
        ),
        "PF930": Entry(
            E,
            "这是一个 Excel 工作簿或 Word 文档，文件名却不以 .xlsx 或 .docx 结尾",
            "this is an Excel workbook or a Word document, but its name does not end in .xlsx or .docx",
            "请把文件扩展名改为 .xlsx 或 .docx",
            "name it *.xlsx or *.docx",
            title="a workbook or Word document under another name",
        ),
        "PF931": Entry(
            E,
            "从管道读入的是 Excel 工作簿或 Word 文档",
            "what the pipe gives is an Excel workbook or a Word document",
            "请先保存成 .xlsx 或 .docx 文件，再导入那个文件",
            "save it as a .xlsx or .docx file and import that",
            title="a workbook or Word document read from a pipe",
        ),
        "PF932": Entry(
            E,
            "没有找到任何项目",
            "no project found",
            "表中应有“项目名称”一行",
            "the table needs a 项目名称 row",
            title="a table with no project",
        ),
        # -- the language server's answers to a request it refuses --------------------------
        "PF933": Entry(
            E,
            "无法重命名：{reason}",
            "cannot rename: {reason}",
            title="a rename the language server refuses",
        ),
    }


CATALOG: dict[str, Entry] = _catalog()


# -- phrases: the parts of a message that depend on what was found (what is wrong in a profile,
# where a setting belongs …).  Code passes data — Phrase(key, args), Listing(items) — and the
# message is put together in the language it is shown in (Diagnostic.message, localize).
class Phrase(NamedTuple):
    """A part of a message: the text of PHRASES[key] filled with args, in the message's language."""

    key: str
    args: dict


def phrase(key: str, /, **args) -> Phrase:
    return Phrase(key, args)


class Listing(NamedTuple):
    """Items shown as a list: 甲、乙、丙 in Chinese, a, b, c in English (sep "list"); or, with
    sep "or", 甲 或 乙 and a, b; with sep "sorted", as "list" in the order of the texts shown;
    or as in messages.CLI[sep]."""

    items: tuple
    sep: str = "list"


def localize(value, lang: str):
    """A message argument as shown in lang: a Phrase filled in, a Listing joined, anything else
    as it is."""
    if isinstance(value, Phrase):
        zh, en = PHRASES[value.key]
        return (en if lang == "en" else zh).format(**{k: localize(v, lang) for k, v in value.args.items()})
    if isinstance(value, Listing):
        items = [str(localize(v, lang)) for v in value.items]
        return cli_text(value.sep, lang).join(sorted(items) if value.sep == "sorted" else items)
    return value


PHRASES: dict[str, tuple[str, str]] = {
    # why a file is not read (PF907), and what it is instead of a regular file
    "read.special": ("不是普通文件（是{kind}）", "not a regular file (it is {kind})"),
    "read.too_large": ("过大（{size} 字节，上限为 {limit} 字节）", "too large ({size} bytes; the limit is {limit})"),
    "kind.folder": ("文件夹", "a folder"),
    "kind.fifo": ("管道（FIFO）", "a FIFO"),
    "kind.char": ("字符设备", "a character device"),
    "kind.block": ("块设备", "a block device"),
    "kind.socket": ("套接字", "a socket"),
    "kind.special": ("特殊文件", "a special file"),
    # perflang new (PF908): a name that is a dangling symlink
    "new.dangling": (
        "（是指向“{target}”的符号链接，链接的目标不存在）",
        " (a symlink to '{target}', which does not exist)",
    ),
    # what an imported file claims beyond the limits (PF918, PF919)
    "where.word_row": ("第{table}个表格第{row}行", "row {row} of table {table}"),
    "where.word_tables": ("文档的表格", "the document's tables"),
    "where.page_table": ("网页的表{table}", "table {table} of the page"),
    "where.page_tables": ("网页中的表格", "the page's tables"),
    "limit.elements": ("元素多于 {limit} 个", "more than {limit} elements"),
    "limit.depth": ("元素嵌套深于 {limit} 层", "elements nested more than {limit} deep"),
    "limit.rows": ("段落和表格行多于 {limit} 行", "more than {limit} paragraphs and table rows"),
    "limit.table_rows": ("表格行多于 {limit} 行", "more than {limit} table rows"),
    "limit.text": ("文字多于 {limit} 个字符", "more than {limit} characters of text"),
    # what is wrong in a scoring profile (PF512, PF108): the key at fault is {what}
    "profile.number": ("{what} 应为数字", "{what} must be a number"),
    "profile.not_number": ("{what}“{value}”不是数字", "{what} '{value}' is not a number"),
    "profile.negative": ("{what} 应为非负数", "{what} must be a non-negative number"),
    "profile.table": ("[{what}] 应为表", "[{what}] must be a table"),
    "profile.level_table": ("qualitative.{what} 应为表", "qualitative.{what} must be a table"),
    "profile.unknown_key": (
        "{where}中有未知的键“{key}”，可用：{allowed}",
        "unknown key '{key}' in {where} (use {allowed})",
    ),
    "profile.unknown_top_key": (
        "评分方案中有未知的键“{key}”，可用：{allowed}",
        "unknown key '{key}' in the profile (use {allowed})",
    ),
    "profile.band": (
        "qualitative.{level} 应满足 min ≤ default ≤ max ≤ 1",
        "qualitative.{level} needs min <= default <= max <= 1",
    ),
    "profile.grades": (
        "[grades] 的分数线应在 0 到 100 之间，且最低一档从 0 开始",
        "grade thresholds lie in 0..100 and the lowest starts at 0",
    ),
    "profile.choice": ("{what} 应为 {choices}", "{what} must be one of {choices}"),
    "profile.flag": ("{what} 应为 true 或 false", "{what} must be true or false"),
    "profile.wording": ("wording.{word} 应为 {levels} 之一", "wording.{word} must be one of the levels {levels}"),
    "profile.not_table": ("评分方案应为表", "a profile must be a table"),
    "profile.layout": (
        "form.layout 应为文字：自评表的表样名称或表样文件（.toml）",
        "form.layout must be a text: the name of a 自评表 form or a form file (.toml)",
    ),
    "form.unknown_layout": (
        "form.layout：没有名为“{name}”的自评表表样，可用：{names}，或一个表样文件（.toml）",
        "form.layout: no 自评表 form named '{name}': use {names} or a form file (.toml)",
    ),
    "profile.framework": (
        'framework.{what} 应为二级指标名称的列表，例如 ["满意度"]',
        'framework.{what} must be a list of level-2 names, e.g. ["满意度"]',
    ),
    "profile.block": ("allocation.block 应为正数", "allocation.block must be positive"),
    "profile.thresholds": (
        "{what} 的界限应由小到大（red ≤ yellow ≤ blue）",
        "the thresholds of {what} must not decrease (red ≤ yellow ≤ blue)",
    ),
    "profile.words": ("{what} 应为非空的文字（列表）", "{what} must be non-empty text (a list of it)"),
    "profile.caps": (
        "monitoring.caps 应为 [执行率低于 %, 总分至多] 的列表，例如 [[80, 89], [70, 79]]",
        "monitoring.caps must be a list of [rate below %, total at most], e.g. [[80, 89], [70, 79]]",
    ),
    "profile.explain": (
        "monitoring.explain 中的“{word}”不在 monitoring.likelihood 中",
        "'{word}' of monitoring.explain is not in monitoring.likelihood",
    ),
    "profile.toml": ("TOML 语法错误：{detail}", "TOML syntax error: {detail}"),
    "profile.nested": ("TOML 嵌套过深", "the TOML is nested too deeply"),
    "profile.excess": (
        "项目“{project}”：{pool}的指定分值合计 {total} 超过该部分满分 {limit}",
        "{project}: {pool} weights {total} exceed the pool {limit}",
    ),
    "profile.unknown": (
        "没有名为“{name}”的评分方案，可用：{names}，或一个 .toml 文件",
        "no profile named '{name}': use one of {names} or a .toml file",
    ),
    "profile.unreadable": ("无法读取评分方案文件：{reason}", "cannot read the profile file: {reason}"),
    # the generated evaluators' own errors (perflang/scoring/evaluator.py and targets.py, and the
    # Java and JavaScript ports: perflang/runtimes/), besides the profile's above
    "evaluator.format": (
        "目标数据的 format 应为 {format}（perflang build --to json 的输出）",
        "the targets' format must be {format} (the output of perflang build --to json)",
    ),
    "evaluator.no_project": (
        "目标数据中没有项目“{project}”（项目名称或编号）",
        "no project '{project}' in the targets (a name or an id)",
    ),
    "evaluator.unusable": (
        "目标或评分方案无法读取：{reason}",
        "the targets or the profile cannot be read: {reason_en}",
    ),
    "evaluator.unreadable": ("无法读取实际完成值：{reason}", "cannot read the actuals: {reason_en}"),
    # the checker's (perflang/check/): places, suggestions, what a goal is called
    # where a block that lacks its "}" ends (PF103): line numbers as data, moved with the project
    "unclosed.file_end": (
        "文件在第 {line} 行结束时，这个块还没有结束",
        "the file ends on line {line} with this block still open",
    ),
    "unclosed.new_block": (
        "第 {line} 行开始了新的块，而这个块还没有结束",
        "line {line} starts a new block while this one is still open",
    ),
    # the language server's hover and inlay hints (perflang/lsp/hover.py, inlay.py)
    "hover.indicator": ("三级指标", "indicator"),
    "hover.levels": ("一级 / 二级", "levels"),
    "hover.unknown_level": ("（名称不在指标体系中）", " (unknown name)"),
    "hover.kind": ("类型", "kind"),
    "hover.quantitative": ("定量", "quantitative"),
    "hover.qualitative": ("定性", "qualitative"),
    "hover.comparator": ("比较", "comparator"),
    "hover.value": ("数值", "value"),
    "hover.unit": ("单位", "unit"),
    "hover.conversion": ("换算", "conversion"),
    "hover.direction": ("方向", "direction"),
    "hover.higher-better": ("越高越好（正向）", "higher is better"),
    "hover.lower-better": ("越低越好（反向）", "lower is better"),
    "hover.equal": ("等于目标值", "equal to the target"),
    "hover.basis": ("依据", "basis"),
    "hover.weight": ("分值", "weight"),
    "hover.scored_weight": ("评分时的分值（{profile}）", "weight when scored ({profile})"),
    "hover.budget": ("预算", "budget"),
    "hover.not_amount": ("不是有效的金额", "not a valid amount"),
    "hover.goal": ("{label}", "{kind} goal {number}"),
    "hover.goal_costs": (
        "{goal} 成本指标合计: {total} 元 ({count} 项, {share} 占预算)",
        "{goal} money costs: {total} 元 ({count} indicators, {share} of the budget)",
    ),
    "hover.help": ("提示：", "help: "),
    "hover.severity": ("{zh}", "{en}"),
    # completion's details (perflang/lsp/completion.py): what an item is
    "complete.line": ("第 {line} 行", "line {line}"),
    "complete.project": ("项目", "a project"),
    "complete.goal": ("目标", "a goal"),
    "complete.same": ("共用另一个目标", "share another goal"),
    "complete.field": ("字段", "a field of the form"),
    "complete.funding": ("资金", "a source of funds"),
    "complete.basis": ("指标值确定依据", "the basis of the target value"),
    "complete.money_unit": ("金额单位", "the money unit"),
    "complete.comparator": ("比较符号", "a comparator"),
    "complete.unit": ("单位", "a unit"),
    "inlay.weight": ("{weight} 分", "{weight} pts"),
    "inlay.weight_tip": ("按{profile}评分时这一项的分值", "the indicator's weight when scored by {profile}"),
    "inlay.goal_costs": ("成本 {total} 元，占预算 {share}", "costs {total} 元, {share} of the budget"),
    "inlay.goal_costs_tip": (
        "本目标中资金类成本指标（{count} 项）的合计与它占项目预算的比例",
        "the sum of the goal's money cost indicators ({count}) and its share of the project's budget",
    ),
    "inlay.in_base": ("= {amount} {unit}", "= {amount} {unit}"),
    "link.goal": ("转到{goal}（第 {line} 行）", "go to {goal} (line {line})"),
    "link.file": ("打开 {path}", "open {path}"),
    # rename (perflang/lsp/rename.py): why a rename is refused (PF933's reason)
    "rename.nothing": (
        "这里没有可以重命名的内容：可以重命名项目名称、目标（编号）和三级指标名称",
        "nothing to rename here: a project's name, a goal (its number) or an indicator's name can be renamed",
    ),
    "rename.empty": ("新名称不能为空", "the new name is empty"),
    "rename.project_taken": ("文件中已有名为“{name}”的项目", "the file has a project named '{name}' already"),
    "rename.indicator_taken": ("{goal}中已有名为“{name}”的三级指标", "{goal} has an indicator named '{name}' already"),
    "rename.goal_taken": ("项目中已有{goal}", "the project has a {goal} already"),
    "rename.goal_number": (
        "目标按编号区分：请写新的编号，例如 2 或 {goal}",
        "a goal is known by its number: write the new number, e.g. 2 or {goal}",
    ),
    "rename.goal_kind": (
        "重命名不改变目标的种类：请保留“{goal}”的种类，只改编号",
        "a rename does not change a goal's kind: keep the kind of {goal}, change its number",
    ),
    # syntax errors' hints that name a line (moved with the project: perflang.api.ProjectChecker)
    "hint.brace_from_line": (
        "把第 {line} 行的“{{”移到这一行的末尾",
        "move the '{{' of line {line} to the end of this line",
    ),
    "hint.brace_at_end": ("在这一行的末尾加上“{{”", "add '{{' at the end of this line"),
    "hint.join_lines": (
        "字符串不能跨行：把第 {line} 行和第 {next_line} 行的文字合成一行，例如 {joined}（需要换行时写 \\n）",
        "a string cannot span lines: join lines {line} and {next_line}, e.g. {joined} (write \\n for a line break)",
    ),
    "hint.extra_close": (
        "按缩进看，多余的可能是第 {line} 行的“}}”",
        "judging by the indentation, the extra one may be on line {line}",
    ),
    "hint.delete_close": ("删除这个“}}”", "delete this '}}'"),
    "hint.goal_outside": (
        "目标要写在项目里面；如果它本在项目里，上面可能多了一个“}}”{at}",
        "a goal goes inside a project; if it is in one, an extra '}}' above may close it{at}",
    ),
    "hint.by_indent": ("（按缩进看是第 {line} 行）", " (judging by the indentation, on line {line})"),
    "place.outside": ("项目之外", "outside a project"),
    "place.inside": ("项目之内", "inside a project"),
    "hint.into_project": ("把这一行移到“项目 名称 {{ … }}”里面", "move this line into a project"),
    "hint.to_top": (
        "把这一行移到文件开头，所有项目之前",
        "move this line to the top of the file, before every project",
    ),
    "suggest.did_you_mean": ("你是不是想写：{names}", "did you mean: {names}"),
    "suggest.names": ("可用的名称：{names}", "names to use: {names}"),
    "suggest.choices": ("可选：{names}", "choices: {names}"),
    "suggest.owned": ("{name}（属于{owners}）", "{name} (under {owners})"),
    "suggest.goals": ("本项目已有：{names}", "this project has: {names}"),
    "suggest.no_goals": ("本项目还没有可共用的目标", "this project has no goal to share yet"),
    # the language server's quick fixes (perflang/lsp/actions.py)
    "action.replace": ("改为“{name}”", "Replace with '{name}'"),
    "action.brace": ("把全角括号改为“{ascii}”", "Replace the full-width brace with '{ascii}'"),
    "action.unit": ("补上单位：{example}", "add a unit: {example}"),
    "action.comparator": ("补上比较符号：{example}", "add a comparator: {example}"),
    "action.invisible": ("删除看不见的控制字符", "Remove the invisible characters"),
    "action.fix": ("按提示修改", "Apply the suggested fix"),
    "action.noqa": ("在这一行忽略 {code}（# noqa）", "Ignore {code} on this line (# noqa)"),
    "action.brace_at_end": ("在这一行的末尾加上“{{”", "Put '{{' at the end of this line"),
    "action.close_string": ('在行末补上结束引号 "', "Close the string with '\"'"),
    "action.close_string_before": ('在“{{”之前补上结束引号 "', "Close the string before '{{'"),
    "action.join_lines": ("把这两行合成一行", "Join the two lines"),
    "action.close_block": ("在第 {line} 行之前补上“}}”", "Add '}}' before line {line}"),
    "action.close_block_end": ("在文件末尾补上“}}”", "Add '}}' at the end of the file"),
    "action.delete_close": ("删除这个“}}”", "Delete this '}}'"),
    "action.write_as": ("写成“{fixed}”", "Write it as '{fixed}'"),
    "action.quote_name": ("给名称加引号：{line}", "Quote the name: {line}"),
    "action.quote_value": ("给值加引号：{line}", "Quote the value: {line}"),
    "action.fix_all": ("修正所有确定的问题（perflang）", "Fix everything that is certain (perflang)"),
    "suggest.cost": ("核对成本指标与项目预算", "check the cost against the project budget"),
    "suggest.in_yuan": (
        "按元计没有超过预算：如果数字是按元写的，应写 {fixed}",
        "in 元 it is within the budget: if the number was written in 元, write {fixed}",
    ),
    "funding.sum": ("各行合计", "lines add up"),
    "funding.line": ("“{name}”", "line '{name}'"),
    "funding.more": ("多", "more"),
    "funding.less": ("少", "less"),
    "suggest.higher": (
        "这类指标越高越好，一般写作 ≥ 或 =",
        "higher is better for this kind of indicator: write ≥ or =",
    ),
    "suggest.lower": (
        "成本、故障率这类指标越低越好，一般写作 ≤",
        "lower is better for costs and failure rates: write ≤",
    ),
    "goal.kind": ("{label}", "{kind} goal"),
    "goal.numbered": ("{label}", "{kind} goal {number}"),
    "what.project": ("项目", "project"),
    "what.goal": ("目标", "goal"),
    "inner.goal": ("指标分组和三级指标", "a group and its indicators"),
    "inner.project": ("目标、指标分组和三级指标", "a goal, a group and its indicators"),
    "coverage.产出指标": ("产出指标", "output indicators"),
    "coverage.效益指标": ("效益指标", "benefit indicators"),
    "coverage.满意度指标": ("满意度指标", "satisfaction indicators"),
    # PF108: what a setting is, and the values it may take
    "what.scoring": ("评分方案", "scoring profile"),
    "shown.profile": ("{alias}", "{name}"),  # a profile as the help lists it
    "shown.form": ("{name}", "{key}"),  # a preset form as the help lists it
    "shown.names": ("{zh}", "{en}"),  # names a file may write, as each language lists them
    "what.money_unit": ("金额单位", "money unit"),
    "what.form": ("表样", "form"),
    "what.form_file": ("表样文件", "form file"),
    "what.status": ("状态", "status"),
    "what.year": ("年度", "year"),
    "choices.scoring": ("{names}（或 {aliases}），或一个 .toml 文件", "{names}, or a .toml file"),
    "choices.scoring_file": (
        "{names}（或 {aliases}），或可用的 .toml 文件（{reason}）",
        "{names}, or a usable .toml file ({reason})",
    ),
    "choices.form": ("{names}，或 .toml 表样文件", "{names}, or a .toml form file"),
    "choices.form_file": (
        "{names}，或可用的 .toml 表样文件（{reason}）",
        "{names}, or a usable .toml form file ({reason})",
    ),
    "at": (
        "{file}:{line}:{column}：{reason}",
        "{file}:{line}:{column}: {reason}",
    ),  # a reason at a place in another file
    "choices.status": ("已批复、草稿", "已批复 (approved), 草稿 (draft)"),
    "choices.year": ("四位数字的年份，例如 2024", "a four-digit year, e.g. 2024"),
    # a form file that cannot be used (PF108, --form): {path} the file
    "form.unknown": ("没有名为“{name}”的表样（可选：{names}）", "no form named '{name}' (choices: {names})"),
    "form.strings": ("“{what}”应是文字或文字列表", "'{what}' must be a string or a list of strings"),
    "form.column": ("“列”的每一项应是列名或表", "each column must be a name or a table"),
    "form.unknown_column": ("不认识的列“{content}”（可选：{names}）", "unknown column '{content}' (choices: {names})"),
    "form.column_values": (
        "列的“表头”应是文字，“宽度”应是不小于 0 的数",
        "header must be text, width a number ≥ 0",
    ),
    "form.pairs": ('“{what}”应是一个表：名称 = "文字"', "'{what}' must be a table of strings"),
    "form.unknown_pair": (
        "“{what}”里不认识“{key}”（可选：{names}）",
        "unknown key '{key}' in '{what}' (choices: {names})",
    ),
    "form.unknown_keys": ("表样文件里不认识的键：{keys}（可用：{names}）", "unknown keys: {keys} (use {names})"),
    "form.columns": ("“列”应是非空的列表", "'columns' must be a non-empty list"),
    "form.flag": ("“{what}”应是 true 或 false", "'{name}' must be true or false"),
    "form.prefix": ("“资金其中”应是 每项、首项 或 照写", "'funding-prefix': each, first or written"),
    "form.per_row": ("“每行字段数”应是 1、2 或 3", "'fields-per-row' must be 1, 2 or 3"),
    "form.side": (
        "并排的表需要两组“二级指标、三级指标、指标值”列（长期在前，年度在后）",
        "a side-by-side grid needs two sets of level2/level3/value columns (long-term first)",
    ),
    # what is damaged in a workbook (PF915), how many parts it has (PF911)
    "damaged.cell_ref": ("单元格地址“{ref}”无效", "invalid cell reference '{ref}'"),
    "damaged.xml": ("{name} 不是完好的 XML（{detail}）", "{name} is not well-formed XML ({detail})"),
    "damaged.style": ("单元格 {ref} 的样式编号 {style} 不存在", "cell {ref} names style {style}, which does not exist"),
    "damaged.string": (
        "单元格 {ref} 引用的共享字符串 {index} 不存在",
        "cell {ref} names shared string {index}, which does not exist",
    ),
    "damaged.zip": ("不是有效的 .xlsx（zip）文件：{detail}", "not a valid .xlsx (zip) file: {detail}"),
    "damaged.data": ("压缩数据已损坏：{detail}", "the compressed data is damaged: {detail}"),
    "size.parts": ("{n} 个部件", "{n} parts"),
    # what needs an optional package (PF923), what cannot be read (PF929)
    "tool.node": ("Node.js（node）", "Node.js (node)"),  # what `perflang web build` needs (PF924)
    "what.xlsx_out": ("生成 Excel 文件", "--to xlsx"),
    "what.docx_out": ("生成 Word 文档", "--to docx"),
    "what.xlsx_in": ("读取 .xlsx 工作簿", "reading a .xlsx workbook"),
    "what.workbook": ("工作簿", "workbook"),
    "what.word": ("Word 文档", "Word document"),
    "word.no_body": ("word/document.xml 没有正文（body）", "word/document.xml has no body"),
    "form.missing": ("找不到表样文件 {path}", "form file not found: {path}"),
    "form.not_utf8": ("表样文件 {path} 不是 UTF-8 文本", "form file is not UTF-8 text"),
    "form.toml": ("表样文件 {path} 不是有效的 TOML：{detail}", "not valid TOML: {detail}"),
    "form.unreadable": ("读不了表样文件 {path}：{reason}", "cannot read the form file {path}: {reason}"),
}


# the characters that change how text reads without being seen (perflang/source.py INVISIBLE),
# as a message names them (PF009, import notes): char.XXXX (its code point) -> (zh, en)
INVISIBLE_NAMES: dict[str, tuple[str, str]] = {
    "char.061C": ("阿拉伯字母标记", "arabic letter mark"),
    "char.200E": ("从左到右标记", "left-to-right mark"),
    "char.200F": ("从右到左标记", "right-to-left mark"),
    "char.202A": ("从左到右嵌入", "left-to-right embedding"),
    "char.202B": ("从右到左嵌入", "right-to-left embedding"),
    "char.202C": ("结束方向格式", "pop directional formatting"),
    "char.202D": ("从左到右覆盖", "left-to-right override"),
    "char.202E": ("从右到左覆盖", "right-to-left override"),
    "char.2066": ("从左到右隔离", "left-to-right isolate"),
    "char.2067": ("从右到左隔离", "right-to-left isolate"),
    "char.2068": ("首强字符隔离", "first strong isolate"),
    "char.2069": ("结束方向隔离", "pop directional isolate"),
    "char.200B": ("零宽空格", "zero width space"),
    "char.200C": ("零宽非连接符", "zero width non-joiner"),
    "char.200D": ("零宽连接符", "zero width joiner"),
    "char.2060": ("零宽不换行符", "word joiner"),
    "char.2061": ("不可见函数符", "function application"),
    "char.2062": ("不可见乘号", "invisible times"),
    "char.2063": ("不可见分隔符", "invisible separator"),
    "char.2064": ("不可见加号", "invisible plus"),
    "char.180E": ("蒙古文元音分隔符", "mongolian vowel separator"),
    "char.00AD": ("软连字符", "soft hyphen"),
    "char.FEFF": ("零宽不换行空格（BOM）", "zero width no-break space (BOM)"),
}
PHRASES.update(INVISIBLE_NAMES)
PHRASES["invisible.char"] = ("U+{code}（{name}）", "U+{code} ({name})")

# -- the syntax errors (perflang/syntax/recovery.py, hints.py): what the parser expected (the
# names of its terminals, phrase expected.X) and the hints for the mistakes people make
TERMINAL_NAMES: dict[str, tuple[str, str]] = {
    "RBRACE": ("“}}”", "'}}'"),
    "LBRACE": ("“{{”", "'{{'"),
    "INDICATOR": ("三级指标行（名称: 指标值）", "an indicator line (name: value)"),
    "LEVEL": ("指标分组（一级 / 二级 {{）", "a group (level1 / level2 {{)"),
    "SLASH": ("“/”", "'/'"),
    "VALUE": ("名称或值", "a name or value"),
    "STRING": ("带引号的文字", "a quoted text"),
    "INT": ("编号", "a number"),
    "GOAL_KW": ("目标（长期目标 / 年度目标）", "a goal (长期目标 / 年度目标)"),
    "SAME_KW": ("“同”", "'同'"),
    "SETTING_KW": ("设置（预算、申报单位 …）", "a setting (预算, 申报单位 …)"),
    "PROJECT_KW": ("“项目”", "'项目'"),
    "FIELD_KW": ("“字段”", "'字段'"),
    "FUNDING_KW": ("“资金”", "'资金'"),
    "ATTR_KW": ("属性（依据、分值、解释、上年值）", "an attribute (依据, 分值 …)"),
    "_NL": ("换行", "a line break"),
    "SEMICOLON": ("“;”", "';'"),
    "$END": ("文件结尾", "end of file"),
}
PHRASES.update({f"expected.{name}": texts for name, texts in TERMINAL_NAMES.items()})
PHRASES.update(
    {
        "token.line_break": ("换行", "line break"),
        "hint.no_colon": ("“{kw}”后面不要冒号，空一格即可：{shown}", "no colon after '{kw}', just a space: {shown}"),
        "hint.space_after": ("“{kw}”后面要空一格：{shown}", "put a space after '{kw}': {shown}"),
        "hint.ascii_quotes": (
            '文字要用英文双引号 "…" 括起来（不是中文引号 “…”）',
            'quote text with ASCII double quotes "…", not “…”',
        ),
        "hint.needs_more": ("“{word}”后面缺少内容，例如：{example}", "'{word}' needs what follows it, e.g. {example}"),
        "hint.group_outside": (
            '指标分组（一级 / 二级 {{ … }}）要写在目标（长期目标 1 "…" {{ … }}）里面',
            'a group (level1 / level2 {{ … }}) goes inside a goal (长期目标 1 "…" {{ … }})',
        ),
        "hint.project": (
            "项目要写成“项目 名称 {{”，例如：项目 {name} {{",
            "write a project as '项目 NAME {{', e.g. 项目 {name} {{",
        ),
        "hint.did_you_mean": ("你是不是想写：{names}{field}", "did you mean: {names}{field}"),
        "hint.field_too": ("；表上的其他栏目写成 {field}", "; another label of the form is written {field}"),
        "hint.field": (
            "表上的其他栏目写成“字段 名称: 值”，例如 {field}；也可以写预算、主管部门等设置，或长期目标/年度目标",
            "another label of the form is written '字段 NAME: VALUE', e.g. {field}; settings such as 预算 "
            "and goals (长期目标/年度目标) may stand here too",
        ),
        "hint.allowed_here": (
            "此处可以写：预算、主管部门等设置，长期目标/年度目标，或“字段 名称: 值”（自定义栏目）",
            "allowed here: settings such as 预算, goals (长期目标/年度目标), or '字段 NAME: VALUE' for a field of your own",
        ),
        "hint.slash": (
            "一级和二级之间用“/”分隔，例如 产出 / 数量 {{",
            "separate level 1 and level 2 with '/', e.g. 产出 / 数量 {{",
        ),
        "hint.colon": ("名称和指标值之间要有冒号：{fixed}", "a colon between the name and the value: {fixed}"),
        "hint.close_quote": ("在“{{”前补上结束引号：{fixed}", "close the string before the '{{': {fixed}"),
    }
)

# why a file of actuals cannot be read (PF501) or is malformed (PF502)
PHRASES.update(
    {
        "actuals.too_deep": ("JSON 嵌套过深", "the JSON is nested too deeply"),
        "actuals.json_syntax": ("JSON 语法错误：{detail}", "JSON syntax error: {detail}"),
        "actuals.key_repeats": ("键“{key}”重复出现", "key '{key}' repeats"),
        "actuals.csv_error": ("CSV 格式错误：{detail}", "CSV error: {detail}"),
        "actuals.empty": ("文件为空", "the file is empty"),
        # why a file cannot be written or read (PF901, PF904): the system's words in English
        "errno.ENOSPC": ("磁盘空间不足", "{said}"),
        "errno.EDQUOT": ("超出磁盘配额", "{said}"),
        "errno.EACCES": ("没有权限", "{said}"),
        "errno.EPERM": ("不允许此操作", "{said}"),
        "errno.EROFS": ("只读文件系统", "{said}"),
        "errno.ENOENT": ("文件或文件夹不存在", "{said}"),
        "errno.EISDIR": ("这是一个文件夹", "{said}"),
        "errno.ENOTDIR": ("路径中有一段不是文件夹", "{said}"),
        "errno.ENAMETOOLONG": ("文件名太长", "{said}"),
        "errno.EIO": ("读写设备出错", "{said}"),
        "errno.EEXIST": ("已经存在", "{said}"),
        # a progress file (perflang monitor): what is wrong in it (PF530, PF531), as the actuals'
        # words above where they are the same; its amounts as the 监控表 names them (PF513's and
        # PF535's field; n: the month); the note on a problem of the projection
        "progress.no_column": ("表头缺少“{column}”列", "the header has no '{column}' column"),
        "progress.unknown_columns": (
            "表头中的“{cells}”不是已知的列（可用：{known}）",
            "the header's {cells} are not known columns (see docs/monitoring.md)",
        ),
        "progress.executed": ("1-{n}月执行数", "the amount executed in months 1-{n}"),
        "progress.projected_executed": ("全年预计执行数", "the projected amount for the year"),
        "progress.budget": ("年度预算数", "the annual budget"),
        "progress.projected": ("全年预计完成情况", "the projected value (scored as the year's end)"),
        # a text the evaluators' problems give in both languages (PF501's reason, PF502's what,
        # PF513's field: perflang/scoring/evaluator.py TWINS), shown in the message's language
        "said": ("{zh}", "{en}"),
    }
)

# -- messages of the office backends and importers (not diagnostics: no code, no position) ----
# key -> (zh, en); filled with str.format.
TOOL_MESSAGES: dict[str, tuple[str, str]] = {
    "cell-cut": (
        "（以下 {rest} 个字符超出 Excel 单元格 32767 个字符的上限，未写入；完整内容见 .perf 源文件）",
        "(the remaining {rest} characters exceed Excel's limit of 32,767 per cell and were "
        "left out; the .perf source has the whole text)",
    ),
    "cell-cut-note": (
        "工作表“{sheet}”单元格 {cell} 的文字超过 Excel 的上限（32767 个字符），已截去 {rest} 个字符并在单元格中注明",
        "sheet '{sheet}' cell {cell}: the text exceeds Excel's limit of 32,767 characters; "
        "{rest} characters were cut, with a note in the cell",
    ),
    # the language server's window message when it refuses a document (lsp/server.py MAX_OPEN_TEXT)
    "lsp.too_much": (
        "打开的 .perf 文档合计超过 {limit} MB，perflang 不再检查新打开的文档：请关闭一些文档，再重新打开要检查的文档",
        "The open .perf documents exceed {limit} MB together: perflang does not check the documents opened since; "
        "close some documents, then open again the one to check",
    ),
}


def tool_message(key: str, lang: str, **args) -> str:
    """A tool message in lang ("zh" or "en")."""
    zh, en = TOOL_MESSAGES[key]
    return (en if lang == "en" else zh).format(**args)


# -- the command line (perflang/cli/): help texts, prompts and messages, zh + en, keyed -------
# Each entry: key -> (zh, en).  Help texts are chosen when a command runs, in the language of
# perflang.diagnostics.language() (--lang, PERFLANG_LANG, the locale, else Chinese).
CLI: dict[str, tuple[str, str]] = {
    "cli.help": (
        "perflang：项目支出绩效目标的语言与编译器。\n\n\b\n例：\n  perflang new 数据局.perf\n"
        "  perflang check examples/\n  perflang build examples/ezhou-data-bureau.perf --to html -o 批复表.html",
        "perflang: a language and compiler for project performance targets.\n\n\b\nExample:\n"
        "  perflang new bureau.perf\n  perflang check examples/\n"
        "  perflang build examples/ezhou-data-bureau.perf --to html -o approval.html",
    ),
    "opt.lang": (
        "信息语言（默认：PERFLANG_LANG、系统语言环境，否则中文）。",
        "Message language (default: PERFLANG_LANG, the locale, else zh).",
    ),
    "opt.version": ("显示版本号后退出。", "Show the version and exit."),
    "opt.help": ("显示本帮助后退出。", "Show this message and exit."),
    "check.help": (
        "检查 .perf 文件（或文件夹下所有 *.perf）。\n\n\b\n退出码：0 没有错误（可以有警告），1 发现错误，"
        "2 用法错误或内部错误。\n例：\n  perflang check examples/ezhou-data-bureau.perf\n"
        "  perflang check --statistics examples/",
        "Check .perf files (or every *.perf below a folder).\n\n\b\nExit status: 0 no errors "
        "(warnings allowed), 1 errors found, 2 usage or internal error.\nExample:\n"
        "  perflang check examples/ezhou-data-bureau.perf\n  perflang check --format json --lang en examples/",
    ),
    "check.strict": ("有警告也算失败（退出码 1）。", "Warnings fail too (exit 1)."),
    "check.format": ("诊断信息的格式。", "Diagnostic format."),
    "check.jobs": ("并行进程数（0：每个处理器核心一个）。", "Worker processes (0: all cores)."),
    "check.no_cache": ("不读也不写缓存。", "Do not read or write the cache."),
    "check.statistics": ("在末尾按代码统计警告和错误的个数。", "End with the number of diagnostics per code."),
    "check.no_files": (
        "perflang：在给出的路径下没有找到 .perf 文件",
        "perflang: no .perf file found under the given path(s)",
    ),
    "build.help": (
        "把 .perf 文件编译成其他格式（网页、PDF、Excel、JSON …）。\n\n\b\n文件有错误时不生成（退出码 1，并显示诊断信息）。\n"
        "例：\n  perflang build examples/ezhou-data-bureau.perf --to json\n"
        "  perflang build examples/ezhou-data-bureau.perf --to html -o 批复表.html\n"
        "  perflang build examples/ --to html -o out/",
        "Compile .perf files to an output format.\n\n\b\nRefuses to build a file with errors "
        "(exit 1, diagnostics shown).\nExample:\n  perflang build examples/ezhou-data-bureau.perf --to json\n"
        "  perflang build examples/ezhou-data-bureau.perf --to html -o approval.html\n"
        "  perflang build examples/ --to html -o out/",
    ),
    "build.to": ("输出格式。", "Output format."),
    "build.output": (
        "输出文件（一个输入）或文件夹（多个输入）；默认：标准输出。",
        "Output file (one input) or folder (several inputs); default: stdout.",
    ),
    "build.form": (
        "{formats} 的表样：{names}或 .toml 表样文件（默认：文件中的“表样”，否则批复表）。",
        "Table form for {formats}: {names} or a .toml form file (default: the file's form setting, else approval).",
    ),
    "render.help": ("提示", "help"),  # the hint's label under a diagnostic
    "render.note": ("注", "note"),  # a note's label
    "render.count": ("共 {errors} 个错误，{warnings} 个警告", "{errors} error(s), {warnings} warning(s)"),
    "fmt.formatted": ("{file}（格式化后）", "{file} (formatted)"),  # the new side of fmt --diff
    "build.many": ("多个输入文件需要用 -o 指定输出文件夹", "several inputs need -o FOLDER"),
    "build.binary": (
        "--to {target} 输出的是二进制数据：请用 -o 指定输出文件",
        "--to {target} writes binary data: give -o FILE",
    ),
    "eval.help": (
        "用全年实际完成值对照绩效目标打分（绩效自评）。\n\n\b\n例：\n"
        "  perflang eval examples/ezhou-data-bureau.perf --actuals examples/ezhou-actuals.json --to html -o 自评表.html",
        "Score the year's actual results against the targets (self-evaluation).\n\n\b\nExample:\n"
        "  perflang eval examples/ezhou-data-bureau.perf --actuals examples/ezhou-actuals.json --to html -o selfeval.html",
    ),
    "eval.actuals": (
        "全年实际完成值：JSON（perflang-actuals/1）或 CSV 文件；- 表示从标准输入读取。",
        "The year's results: JSON (perflang-actuals/1) or CSV; - reads standard input.",
    ),
    "eval.profile": (
        "评分方案：{names}，或一个 TOML 文件（默认：文件中的“评分方案”，否则全国）。",
        "Scoring profile: {names}, or a TOML file (default: the file's scoring setting, else national).",
    ),
    "eval.to": (
        "text：摘要；json：perflang-eval/2；html：可打印的自评表；pdf/xlsx/docx：同一张自评表的 PDF/Excel/Word 文件（需用 -o 指定文件）。",
        "text: a summary; json: perflang-eval/2; html: the printable self-evaluation table; "
        "pdf/xlsx/docx: the same table as a PDF/Excel/Word file (needs -o FILE).",
    ),
    "eval.form": (
        "自评表的表样：{names}，或一个表样文件（默认：评分方案指定的表样）。",
        "The printed self-evaluation form: {names}, or a form file (default: the profile's).",
    ),
    "monitor.help": (
        "运行监控：用 1-N月的执行数和完成值对照绩效目标，打印绩效运行监控表，按预算管理一体化系统的预警规则亮红、黄、绿、蓝灯，"
        "并按全年预计估算年终自评得分。\n\n\b\n退出码：0 完成（可有警告），1 目标文件或监控数据有错误，2 用法错误。\n例：\n"
        "  perflang monitor 项目.perf --template -o 监控数据.json\n"
        "  perflang monitor 项目.perf --progress 监控数据.json --to html -o 监控表.html",
        "Mid-year monitoring: the amounts and values of months 1-N against the targets, printed as the monitoring "
        "table with the budget system's red, yellow, green and blue lights, and the year-end self-evaluation score "
        "as projected.\n\n\b\nExit status: 0 done (warnings allowed), 1 errors in the file or the progress, 2 usage "
        "error.\nExample:\n"
        "  perflang monitor project.perf --template -o progress.json\n"
        "  perflang monitor project.perf --progress progress.json --to html -o monitor.html",
    ),
    "monitor.progress": (
        "1-N月的监控数据：JSON（perflang-progress/1）或 CSV 文件（格式见 docs/monitoring.md）。",
        "The progress of months 1-N: JSON (perflang-progress/1) or CSV (docs/monitoring.md).",
    ),
    "monitor.template": (
        "不监控，写出一份待填的监控数据（列出每个项目和每个指标）；-o 以 .csv 结尾时为 CSV，否则为 JSON。",
        "Write a progress file to fill in (every project and indicator listed) instead; CSV when -o ends in .csv, "
        "else JSON.",
    ),
    "monitor.month": ("写入模板的月份 N（1-N月，1–12）。", "The month N (1-N) written into the template (1–12)."),
    "monitor.to": (
        "text：摘要；json：perflang-monitor/1；html：可打印的监控表；pdf/xlsx/docx：同一张监控表的 PDF/Excel/Word 文件（需用 -o 指定文件）。",
        "text: a summary; json: perflang-monitor/1; html: the printable monitoring table; "
        "pdf/xlsx/docx: the same table as a PDF/Excel/Word file (needs -o FILE).",
    ),
    "monitor.needs_progress": (
        "请用 --progress 指定监控数据，或用 --template 生成一份待填的",
        "give the progress with --progress, or write one to fill in with --template",
    ),
    "eval.output": ("输出文件（默认：标准输出）。", "Output file (default: stdout)."),
    "diff.help": (
        "列出同一文件两个版本之间绩效目标的调整（绩效目标调整表）：项目、预算、目标和指标的新增、删除、修改与更名；"
        "只改排版或注释不算调整。\n\n\b\n退出码：0 已比较（有无调整均为 0），1 有文件存在错误，2 用法错误。\n例：\n"
        "  perflang diff 旧版.perf 新版.perf\n  perflang diff 旧版.perf 新版.perf --to html -o 调整表.html",
        "List what changed between two versions of a file's targets (the target adjustment table): projects, "
        "budgets, goals and indicators added, removed, changed or renamed; layout and comments are not changes."
        "\n\n\b\nExit status: 0 compared (changes or none), 1 a file has errors, 2 usage error.\nExample:\n"
        "  perflang diff old.perf new.perf\n  perflang diff old.perf new.perf --to json",
    ),
    "diff.to": (
        "text：终端摘要；json：perflang-diff/1；html：可打印的绩效目标调整表。",
        "text: a summary; json: perflang-diff/1; html: the printable adjustment table.",
    ),
    "diff.title": ("绩效目标调整表（{old} → {new}）", "Target adjustments ({old} -> {new})"),
    "diff.none": (
        "两个版本的绩效目标没有调整（只改排版或注释的不算调整）。",
        "No adjustment (layout and comments are not changes).",
    ),
    "diff.project": ("项目：{name}", "project {name}"),
    "diff.reason": ("调整原因：{reason}", "reason: {reason}"),
    "diff.count": ("共 {count} 处调整", "{count} change(s)"),
    "diff.setting.added": ("新增设置", "setting added"),
    "diff.setting.removed": ("删除设置", "setting removed"),
    "diff.setting.changed": ("修改设置", "setting changed"),
    "diff.file": ("文件设置", "the file's settings"),
    "diff.project.added": ("新增项目", "project added"),
    "diff.project.removed": ("删除项目", "project removed"),
    "diff.project.renamed": ("项目更名", "project renamed"),
    "diff.budget.changed": ("调整预算", "budget changed"),
    "diff.field.added": ("新增字段", "field added"),
    "diff.field.removed": ("删除字段", "field removed"),
    "diff.field.changed": ("修改字段", "field changed"),
    "diff.funding.added": ("新增资金来源", "funding added"),
    "diff.funding.removed": ("删除资金来源", "funding removed"),
    "diff.funding.changed": ("修改资金来源", "funding changed"),
    "diff.goal.added": ("新增目标", "goal added"),
    "diff.goal.removed": ("删除目标", "goal removed"),
    "diff.goal.changed": ("修改{what}", "{what} changed"),
    "diff.goal.renumbered": ("目标改编号", "goal renumbered"),
    "diff.indicator.added": ("新增指标", "indicator added"),
    "diff.indicator.removed": ("删除指标", "indicator removed"),
    "diff.indicator.changed": ("修改{what}", "{what} changed"),
    "diff.indicator.renamed": ("指标更名", "indicator renamed"),
    "diff.indicator.moved": ("指标改归类", "indicator moved"),
    "diff.what.value": ("指标值", "target value"),
    "diff.what.weight": ("分值", "weight"),
    "diff.what.basis": ("指标值确定依据", "basis"),
    "diff.what.explanation": ("指标解释", "explanation"),
    "diff.what.last_year": ("上年值", "last year's value"),
    "diff.what.text": ("目标说明", "goal text"),
    "diff.what.shared": ("共用目标", "shared goal"),
    "diff.what.name": ("名称", "name"),
    "diff.what.number": ("编号", "number"),
    "diff.what.path": ("一级/二级指标", "level 1/2"),
    "diff.what.budget": ("预算", "budget"),
    "eval.all_warnings": (
        "也显示目标文件的审核警告（默认只显示与打分有关的信息）。",
        "Also show the target file's review warnings (by default only what concerns scoring).",
    ),
    "eval.hidden": (
        "（另有 {count} 个审核警告未显示，与打分无关；用 perflang check 或 --all-warnings 查看）",
        "({count} review warning(s) not shown: they do not concern scoring; see perflang check or --all-warnings)",
    ),
    "import.help": (
        "把已有的表格（文本导出、粘贴的表格、.xlsx、.docx 或网页 .html）导入为 .perf 文件。\n\n\b\n例：\n"
        "  perflang import 批复表.txt -o 数据局.perf\n  perflang import 批复表.xlsx -o 数据局.perf\n"
        "  perflang import 批复表.docx -o 数据局.perf",
        "Import a table people already have (the text export, a pasted table, .xlsx, .docx or a web page "
        ".html) as .perf.\n\n\b\nExample:\n  perflang import approval.txt -o bureau.perf\n"
        "  perflang import approval.xlsx -o bureau.perf\n  perflang import approval.docx -o bureau.perf",
    ),
    "import.output": ("要写入的 .perf 文件（默认：标准输出）。", "The .perf file to write (default: stdout)."),
    "import.error": ("错误", "error"),
    "import.note": ("注意", "note"),
    "import.problem": ("问题", "problem"),
    "lsp.help": (
        "在标准输入输出上运行语言服务器（编辑器会启动它；需要 perflang[lsp]）。\n\n\b\n"
        "编辑器配置示例：cmd = perflang lsp（见 docs/editors.md）",
        "Run the language server on stdin/stdout (editors start it; needs perflang[lsp]).\n\n\b\n"
        "An editor's configuration: cmd = perflang lsp (see docs/editors.md)",
    ),
    "lsp.missing": (
        "perflang lsp 需要可选依赖 pygls：请运行 {install}",
        "perflang lsp needs the optional dependency pygls: run {install}",
    ),
    "web.help": (
        "绩效目标工作台：在浏览器中使用 perflang（编辑、检查、预览和打印表格、导入、自评），全部在本机运行，"
        "文件不离开电脑。见 docs/zh/网页版.md",
        "The workbench: perflang in a web page (edit, check, preview and print, import, self-evaluate), all "
        "running in the browser; no file leaves the machine. See docs/cli.md and the Chinese guide (docs/zh/)",
    ),
    "web.build.help": (
        "把网页写入所给的文件夹：静态文件，任何网站服务器都可以原样发布（构建时用 npm 和 pip 从软件源取得组件）",
        "Write the site into folder DIR: static files any web server can serve as they are (the build fetches "
        "its parts with npm and pip)",
    ),
    "web.serve.help": (
        "在本机（127.0.0.1）打开网页：需要时先构建，显示地址并打开浏览器；Ctrl+C 停止",
        "Serve the page on this machine (127.0.0.1): builds it when needed, prints the address and opens the "
        "browser; Ctrl+C stops",
    ),
    "web.port": ("端口（默认：任选一个空闲端口）", "port (default: any free port)"),
    "web.no_open": ("不自动打开浏览器", "do not open the browser"),
    "web.dir": ("网页文件夹（默认：用户缓存目录）", "the site's folder (default: the user's cache folder)"),
    "web.building": (
        "正在构建网页（首次需要下载组件，约一两分钟）…",
        "building the site (the first time fetches its parts)…",
    ),
    "web.built": ("网页已写入 {dir}（{size} MB）", "the site is in {dir} ({size} MB)"),
    "web.serving": (
        "绩效目标工作台：{url}\n（只有本机可以访问；按 Ctrl+C 停止）",
        "the workbench: {url}\n(this machine only; Ctrl+C stops)",
    ),
    "fmt.help": (
        "把 .perf 文件整理成统一的格式（注释总是保留）。\n\n\b\n例：\n  perflang fmt examples/\n"
        "  perflang fmt --check examples/",
        "Format .perf files in the one canonical layout (comments always kept).\n\n\b\nExample:\n"
        "  perflang fmt examples/\n  perflang fmt --check examples/",
    ),
    "fmt.check": ("不做任何修改；有文件需要整理时退出码为 1。", "Change nothing; exit 1 if a file would change."),
    "fmt.diff": ("显示差异，而不改写文件。", "Print a unified diff instead of rewriting."),
    "fmt.would": ("需要格式化：{file}", "would reformat: {file}"),
    "fmt.done": ("已格式化：{file}", "reformatted: {file}"),
    "internal": (
        "perflang：内部错误：{error}\n请报告此问题（设置 PERFLANG_DEBUG=1 可看到详细信息）",
        "perflang: internal error: {error}\nplease report this (PERFLANG_DEBUG=1 shows the traceback)",
    ),
    "statistics": ("按代码统计：{counts}", "by code: {counts}"),
    "sep": ("，", ", "),  # between the parts of a sentence
    "list": ("、", ", "),  # between the items of an enumeration
    "or": (" 或 ", ", "),  # between choices
    "sorted": ("、", ", "),  # as "list", the items in the order of their text in the language shown
    "new.help": (
        "新建一个 .perf 文件：标准的一级/二级指标框架，带说明注释，检查无错误、无警告。\n\n\b\n"
        "在命令行窗口里运行时逐项询问；也可以用选项直接给出。已有同名文件时不覆盖。\n例：\n"
        "  perflang new 数据局.perf\n"
        "  perflang new 数据局.perf --unit 鄂州市数据局 --project 政务服务工作 --budget 571",
        "Start a .perf file: the standard level-1/level-2 skeleton with explanatory comments; it "
        "checks clean.\n\n\b\nAsks for what is missing when run on a terminal, or takes it as options. "
        "Never overwrites a file.\nExample:\n  perflang new bureau.perf\n"
        "  perflang new bureau.perf --unit Bureau --project Services --budget 571",
    ),
    "new.unit": ("申报单位。", "The declaring unit."),
    "new.project": ("项目名称。", "The project's name."),
    "new.budget": ("项目预算（万元）。", "The project's budget (in 10,000 yuan)."),
    "new.form": (
        "表样：{names}（默认：批复表）。",
        "The form: {names} (default: approval).",
    ),
    "new.goals": (
        "要写的目标：long-term 长期目标，annual 年度目标，both 两者（默认）。",
        "The goals to write: long-term, annual or both (default).",
    ),
    "new.ask.unit": ("申报单位", "Declaring unit"),
    "new.ask.project": ("项目名称", "Project name"),
    "new.ask.budget": ("项目预算（万元）", "Budget (10,000 yuan)"),
    "new.ask.form": ("表样", "Form"),
    "new.ask.goals": ("目标（long-term 长期目标，annual 年度目标，both 两者）", "Goals"),
    "new.what.unit": ("申报单位", "the declaring unit"),
    "new.what.project": ("项目名称", "the project name"),
    "new.what.budget": ("预算", "the budget"),
    "new.what.form": ("表样", "the form"),
    "new.what.goals": ("目标", "the goals"),
    "new.bad_budget": (
        "perflang：预算“{budget}”不是有效的金额：写不带单位的非负数（单位是万元），例如 571 或 2.5",
        "perflang: the budget '{budget}' is not a valid amount: write a non-negative number "
        "(in 10,000 yuan), e.g. 571 or 2.5",
    ),
    "new.empty": ("perflang：{what}不能为空，也不能分成几行", "perflang: {what} must be some text on one line"),
    "new.placeholders": (
        "没有给出{what}，文件中暂用占位内容（某某单位、某某项目、预算 0），请改写",
        "{what} not given: the file holds placeholders (for the unit and project, a budget of 0): replace them",
    ),
    "new.written": (
        "已写入 {file}。用记事本打开它，按 # 说明改写，然后运行：perflang check {file}",
        "Wrote {file}. Open it, replace the examples as the # comments say, then run: perflang check {file}",
    ),
}

# the metavars shown in usage lines and help, in Chinese; the English is the metavar itself
METAVARS_ZH: dict[str, str] = {
    "PATHS...": "路径...",
    "FILES...": "文件...",
    "FILE": "文件",
    "INTEGER": "整数",
    "TEXT": "文本",
    "PATH": "路径",
    "[OPTIONS]": "[选项]",
    "COMMAND [ARGS]...": "命令 [参数]...",
    "FORM": "表样",
    "OLD": "旧版",
    "NEW": "新版",
    "DIR": "文件夹",
    "DIRECTORY": "文件夹",
    "INTEGER RANGE": "整数",
}

# click's own messages (its gettext msgids) in Chinese; the English is click's msgid itself
CLICK_ZH: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助后退出。",
    "Show the version and exit.": "显示版本号后退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "No such option {name!r}.": "没有这个选项：{name}。",
    "No such command {name!r}.": "没有这个命令：{name}。",
    "Did you mean {possibility}?": "你是不是想写 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（你是不是想写其中之一：{possibilities}？）",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value: {message}": "无效的值：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name} 后面需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name} 后面需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name} 不接受值。",
    "{value!r} is not {choice}.": "“{value}”不是 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”不是可选值之一：{choices}。",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的数字。",
    "integer": "整数",
    "float": "数",
    "text": "文本",
    "boolean": "布尔值",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 之内。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "“{filename}”不存在。",
    "{name} {filename!r} is a file.": "“{filename}”是文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "“{filename}”是文件夹，不是文件。",
    "{name} {filename!r} is not readable.": "“{filename}”不可读。",
    "{name} {filename!r} is not writable.": "“{filename}”不可写。",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "Aborted!": "已中止！",
    "Error: The value you entered was invalid.": "错误：输入的值无效。",
    "Error: {e.message}": "错误：{e.message}",
    "Repeat for confirmation": "请再输入一次确认",
    "Error: The two entered values do not match.": "错误：两次输入的值不一致。",
}


def cli_text(key: str, lang: str, **args) -> str:
    """A command-line text of CLI in lang ("zh" or "en"), filled with args."""
    zh, en = CLI[key]
    text = en if lang == "en" else zh
    return text.format(**{k: _shown(localize(v, lang)) for k, v in args.items()}) if args else text


def _shown(value):
    """A text argument as printed: a file name's bytes that are not UTF-8 escaped."""
    from .source import shown_name

    return shown_name(value) if isinstance(value, str) else value


# -- perflang import: notes and the reasons a row was not placed (zh, en) -------------------
IMPORT_MESSAGES: dict[str, tuple[str, str]] = {
    "kept": ("{reason}，已作为注释保留：{text}", "{reason}, kept as a comment: {text}"),
    "shifted": (
        "这一行左移了{n}格（“{cell}”写在了{column}列），已按各格的内容放回原位",
        "this row is shifted left by {n} cell(s) ('{cell}' stands in the {column} column): read in place by"
        " what its cells hold",
    ),
    "owner": (
        "这一行只有二级指标“{level2}”，缺少一级指标，已补为“{owner}”",
        "this row has the level-2 '{level2}' only: its level 1 '{owner}' is supplied",
    ),
    "blank": ("表格中的空白行，已跳过", "a blank row inside a table, skipped"),
    "template": ("空白指标行（只有指标分类），已作为注释保留", "an empty row (categories only), kept as a comment"),
    "ellipsis": ("模板中的“……”行，已跳过", "a '……' row of the template, skipped"),
    "spaces": ("指标分类名称中的空白已去掉：{levels}", "white space removed from the category names: {levels}"),
    "pool": ("一级指标“{cell}”中的分值已去掉", "the points in the level-1 cell '{cell}' are left out"),
    "other_unit": (
        "申报单位“{unit}”与文件的申报单位不同，已写作字段",
        "the unit '{unit}' differs from the file's: written as a field",
    ),
    "results": (
        "“{columns}”是自评结果，没有导入（实际完成值交给 perflang eval）",
        "'{columns}' are self-evaluation results and are not imported (give actuals to perflang eval)",
    ),
    "profile": (
        "表上印有“{cell}”（绩效指标 90 分统一分配、预算执行 10 分），按这种办法打分：已写“评分方案 {profile}”",
        "the form prints '{cell}' (90 points shared by the indicators, 10 for the budget's execution):"
        " scored that way, `评分方案 {profile}` is written",
    ),
    "budget_from": (
        "表上没有“项目预算”，预算取自“{label}”：{value}",
        "the form has no budget label: the budget is taken from '{label}': {value}",
    ),
    "coded": ("[{code}] {message}（{hint}）", "[{code}] {message} ({hint})"),  # a catalog entry's text
    "stream_doubt": (
        "这张表是从一格一行的复制中重建的，复制时丢掉了空单元格，而“{columns}”这几列的值都可能留空：每行的值落在哪一列无法确定，"
        "已按最可能的读法导入，请逐行核对（或复制时保留空单元格，或改用制表符文本、网页 .html、.xlsx、.docx 导入）",
        "this table was rebuilt from a one-cell-a-line copy that dropped its empty cells, and the columns '{columns}'"
        " may each be empty: which column each value stands in cannot be known; imported as the likeliest reading,"
        " check every row (or copy with the empty cells kept, or import tab text, the page's .html, an .xlsx or a .docx)",
    ),
    "no_budget": (
        "表上没有项目预算（PF301）：导入结果在项目“{name}”中留了一行注释“{comment}”，在那里写上 预算 和金额（万元），例如 预算 571",
        "the form gives no budget (PF301): the result leaves the comment '{comment}' in project"
        " '{name}'; write 预算 and the amount (10,000 yuan) there, e.g. 预算 571",
    ),
    "budget_here": (
        "表上没有预算：在这里写 预算 金额（万元）",
        "the form gives no budget: write 预算 and the amount here",
    ),
    "no_project_name": (
        '表中没有项目名称：指标已导入一个没有名称的项目，请在导入结果的“项目 ""”处写上项目名称',
        "the table names no project: its indicators are in a project without a name; write the"
        ' project\'s name where the result reads 项目 ""',
    ),
    "subtotal": (
        "这一行只有名称和金额（单位或部门的合计），不是项目，已作为注释保留：{text}",
        "a row with a name and an amount only (a unit's or a department's total) is not a project;"
        " kept as a comment: {text}",
    ),
    "unread": (
        "“{columns}”列的内容在 .perf 中没有对应的写法，没有导入",
        "the columns '{columns}' have no place in a .perf and are not imported",
    ),
    "level_name": (
        "“{cell}”按指标体系读作“{name}”",
        "'{cell}' is read as '{name}' of the indicator framework",
    ),
    "empty_name": ("项目名称为空", "the project name is empty"),
    "check": ("写出的 .perf 第 {line} 行有错误：{message}", "the written .perf has an error on line {line}: {message}"),
    "summary": (
        "导入 {projects} 个项目、{goals} 个目标、{indicators} 个三级指标；{notes} 条注意，{problems} 个问题",
        "imported {projects} projects, {goals} goals, {indicators} indicators; {notes} notes, {problems} problems",
    ),
    # reasons a row was not placed (the Chinese one also goes into the comment in the .perf)
    "r_outside": ("不在任何项目之内", "not inside any project"),
    "r_goal_cells": ("目标行有多余的单元格", "extra cells in a goal row"),
    "r_no_header": (
        "指标表缺少表头（一级指标、二级指标、三级指标、指标值）",
        "the indicator table has no column header (一级指标, 二级指标, 三级指标, 指标值)",
    ),
    "r_goal": ("目标名称“{label}”无法识别", "the goal label '{label}' is not recognised"),
    "r_row": ("无法识别的行", "an unrecognised row"),
    "r_page": ("网页上或表格外的文字", "text of the web page or outside the table"),
    "r_form_note": ("表下的说明", "the form's note under its table"),
    "r_no_name": ("缺少三级指标名称", "no indicator name"),
    "r_no_levels": ("缺少一级或二级指标", "no level-1 or level-2 indicator"),
    "r_unknown_level": (
        "“{cell}”不是指标体系中的一级或二级指标，请改写为体系中的名称后导入",
        "'{cell}' is not a level-1 or level-2 name of the framework; rename it to one and import again",
    ),
    "r_bad_levels": ("一级或二级指标名称含有不能使用的字符", "a level-1 or level-2 name holds characters it cannot"),
    "r_extra": ("表格以外多出的单元格", "cells beyond the table's columns"),
    "r_pairs": ("无法按“栏目 值”读取", "cannot be read as label and value"),
    # perflang import of a pipe (a file perflang import reads only by its name)
}


# -- the web page (绩效目标工作台, perflang/web, web/): its buttons, labels and messages, zh + en.
# `perflang web build` writes them to the site's texts.json; keys starting "cm:" are
# CodeMirror's own phrases (search panel, lint panel) in Chinese.
WEB_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("绩效目标工作台", "Performance Target Workbench"),
    "subtitle": (
        "perflang · 全部在本机浏览器中运行，表格不离开您的电脑",
        "perflang · runs in your browser; nothing leaves your computer",
    ),
    "sample-name": ("示例.perf", "example.perf"),
    "untitled": ("未命名", "untitled"),
    "pasted": ("粘贴的表格", "pasted table"),
    "new": ("新建", "New"),
    "open": ("打开", "Open"),
    "save": ("保存", "Save"),
    "save-tip": ("把 .perf 文件保存到您的电脑（Ctrl+S）", "save the .perf file to your computer (Ctrl+S)"),
    "import": ("导入表格", "Import table"),
    "paste": ("粘贴表格", "Paste table"),
    "format": ("格式化", "Format"),
    "format-tip": (
        "按标准格式整理（Shift+Alt+F），注释保留",
        "lay out in the canonical format (Shift+Alt+F); comments are kept",
    ),
    "search": ("查找", "Find"),
    "search-tip": ("查找和替换（Ctrl+F）", "find and replace (Ctrl+F)"),
    "eval": ("自评", "Self-evaluation"),
    "print": ("打印", "Print"),
    "download": ("下载", "Download"),
    "dl-perf": (".perf 文本文件", ".perf text file"),
    "dl-html": ("网页（.html，可打印）", "web page (.html, printable)"),
    "dl-xlsx": ("Excel 表格（.xlsx）", "Excel workbook (.xlsx)"),
    "dl-docx": ("Word 文档（.docx）", "Word document (.docx)"),
    "dl-json": ("JSON 数据（.json）", "JSON data (.json)"),
    "switch-lang": ("English", "中文"),
    "form-label": ("表样", "Form"),
    "form-file": ("按文件设置", "as the file says"),
    "form-approval": ("批复表", "批复表 (approval)"),
    "form-declaration": ("申报表", "申报表 (declaration)"),
    "form-target": ("目标表", "目标表 (targets)"),
    "back-to-form": ("返回目标表", "Back to the target table"),
    "preview": ("打印预览", "print preview"),
    "preview-projects": ("共 {count} 个项目", "{count} projects"),
    "preview-partial": (
        "共 {count} 个项目，预览显示光标所在的项目；打印和下载包含全部项目",
        "{count} projects: the preview shows the one at the cursor; print and downloads hold them all",
    ),
    "preview-stale": (
        "文件有错误，预览是最近一次没有错误时的表",
        "the file has errors: the preview is the last one without",
    ),
    "selfeval-shown": ("自评表（打印、下载的是这张表）", "self-evaluation table (print and downloads use it)"),
    "problems": ("问题", "Problems"),
    "problems-count": ("{errors} 个错误，{warnings} 个警告", "{errors} error(s), {warnings} warning(s)"),
    "problems-none": ("没有发现问题", "no problems found"),
    "problems-more": (
        "还有 {count} 个问题未列出（先改正上面的）",
        "{count} more not listed (fix the ones above first)",
    ),
    "at-line": ("第 {line} 行，第 {column} 列", "line {line}, column {column}"),
    "at-line-only": ("第 {line} 行", "line {line}"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
    "hint": ("提示：", "hint: "),
    "import-note": ("导入说明", "import note"),
    "import-notes": ("导入说明（{count} 条）", "import notes ({count})"),
    "note": ("注意", "note"),
    "note-problem": ("问题", "problem"),
    "note-source": ("原表位置：{where}", "in the table: {where}"),
    "close-tab": ("关闭", "close"),
    "close-confirm": (
        "关闭“{name}”？没有保存到电脑的内容将被删除。",
        "Close '{name}'? What was not saved to your computer is deleted.",
    ),
    "file-too-big": (
        "“{name}”超过 {mb} MB，不能在网页中打开",
        "'{name}' is larger than {mb} MB and cannot be opened in the page",
    ),
    "import-failed": ("无法导入：", "cannot import: "),
    "import-crashed": (
        "导入时计算引擎停止了（文件可能过大或已损坏），已重新启动；您的文字没有丢失",
        "the engine stopped while importing (the file may be too large or damaged); it was restarted and your text is kept",
    ),
    "format-errors": ("文件有语法错误，先改正后才能格式化", "the file has syntax errors: fix them before formatting"),
    "formatted": ("已格式化", "formatted"),
    "download-errors": (
        "文件有错误，先改正问题列表中的错误再下载",
        "the file has errors: fix the ones listed under Problems first",
    ),
    "docx-unavailable": (
        "网页版不能生成 Word 文档：Word 写入程序（python-docx）需要的 lxml 是 C 语言程序，不能在浏览器中运行。"
        "请下载 Excel 表格或网页（.html，可用 Word/WPS 打开），或在电脑上安装 perflang，用 perflang build --to docx 生成。",
        "the page cannot write Word documents: the Word writer (python-docx) needs lxml, C code that does not run in "
        "the browser. Download the Excel workbook or the web page (.html, which Word/WPS open), or install perflang "
        "and run perflang build --to docx.",
    ),
    "new-title": ("新建绩效目标文件", "New target file"),
    "new-lead": (
        "回答几个问题，生成标准格式的文件（与 perflang new 相同），再把示例指标换成本项目的。",
        "Answer a few questions for a file in the standard layout (as perflang new), then replace the sample indicators.",
    ),
    "new-unit": ("申报单位", "Unit"),
    "new-unit-ph": ("例如：鄂州市数据局", "e.g. 鄂州市数据局"),
    "new-project": ("项目名称", "Project"),
    "new-project-ph": ("例如：政务服务工作", "e.g. 政务服务工作"),
    "new-budget": ("项目预算（万元）", "Budget (万元)"),
    "new-budget-ph": ("例如：571", "e.g. 571"),
    "new-form": ("表样", "Form"),
    "new-goals": ("绩效目标", "Goals"),
    "goals-both": ("长期目标和年度目标", "long-term and annual"),
    "goals-long": ("只有长期目标", "long-term only"),
    "goals-annual": ("只有年度目标", "annual only"),
    "cancel": ("取消", "Cancel"),
    "create": ("生成", "Create"),
    "close": ("关闭", "Close"),
    "ok": ("知道了", "OK"),
    "paste-title": ("粘贴表格", "Paste a table"),
    "paste-lead": (
        "在网页、Word 或 Excel 中选中整张绩效目标表，复制，粘贴到下面（与 perflang import 相同）。",
        "Select the whole target table in a web page, Word or Excel, copy it and paste it below (as perflang import).",
    ),
    "paste-ph": ("在这里粘贴（Ctrl+V）", "paste here (Ctrl+V)"),
    "paste-run": ("导入", "Import"),
    "eval-title": ("自评打分", "Self-evaluation"),
    "eval-lead": (
        "逐项填写实际完成值，或选择（拖入）实际完成值文件（JSON 或 CSV，与 perflang eval 相同），按评分方案打分并生成自评表。",
        "Fill in the actual values, or choose (drop) an actuals file (JSON or CSV, as perflang eval), to score by the profile and print the 自评表.",
    ),
    "eval-profile": ("评分方案", "Scoring profile"),
    "profile-file": ("按文件设置（默认全国）", "as the file says (national)"),
    "profile-national": ("全国", "national"),
    "profile-hubei": ("湖北", "Hubei"),
    "profile-sichuan": ("四川", "Sichuan"),
    "profile-ningxia": ("宁夏", "Ningxia"),
    "profile-beijing": ("北京", "Beijing"),
    "eval-choose": ("选择实际完成值文件", "Choose an actuals file"),
    "eval-run": ("打分", "Score"),
    "eval-levels": ("一级 / 二级指标", "levels 1 / 2"),
    "eval-name": ("三级指标", "indicator"),
    "eval-target": ("指标值", "target"),
    "eval-actual": ("实际完成值", "actual"),
    "eval-executed": ("全年执行数", "executed amount"),
    "eval-errors": ("文件有错误，先改正后才能打分", "the file has errors: fix them before scoring"),
    "eval-failed": ("实际完成值有错误，没有打分：", "the actuals have errors; not scored:"),
    "eval-project": ("项目", "project"),
    "eval-total": ("总分", "total"),
    "eval-grade": ("等级", "grade"),
    "status-loading": ("正在启动（首次打开约需几秒）…", "starting (a few seconds the first time)…"),
    "status-typing": ("正在输入", "typing"),
    "status-checking": ("正在检查…", "checking…"),
    "status-ready": ("已检查", "checked"),
    "status-errors": ("有错误", "errors"),
    "status-importing": ("正在导入…", "importing…"),
    "status-preparing-print": ("正在准备打印…", "preparing to print…"),
    "status-failed": ("启动失败", "failed to start"),
    "status-restarted": ("已重新启动", "restarted"),
    "engine-failed": ("计算引擎未能启动：", "the engine did not start: "),
    "engine-restarted": (
        "计算引擎意外停止（可能是内存不足），已自动重新启动；您的文字没有丢失",
        "the engine stopped (perhaps out of memory) and was restarted; your text is kept",
    ),
    "cm:Find": ("查找", "Find"),
    "cm:Replace": ("替换", "Replace"),
    "cm:next": ("下一个", "next"),
    "cm:previous": ("上一个", "previous"),
    "cm:all": ("全部", "all"),
    "cm:match case": ("区分大小写", "match case"),
    "cm:regexp": ("正则表达式", "regexp"),
    "cm:by word": ("全词匹配", "by word"),
    "cm:replace": ("替换", "replace"),
    "cm:replace all": ("全部替换", "replace all"),
    "cm:close": ("关闭", "close"),
    "cm:current match": ("当前匹配", "current match"),
    "cm:replaced $ matches": ("已替换 $ 处", "replaced $ matches"),
    "cm:replaced match on line $": ("已替换第 $ 行的匹配", "replaced match on line $"),
    "cm:on line": ("在第几行", "on line"),
    "cm:Go to line": ("跳转到行", "Go to line"),
    "cm:go": ("跳转", "go"),
    "cm:Diagnostics": ("问题", "Diagnostics"),
    "cm:No diagnostics": ("没有问题", "No diagnostics"),
    "cm:Completions": ("补全", "Completions"),
    "cm:Folded lines": ("折叠的行", "Folded lines"),
    "cm:Unfolded lines": ("展开的行", "Unfolded lines"),
    "cm:Control character": ("控制字符", "Control character"),
}


def web_texts() -> dict[str, dict[str, str]]:
    """The page's texts by language: {"zh": {key: text}, "en": {...}}."""
    return {"zh": {k: v[0] for k, v in WEB_TEXTS.items()}, "en": {k: v[1] for k, v in WEB_TEXTS.items()}}
