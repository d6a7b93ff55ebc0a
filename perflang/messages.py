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
        "PF001": Entry(
            E,
            "文件不是 UTF-8 编码（看起来是 GBK/GB18030，第 {line} 行按 GBK 读作“{sample}”）",
            "file is not UTF-8 (it looks like GBK/GB18030: line {line} reads “{sample}” as GBK)",
            "用编辑器“另存为”UTF-8，或运行：iconv -f GB18030 -t UTF-8 {name} > 新文件.perf",
            "save it as UTF-8 in your editor, or run: iconv -f GB18030 -t UTF-8 {name} > new.perf",
        ),
        "PF002": Entry(
            E,
            "文件含有二进制数据，不是文本文件",
            "file contains binary data, not text",
            "请确认打开的是 .perf 文本文件，而不是 Excel 或 Word 文件；已有的 Excel 表格可以用 perflang import 导入",
            "check that this is a .perf text file, not an Excel or Word file; "
            "an Excel table can be imported with perflang import",
        ),
        "PF003": Entry(
            W,
            "文件中没有任何项目",
            "the file contains no project",
            "用“项目 名称 {{ … }}”写一个项目",
            "write a project: 项目 NAME {{ … }}",
        ),
        "PF004": Entry(E, "无法读取文件：{reason}", "cannot read file: {reason}"),
        "PF005": Entry(
            E,
            "文件不是 UTF-8 编码：第 {line} 行第 {column} 列有无法识别的字节 {byte}",
            "file is not UTF-8: undecodable byte {byte} on line {line}, column {column}",
            "请用编辑器将文件另存为 UTF-8 编码",
            "save the file as UTF-8 in your editor",
        ),
        "PF006": Entry(
            W,
            "文件似乎不完整：结尾处截断在一个字符的中间",
            "the file seems truncated: it ends inside a character",
            "文件可能没有完整复制或保存，请与原文件核对结尾部分",
            "the file may not have been copied or saved completely: compare its end with the original",
        ),
        "PF007": Entry(
            E,
            "文件是 UTF-16 编码（记事本里的“Unicode”），不是 UTF-8",
            "file is UTF-16 (Notepad's 'Unicode'), not UTF-8",
            "在记事本中“另存为”，编码选择 UTF-8；或运行：iconv -f UTF-16 -t UTF-8 {name} > 新文件.perf",
            "use Save As with the UTF-8 encoding, or run: iconv -f UTF-16 -t UTF-8 {name} > new.perf",
        ),
        "PF008": Entry(
            W,
            "配置文件 {config} 无法使用，本次按默认设置检查：{reason}",
            "the configuration {config} cannot be used, default settings apply: {reason}",
            '改正 [tool.perflang] 的 select / ignore，例如 ignore = ["PF408"]',
            'fix select / ignore in [tool.perflang], e.g. ignore = ["PF408"]',
        ),
        # -- syntax ------------------------------------------------------------------------
        "PF101": Entry(
            E,
            "语法错误：此处不应出现“{token}”",
            "syntax error: unexpected '{token}'",
            "此处应为：{expected}",
            "expected here: {expected}",
        ),
        "PF102": Entry(
            E,
            "字符串缺少结束引号",
            "unterminated string",
            '字符串不能跨行：在同一行末尾补上 "；需要换行时把两行合成一行，在换行处写 \\n',
            'a string cannot span lines: close it with " on the same line; join the lines and write \\n for a line break',
        ),
        "PF103": Entry(
            E,
            "“{{”缺少对应的“}}”",
            "'{{' has no matching '}}'",
            "在这个块的末尾补上“}}”：{where}",
            "close the block with '}}': {where_en}",
        ),
        "PF104": Entry(
            E,
            "三级指标行缺少冒号",
            "indicator line has no colon",
            "写成“三级指标名称: 指标值”，例如 群众满意度: ≥95%",
            "write 'name: value', e.g. 群众满意度: ≥95%",
        ),
        "PF105": Entry(
            E,
            "无法识别的语句“{token}”",
            "unrecognised statement '{token}'",
            "此处可以写：{expected}",
            "allowed here: {expected}",
        ),
        "PF106": Entry(E, "“{key}”不能写在{place}", "'{key}' is not allowed {place_en}", "{hint}", "{hint}"),
        "PF107": Entry(
            E,
            "“{key}”重复设置",
            "'{key}' is set twice",
            "第 {first} 行已经设置过，删除多余的一行",
            "it is set on line {first} already: delete one of the lines",
        ),
        "PF108": Entry(
            E,
            "“{value}”不是有效的{what}",
            "'{value}' is not a valid {what_en}",
            "可选值：{choices}",
            "choices: {choices}",
        ),
        "PF109": Entry(
            E,
            "三级指标“{name}”不在指标分组里",
            "indicator '{name}' is not inside a group",
            "把它放进“一级 / 二级 {{ … }}”分组，例如 产出 / 数量 {{ {name}: … }}",
            "put it inside a group 'level1 / level2 {{ … }}', e.g. 产出 / 数量 {{ {name}: … }}",
        ),
        "PF110": Entry(
            E,
            "全角括号“{char}”不能用作块的括号",
            "full-width '{char}' cannot delimit a block",
            "换成半角的“{ascii}”（切换到英文输入法再输入）",
            "use the ASCII '{ascii}' (switch the input method to English)",
        ),
        "PF111": Entry(E, "多余的“}}”", "extra '}}'", "{hint}", "{hint_en}"),
        "PF112": Entry(
            E,
            "“{key}”后面缺少值",
            "'{key}' needs a value",
            "写在同一行，例如 预算 571（只有主管部门、实施单位等栏目可以空着）",
            "write it on the same line, e.g. 预算 571 (only 主管部门, 实施单位 and the like may be left empty)",
        ),
        "PF113": Entry(
            W,
            "这一行有两个冒号，已读作名称“{name}”、值“{value}”",
            "this line has two colons: read as the name '{name}' and the value '{value}'",
            "名称中含有冒号时请加引号：{fixed}；如果冒号属于值，请给值加引号：{other}",
            "quote a name that holds a colon: {fixed}; if the colon belongs to the value, quote the value: {other}",
        ),
        # -- framework and names ----------------------------------------------------------
        "PF201": Entry(E, "未知的一级指标“{name}”", "unknown level-1 indicator '{name}'", "{suggest}", "{suggest}"),
        "PF202": Entry(E, "未知的二级指标“{name}”", "unknown level-2 indicator '{name}'", "{suggest}", "{suggest}"),
        "PF203": Entry(
            E,
            "二级指标“{level2}”不属于一级指标“{level1}”",
            "level-2 indicator '{level2}' does not belong to level 1 '{level1}'",
            "“{level2}”属于“{owner}”",
            "'{level2}' belongs to '{owner}'",
        ),
        "PF204": Entry(
            E,
            "项目名称“{name}”重复",
            "duplicate project name '{name}'",
            "第 {first} 行已有同名的项目；每个项目的名称必须唯一",
            "the project on line {first} has this name; project names must be unique",
        ),
        "PF205": Entry(
            E,
            "同一目标下三级指标“{name}”重复",
            "duplicate indicator '{name}' in one goal",
            "与第 {first} 行重复：合并两行，或改用不同的名称",
            "the same as line {first}: merge the two lines or rename one",
        ),
        "PF206": Entry(
            E,
            "{goal}编号 {number} 重复",
            "duplicate {goal_en} number {number}",
            "第 {first} 行已有这个编号；每个目标编号只能出现一次",
            "line {first} has this number already; each goal number may appear once",
        ),
        "PF207": Entry(
            E, "“同 {target}”指向的目标不存在", "'same-as {target}' points at no goal", "{suggest}", "{suggest}"
        ),
        "PF208": Entry(
            E,
            "指标分组“{level1}”缺少二级指标",
            "group '{level1}' has no level-2 indicator",
            "写成“一级 / 二级 {{”，例如 产出 / 数量 {{",
            "write 'level1 / level2 {{', e.g. 产出 / 数量 {{",
        ),
        "PF209": Entry(
            E,
            "三级指标名称为空",
            "empty indicator name",
            "在冒号前写上三级指标名称",
            "write the indicator name before the colon",
        ),
        "PF210": Entry(
            W,
            "{what}“{name}”中没有三级指标",
            "{what_en} '{name}' has no indicator",
            "在其中写上{inner}（每项一行，⏎ 表示换行），例如 {example}；不需要的话删除它",
            "add {inner_en} (one per line, ⏎ marks a line break), e.g. {example}, or delete it",
        ),
        # -- money and values -------------------------------------------------------------
        "PF301": Entry(
            E,
            "项目“{name}”缺少预算",
            "project '{name}' has no budget",
            "在项目中写一行：预算 571",
            "add a line to the project: 预算 571",
        ),
        "PF302": Entry(
            E,
            "预算“{value}”不是有效的金额",
            "budget '{value}' is not a valid amount",
            "预算应是非负数，可带金额单位，例如 预算 571 或 预算 571万元",
            "the budget is a non-negative number with an optional money unit, e.g. 预算 571",
        ),
        "PF303": Entry(
            E,
            "指标值“{text}”为负数",
            "target '{text}' is negative",
            "绩效目标值不能为负数",
            "performance targets cannot be negative",
        ),
        "PF304": Entry(
            E,
            "成本指标“{name}”的指标值 {amount} 超过项目预算 {budget}",
            "cost indicator '{name}' ({amount}) exceeds the budget {budget}",
            "核对成本指标与项目预算",
            "check the cost against the project budget",
        ),
        "PF305": Entry(
            E,
            "{goal}的金额成本指标合计 {total} 超过项目预算 {budget}",
            "the money cost indicators of {goal_en} add up to {total}, above the budget {budget}",
            "核对各成本指标之和与项目预算",
            "check the sum of cost indicators against the budget",
        ),
        "PF306": Entry(
            E,
            "分值“{value}”不是有效的非负数",
            "weight '{value}' is not a valid non-negative number",
            "例如 分值 10",
            "e.g. 分值 10",
        ),
        "PF307": Entry(
            E,
            "{pool}的指定分值合计 {total} 超过该部分满分 {limit}",
            "explicit weights in {pool} add up to {total}, above its pool of {limit}",
            "调低指定的分值，或不写分值让其平均分配；按地区办法打分的（如四川：绩效指标 90 分自由分配），在文件开头写“评分方案 四川”",
            "lower the explicit weights or leave them out to share the pool equally; for a region's rules"
            " (Sichuan: 90 points shared freely among the indicators) write `评分方案 sichuan` at the top",
        ),
        # -- review warnings --------------------------------------------------------------
        "PF401": Entry(
            W,
            "未知的计量单位“{unit}”",
            "unknown unit '{unit}'",
            "如果这是量词（如 棵、株），可以忽略本提示；常用单位：元、万元、人、个、%、平方米、吨",
            "if this is a measure word (棵, 株 …) ignore this; common units: 元, 万元, 人, 个, %, 平方米, 吨",
        ),
        "PF402": Entry(
            W,
            "指标值“{text}”缺少计量单位",
            "target '{text}' has no unit",
            "写上单位，例如 {example}",
            "add a unit, e.g. {example}",
        ),
        "PF403": Entry(
            W,
            "指标值“{text}”缺少比较符号",
            "target '{text}' has no comparator",
            "写明方向，例如 {example}",
            "state the direction, e.g. {example}",
        ),
        "PF404": Entry(
            W,
            "比率类指标“{name}”的指标值 {text} 超过 100%",
            "rate '{name}' has a target above 100%: {text}",
            "比率一般不超过 100%",
            "a rate normally cannot exceed 100%",
        ),
        "PF405": Entry(
            W,
            "“{name}”的比较方向可能写反了：{text}",
            "'{name}' may point the wrong way: {text}",
            "{suggest}",
            "{suggest}",
        ),
        "PF406": Entry(
            W,
            "满意度指标“{name}”的目标 {text} 低于 90%",
            "satisfaction target '{name}' is below 90%: {text}",
            "满意度目标一般不低于 90%",
            "satisfaction targets are normally at least 90%",
        ),
        "PF407": Entry(
            W,
            "{goal}缺少{missing}",
            "{goal_en} has no {missing_en}",
            "绩效指标一般应包括产出、效益和满意度三类一级指标",
            "indicators should cover 产出, 效益 and 满意度",
        ),
        "PF408": Entry(
            W,
            "指标值“{text}”用语模糊（“{word}”），难以衡量",
            "target '{text}' is vague ('{word}') and hard to measure",
            "尽量细化、量化，例如写成具体数值或可核验的标准",
            "make it concrete and measurable, e.g. a number or a checkable standard",
        ),
        "PF409": Entry(W, "未知的指标值确定依据“{value}”", "unknown basis '{value}'", "{suggest}", "{suggest}"),
        "PF410": Entry(
            W,
            "三级指标“{name}”没有指标值",
            "indicator '{name}' has no target value",
            "在冒号后写上指标值；不要把数值藏在指标名称里",
            "write the value after the colon, not inside the name",
        ),
        "PF411": Entry(
            W,
            "指标值“{text}”以比较符号开头，却读不出数值和单位，只能当作定性指标",
            "target '{text}' starts with a comparator but does not read as a number and unit: "
            "it is taken as qualitative",
            "写成“比较符号 数值 单位”，例如 ≥3人；一行只写一个指标，末尾不要加标点",
            "write comparator, number and unit, e.g. ≥3人; one indicator per line, no punctuation after it",
        ),
        # -- evaluation: actuals and profiles (perflang eval) ------------------------------
        "PF501": Entry(
            E,
            "无法读取实际完成值：{reason}",
            "cannot read the actuals: {reason_en}",
            "实际完成值应为 JSON（perflang-actuals/1）或 CSV 文件，见 docs/scoring.md",
            "the actuals are a JSON (perflang-actuals/1) or CSV file, see docs/scoring.md",
        ),
        "PF502": Entry(
            E,
            "实际完成值的结构有误：{what}",
            "the actuals are malformed: {what_en}",
            "格式见 docs/scoring.md",
            "see docs/scoring.md for the format",
        ),
        "PF503": Entry(
            E,
            "实际完成值中的项目“{name}”不在目标文件中",
            "project '{name}' of the actuals is not in the target file",
            "项目名称须与 .perf 中完全一致；相近的名称：{suggest}",
            "names must match the .perf exactly; close names: {suggest}",
        ),
        "PF504": Entry(
            E,
            "项目“{project}”的年度目标中没有三级指标“{name}”",
            "project '{project}' has no evaluated indicator '{name}'",
            "写三级指标名称或 一级/二级/三级 路径；相近的名称：{suggest}",
            "write the indicator name or its path 一级/二级/三级; close names: {suggest}",
        ),
        "PF505": Entry(
            E,
            "三级指标“{name}”在项目中出现多次，无法确定是哪一个",
            "indicator name '{name}' occurs several times in the project",
            "改写成路径，例如：{paths}",
            "write its path instead, e.g. {paths}",
        ),
        "PF506": Entry(
            W,
            "项目“{project}”缺少“{name}”的实际完成值，按 0 分计",
            "no actual for '{name}' in project '{project}': scored 0",
            "在实际完成值文件中补上这一指标",
            "add the indicator to the actuals",
        ),
        "PF507": Entry(
            E,
            "“{name}”的实际完成值“{value}”不是数值",
            "the actual '{value}' of '{name}' is not a number",
            "写成数值，可带单位，例如 96% 或 560万元",
            "write a number, optionally with a unit, e.g. 96% or 560万元",
        ),
        "PF508": Entry(
            E,
            "实际完成值“{value}”的单位“{unit}”与指标单位“{target_unit}”不能换算",
            "the unit '{unit}' of '{value}' does not convert to the target's unit '{target_unit}'",
            "改用“{target_unit}”或同一类的单位，或只写数值",
            "use '{target_unit}' or a unit of the same kind, or give the bare number",
        ),
        "PF509": Entry(
            E,
            "定性指标“{name}”的实际完成值“{value}”应为 达成、部分达成 或 未达成",
            "the actual '{value}' of qualitative '{name}' must be 达成, 部分达成 or 未达成",
            "也可写全称：达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差",
            "the long forms are accepted too: 达成年度指标, 部分达成年度指标并具有一定效果, 未达成年度指标且效果较差",
        ),
        "PF510": Entry(
            E,
            "“{name}”的得分 {score} 不在允许的区间 {band}{level}",
            "the score {score} of '{name}' lies outside {band}{level}",
            "定性指标的得分须在完成程度对应的区间内，定量指标的得分在 0 与分值之间",
            "a qualitative score lies in its level's band, a quantitative one in [0, weight]",
        ),
        "PF511": Entry(
            E,
            "得分“{value}”不是有效的非负数",
            "score '{value}' is not a valid non-negative number",
            '例如 "score": "14.5"',
            'e.g. "score": "14.5"',
        ),
        "PF512": Entry(
            E,
            "评分方案有误：{reason}",
            "invalid scoring profile: {reason_en}",
            "评分方案的写法见 docs/scoring.md 和 examples/profiles/",
            "see docs/scoring.md and examples/profiles/ for the profile format",
        ),
        "PF513": Entry(
            E,
            "{field}“{value}”不是有效的金额",
            "{field_en} '{value}' is not a valid amount",
            "写成正数金额，可带单位，例如 560 或 560万元",
            "write a positive amount, e.g. 560 or 560万元",
        ),
        "PF514": Entry(
            E,
            "同一指标的实际完成值写了两次（“{name}”与“{other}”）",
            "the same indicator is given twice ('{name}' and '{other}')",
            "删除其中一项",
            "delete one of them",
        ),
        "PF515": Entry(
            E,
            "CSV 表头缺少“{missing}”列",
            "the CSV header has no '{missing}' column",
            "表头应为 project,indicator,actual,score,note 或 项目名称,三级指标,实际完成值,得分,偏差原因",
            "the header is project,indicator,actual,score,note (or the Chinese 项目名称,三级指标,实际完成值,得分,偏差原因)",
        ),
        # actuals as people write them: each is scored by a documented rule (docs/scoring.md §1)
        # and this warning says what was assumed
        "PF520": Entry(
            W,
            "“{name}”的实际完成值“{value}”不是数值，按已达到指标值 {target} 计满分",
            "the actual '{value}' of '{name}' is not a number: taken as meeting the target {target} (full marks)",
            "写出实际数值，例如 {target}",
            "write the actual number, e.g. {target}",
        ),
        "PF521": Entry(
            W,
            "“{name}”的实际完成值“{value}”重复了指标值的写法，按 {read} 计",
            "the actual '{value}' of '{name}' repeats the target's form: read as {read}",
            "实际完成值只写达到的数值，例如 {read}",
            "write only the number reached, e.g. {read}",
        ),
        "PF522": Entry(
            W,
            "“{name}”的指标值“{target}”没有单位，实际完成值“{value}”按 {read} 计",
            "the target '{target}' of '{name}' has no unit: the actual '{value}' is read as {read}",
            "指标值与实际完成值写同一单位",
            "write the target and the actual in the same unit",
        ),
        "PF523": Entry(
            W,
            "“{name}”的实际完成值“{value}”按小数读作 {read}（指标值 {target}）",
            "the actual '{value}' of '{name}' is read as a fraction: {read} (target {target})",
            "百分比请写 %，例如 {read}",
            "write percentages with %, e.g. {read}",
        ),
        "PF524": Entry(
            W,
            "定性指标“{name}”的实际完成值“{value}”与指标值相同，按“达成”计",
            "the actual '{value}' of qualitative '{name}' repeats its target: scored as 达成",
            '写明完成程度：达成、部分达成 或 未达成，或用 {{"actual": …, "grade": "达成"}}',
            'state the level (达成, 部分达成, 未达成), or give {{"actual": …, "grade": "达成"}}',
        ),
        # -- files written, workbooks read, the command itself (PF9xx) --------------------
        "PF901": Entry(
            E,
            "无法写入“{file}”：{reason}",
            "cannot write '{file}': {reason_en}",
            "检查磁盘空间、文件夹是否存在、是否有写入权限",
            "check the free space, that the folder exists and that you may write there",
        ),
        "PF902": Entry(
            E,
            "输出文件“{file}”就是输入文件，没有覆盖它",
            "the output '{file}' is an input file: not overwritten",
            "用 -o 指定另一个文件名",
            "give -o another file name",
        ),
        "PF903": Entry(E, "已中断", "interrupted"),
        "PF904": Entry(
            E,
            "文件操作失败：“{file}”：{reason}",
            "file operation failed: '{file}': {reason_en}",
            "如果当前文件夹已被删除或移动，请进入一个存在的文件夹再运行",
            "if the current folder was deleted or moved, change to an existing folder and run again",
        ),
        "PF905": Entry(
            E,
            "“{first}”和“{second}”会写到同一个输出文件“{file}”",
            "'{first}' and '{second}' would both be written to '{file}'",
            "分别构建，或改名其中一个文件",
            "build them separately, or rename one of them",
        ),
        "PF906": Entry(
            E,
            "输出文件“{file}”是只读的，没有改写",
            "the output '{file}' is read-only: not rewritten",
            "先改为可写（chmod u+w），或写到另一个文件",
            "make it writable (chmod u+w) or write elsewhere",
        ),
        "PF911": Entry(
            E,
            "工作簿过大：解压后共 {size} 字节，超过上限 {limit} 字节",
            "the workbook is too large: {size} bytes unpacked, the limit is {limit}",
            "一张绩效目标表远小于此；请只保留目标表所在的工作表后另存再导入",
            "a target table is far smaller: keep only its sheet, save, and import again",
        ),
        "PF912": Entry(
            E,
            "工作表“{sheet}”的范围 {ref} 过大（{rows} 行 × {columns} 列），上限为 {max_rows} 行 × {max_columns} 列",
            "sheet '{sheet}' spans {ref} ({rows} rows × {columns} columns); the limit is {max_rows} × {max_columns}",
            "删除表格以外的空行空列（或远处单元格里的内容）后另存再导入",
            "delete the rows and columns outside the table (or stray far-away cells), save, and import again",
        ),
        "PF913": Entry(
            E,
            "工作表“{sheet}”的合并单元格 {ref} 过大（{cells} 个单元格），上限为 {limit}",
            "sheet '{sheet}' merges {ref} ({cells} cells); the limit is {limit}",
            "取消这个合并后另存再导入",
            "unmerge it, save, and import again",
        ),
        "PF914": Entry(
            E,
            "工作表“{sheet}”的单元格过多（{cells} 个），上限为 {limit}",
            "sheet '{sheet}' has too many cells ({cells}); the limit is {limit}",
            "只保留目标表所在的区域后另存再导入",
            "keep only the table's area, save, and import again",
        ),
        "PF915": Entry(
            E,
            "工作簿已损坏，无法读取：{reason}",
            "the workbook is damaged and cannot be read: {reason_en}",
            "在 Excel/WPS 中打开并另存为 .xlsx 后再导入",
            "open it in Excel/WPS, save it as .xlsx again, and import that",
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
        ),
        "PF922": Entry(
            E,
            "Chromium 未能生成 PDF：{detail}",
            "Chromium failed to print the PDF: {detail}",
            "用 --to html 生成网页，在浏览器中“打印→另存为 PDF”",
            "use --to html and print the page from a browser",
        ),
        "PF923": Entry(
            E,
            "{what}需要 {package}，但没有安装",
            "{what_en} needs {package}, which is not installed",
            "运行 pip install 'perflang[{extra}]'",
            "run pip install 'perflang[{extra}]'",
        ),
    }


