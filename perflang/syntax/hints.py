"""What the syntax errors say: the names of what the parser expected, and the hints for the
mistakes people make at the start of a statement (a keyword run into its value, a keyword it
resembles, Chinese quotes, a goal outside any project)."""

from __future__ import annotations

import difflib
import re

from .keywords import ALL_WORDS, GOAL_KINDS

__all__ = ["expected_names", "keyword_hint", "quote_hint", "statement_hint", "KEYWORDS"]

_TERMINAL_NAMES = {
    "zh": {
        "RBRACE": "“}”",
        "LBRACE": "“{”",
        "INDICATOR": "三级指标行（名称: 指标值）",
        "LEVEL": "指标分组（一级 / 二级 {）",
        "SLASH": "“/”",
        "VALUE": "名称或值",
        "STRING": "带引号的文字",
        "INT": "编号",
        "GOAL_KW": "目标（长期目标 / 年度目标）",
        "SAME_KW": "“同”",
        "SETTING_KW": "设置（预算、申报单位 …）",
        "PROJECT_KW": "“项目”",
        "FIELD_KW": "“字段”",
        "FUNDING_KW": "“资金”",
        "ATTR_KW": "属性（依据、分值、解释、上年值）",
        "_NL": "换行",
        "SEMICOLON": "“;”",
        "$END": "文件结尾",
    },
    "en": {
        "RBRACE": "'}'",
        "LBRACE": "'{'",
        "INDICATOR": "an indicator line (name: value)",
        "LEVEL": "a group (level1 / level2 {)",
        "SLASH": "'/'",
        "VALUE": "a name or value",
        "STRING": "a quoted text",
        "INT": "a number",
        "GOAL_KW": "a goal (长期目标 / 年度目标)",
        "SAME_KW": "'同'",
        "SETTING_KW": "a setting (预算, 申报单位 …)",
        "PROJECT_KW": "'项目'",
        "FIELD_KW": "'字段'",
        "FUNDING_KW": "'资金'",
        "ATTR_KW": "an attribute (依据, 分值 …)",
        "_NL": "a line break",
        "SEMICOLON": "';'",
        "$END": "end of file",
    },
}

KEYWORDS = sorted(set(ALL_WORDS) - {"同", "same-as"})
_EXAMPLES = {
    "项目": "项目 名称 {",
    "project": "project NAME {",
    "预算": "预算 571",
    "长期目标": '长期目标 1 "目标内容" {',
    "年度目标": "年度目标 1 同 长期目标 1",
    "字段": "字段 项目负责人: 张三",
    "资金": "资金 财政拨款: 100",
}
_BY_LENGTH = sorted(KEYWORDS + ["同"], key=len, reverse=True)
_WORD = re.compile(r"[^\s:：{}#\"/／]+")


def expected_names(expected, lang: str = "zh") -> str:
    """What the parser expected, in words."""
    names = _TERMINAL_NAMES["en" if lang == "en" else "zh"]
    shown = sorted({names.get(e, e) for e in expected if e in names})
    return ", ".join(shown) if lang == "en" else "、".join(shown)


def keyword_hint(code: str) -> dict | None:
    """A keyword run into what follows it (年度目标1, 同年度目标 1, 预算：100): say where the
    space goes (and that a setting takes no colon)."""
    for kw in _BY_LENGTH:
        rest = code[len(kw) :]
        if not code.startswith(kw) or not rest:
            continue
        colon = rest[0] in ":："
        if not (colon or rest[0].isdigit() or rest[0] in '"“' or (kw == "同" and rest.startswith(tuple(GOAL_KINDS)))):
            continue
        fixed = f"{kw} {rest.lstrip(':： ')}"[:40]
        if colon:
            return {
                "hint": f"“{kw}”后面不要冒号，空一格即可：{fixed}",
                "hint_en": f"no colon after '{kw}', just a space: {fixed}",
            }
        return {"hint": f"“{kw}”后面要空一格：{fixed}", "hint_en": f"put a space after '{kw}': {fixed}"}
    return None


def quote_hint(value: str) -> dict | None:
    """Chinese quotation marks where the language needs ASCII ones."""
    if value.lstrip()[:1] in "“”":
        return {
            "hint": '文字要用英文双引号 "…" 括起来（不是中文引号 “…”）',
            "hint_en": 'quote text with ASCII double quotes "…", not “…”',
        }
    return None


def statement_hint(code: str, context: set, extra: int | None = None) -> dict:
    """Hint for an unknown statement: a goal outside a project (after an extra "}", found at
    line extra by indentation), a keyword it resembles, or what may stand here."""
    word = (_WORD.match(code.strip()) or [""])[0][:20]
    if word in GOAL_KINDS and "GOAL_KW" not in context:
        at = (f"（按缩进看是第 {extra} 行）", f" (judging by the indentation, on line {extra})") if extra else ("", "")
        return {
            "hint": f"目标要写在项目里面；如果它本在项目里，上面可能多了一个“}}”{at[0]}",
            "hint_en": f"a goal goes inside a project; if it is in one, an extra '}}' above may close it{at[1]}",
        }
    if word in KEYWORDS and code.strip() == word:
        return {
            "hint": f"“{word}”后面缺少内容，例如：{_EXAMPLES.get(word, word + ' …')}",
            "hint_en": f"'{word}' needs what follows it, e.g. {_EXAMPLES.get(word, word + ' …')}",
        }
    if "/" in code or "／" in code:
        return {
            "hint": '指标分组（一级 / 二级 { … }）要写在目标（长期目标 1 "…" { … }）里面',
            "hint_en": 'a group (level1 / level2 { … }) goes inside a goal (长期目标 1 "…" { … })',
        }
    if word and code.rstrip().endswith("{") and "GOAL_KW" not in context:
        name = word[2:] if word.startswith("项目") and len(word) > 2 else word
        return {
            "hint": f"项目要写成“项目 名称 {{”，例如：项目 {name} {{",
            "hint_en": f"write a project as '项目 NAME {{', e.g. 项目 {name} {{",
        }
    close = difflib.get_close_matches(word, KEYWORDS, n=2, cutoff=0.5) if word else []
    field = _field_example(word, code)
    if close:
        return {
            "hint": "你是不是想写：" + "、".join(close) + (f"；表上的其他栏目写成 {field}" if field else ""),
            "hint_en": "did you mean: "
            + ", ".join(close)
            + (f"; another label of the form is written {field}" if field else ""),
        }
    if field:
        return {
            "hint": f"表上的其他栏目写成“字段 名称: 值”，例如 {field}；也可以写预算、主管部门等设置，或长期目标/年度目标",
            "hint_en": f"another label of the form is written '字段 NAME: VALUE', e.g. {field}; settings such as 预算 "
            "and goals (长期目标/年度目标) may stand here too",
        }
    return {
        "hint": "此处可以写：预算、主管部门等设置，长期目标/年度目标，或“字段 名称: 值”（自定义栏目）",
        "hint_en": "allowed here: settings such as 预算, goals (长期目标/年度目标), or '字段 NAME: VALUE' "
        "for a field of your own",
    }


def _field_example(word: str, code: str) -> str | None:
    """`项目负责人 张三` -> `字段 项目负责人: 张三`: a label copied from a form, as a field."""
    rest = code.strip()[len(word) :].strip(" \t\u3000:：")
    if not word or not rest or any(c in rest for c in '{}#"'):
        return None
    return f"字段 {word}: {rest[:30]}"