CATALOG: dict[str, Entry] = _catalog()


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
}


def tool_message(key: str, lang: str = "both", **args) -> str:
    """A tool message in Chinese, English, or both ("中文 / English", for messages printed
    before the user's language is known)."""
    zh, en = (t.format(**args) for t in TOOL_MESSAGES[key])
    return zh if lang == "zh" else en if lang == "en" else f"{zh} / {en}"


# -- the command line (perflang/cli.py): help texts, prompts and messages, zh + en, keyed -------
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
        "html/pdf/tsv/xlsx/docx 的表样：批复表、申报表、目标表或 .toml 表样文件（默认：文件中的“表样”，否则批复表）。",
        "Table form for html/pdf/tsv/xlsx/docx: approval, declaration, target or a .toml form file "
        "(default: the file's form setting, else approval).",
    ),
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
        "全年实际完成值：JSON（perflang-actuals/1）或 CSV 文件。",
        "The year's results: JSON (perflang-actuals/1) or CSV.",
    ),
    "eval.profile": (
        "评分方案：全国（默认）、湖北、四川、宁夏、北京，或一个 TOML 文件（默认：文件中的“评分方案”）。",
        "Scoring profile: national (default), hubei, sichuan, ningxia, beijing, or a TOML file "
        "(default: the file's scoring setting).",
    ),
    "eval.to": (
        "text：摘要；json：perflang-eval/1；html：可打印的自评表；pdf/xlsx/docx：同一张自评表的 PDF/Excel/Word 文件（需用 -o 指定文件）。",
        "text: a summary; json: perflang-eval/1; html: the printable self-evaluation table; "
        "pdf/xlsx/docx: the same table as a PDF/Excel/Word file (needs -o FILE).",
    ),
    "eval.output": ("输出文件（默认：标准输出）。", "Output file (default: stdout)."),
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
    "lsp.help": (
        "在标准输入输出上运行语言服务器（编辑器会启动它；需要 perflang[lsp]）。\n\n\b\n"
        "编辑器配置示例：cmd = perflang lsp（见 docs/editors.md）",
        "Run the language server on stdin/stdout (editors start it; needs perflang[lsp]).\n\n\b\n"
        "An editor's configuration: cmd = perflang lsp (see docs/editors.md)",
    ),
    "fmt.help": (
        "把 .perf 文件整理成统一的格式（注释总是保留）。\n\n\b\n例：\n  perflang fmt examples/\n"
        "  perflang fmt --check examples/",
        "Format .perf files in the one canonical layout (comments always kept).\n\n\b\nExample:\n"
        "  perflang fmt examples/\n  perflang fmt --check examples/",
    ),
    "fmt.check": ("不做任何修改；有文件需要整理时退出码为 1。", "Change nothing; exit 1 if a file would change."),
    "fmt.diff": ("显示差异，而不改写文件。", "Print a unified diff instead of rewriting."),
    "internal": (
        "perflang：内部错误：{error}\n请报告此问题（设置 PERFLANG_DEBUG=1 可看到详细信息）",
        "perflang: internal error: {error}\nplease report this (PERFLANG_DEBUG=1 shows the traceback)",
    ),
    "statistics": ("按代码统计：{counts}", "by code: {counts}"),
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
        "表样：批复表、申报表或目标表（默认：批复表）。",
        "The form: approval, declaration or target (default: approval).",
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
    "new.exists": (
        "perflang：{file} 已经存在，没有改动它；换一个文件名，或先删除、改名原来的文件",
        "perflang: {file} exists and was left alone: choose another name, or remove or rename it first",
    ),
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
    return text.format(**args) if args else text


# -- perflang import: notes and the reasons a row was not placed (zh, en) -------------------
IMPORT_MESSAGES: dict[str, tuple[str, str]] = {
    "kept": ("{reason}，已作为注释保留：{text}", "{reason_en}, kept as a comment: {text}"),
    "shifted": (
        "这一行左移了一格（“{cell}”写在了目标名称列），已按原位读取",
        "this row is shifted left by one cell ('{cell}' stands in the goal column): read in place",
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
    "empty_goal": ("“{label}”没有内容，未写入", "'{label}' is empty: not written"),
    "empty_name": ("项目名称为空", "the project name is empty"),
    "check": ("写出的 .perf 第 {line} 行有错误：{message}", "the written .perf has an error on line {line}: {message}"),
    "summary": (
        "导入 {projects} 个项目、{goals} 个目标、{indicators} 个三级指标；{notes} 条注意，{problems} 个问题",
        "imported {projects} projects, {goals} goals, {indicators} indicators; {notes} notes, {problems} problems",
    ),
    "no_project": ("没有找到任何项目：表中应有“项目名称”一行", "no project found: the table needs a 项目名称 row"),
    # reasons a row was not placed (the Chinese one also goes into the comment in the .perf)
    "r_outside": ("不在任何项目之内", "not inside any project"),
    "r_goal_cells": ("目标行有多余的单元格", "extra cells in a goal row"),
    "r_no_header": (
        "指标表缺少表头（一级指标、二级指标、三级指标、指标值）",
        "the indicator table has no column header (一级指标, 二级指标, 三级指标, 指标值)",
    ),
    "r_goal": ("目标名称“{label}”无法识别", "the goal label '{label}' is not recognised"),
    "r_row": ("无法识别的行", "an unrecognised row"),
    "r_no_name": ("缺少三级指标名称", "no indicator name"),
    "r_no_levels": ("缺少一级或二级指标", "no level-1 or level-2 indicator"),
    "r_bad_levels": ("一级或二级指标名称含有不能使用的字符", "a level-1 or level-2 name holds characters it cannot"),
    "r_extra": ("表格以外多出的单元格", "cells beyond the table's columns"),
    "r_pairs": ("无法按“栏目 值”读取", "cannot be read as label and value"),
}
