"""Hypothesis strategies for .perf documents, written as text with a messy layout.

`documents()` draws a document's structure, then writes it the way people do: odd indentation,
spaces around ':' and '/', full-width colons, blank lines, optional quoting, and comments on
their own lines and at line ends.  It returns (text, comment texts in order).  `clean=True`
draws what the form itself can hold (no tabs, no labels of the form as names): the documents of
the import/export round trips.
"""

from __future__ import annotations

from hypothesis import strategies as st

from perflang.syntax.builder import quote

SAFE = "产出数量质量效益满意度项目成本服务群众建设完成率人次万元个件abcXYZ0123456789“”（）、，.%"
SPECIAL = ' #{}:;"/：\\'
LEVEL1 = ("产出", "产出指标", "成本", "效益", "效益指标", "满意度")
LEVEL2 = ("数量", "质量", "时效", "经济成本", "社会效益", "经济效益指标", "满意度", "服务对象满意度指标")
VALUES = ("≥95%", "=33人", "≤571万元", "不少于10条", "100%", "达标", "≥2.3万个", "10辆", "220")
BASES = ("计划标准", "历史标准", "行业标准")
GOAL_KW = {"long-term": ("长期目标", "总体目标", "long-term"), "annual": ("年度目标", "annual")}


def words(clean: bool, min_size: int = 1):
    alphabet = SAFE if clean else SAFE + SPECIAL
    text = st.text(alphabet, min_size=min_size, max_size=12)
    if clean:  # the form strips cells and cannot tell a name from a label of its own
        text = text.map(str.strip).filter(lambda t: len(t) >= min_size)
    return text


@st.composite
def layout(draw):
    """Whitespace choices for one line: (indent, space, colon)."""
    indent = draw(st.sampled_from(["", " ", "  ", "\t", "    ", "\u3000"]))
    space = draw(st.sampled_from([" ", "  ", "\t"]))
    colon = draw(st.sampled_from([":", "：", " :", ": ", ":  "]))
    return indent, space, colon


class Writer:
    """Writes a drawn structure as text, sprinkling comments; records comment texts in order."""

    def __init__(self, draw, messy: bool):
        self.draw, self.messy = draw, messy
        self.lines: list[str] = []
        self.comments: list[str] = []

    def comment(self) -> str:
        text = "#" + self.draw(st.text("注释 note#:{}“”", max_size=8)).rstrip()
        self.comments.append(text)
        return text

    def line(self, body: str) -> None:
        indent, space, _ = self.draw(layout()) if self.messy else ("", " ", ":")
        if self.messy and self.draw(st.integers(0, 5)) == 0:
            self.lines.append(indent + self.comment())
        if self.messy and self.draw(st.integers(0, 6)) == 0:
            self.lines.append("")
        trailing = ""
        if self.messy and self.draw(st.integers(0, 4)) == 0:
            trailing = space + self.comment()
        self.lines.append(indent + body + trailing)

    def name(self, text: str, bare_ok: bool) -> str:
        return text if bare_ok and not self.draw(st.booleans()) else quote(text)

    def colon(self) -> str:
        return self.draw(layout())[2] if self.messy else ": "


def _bare_name(text: str) -> bool:
    return not any(c in text for c in SPECIAL) and text == text.strip()


def _bare_value(text: str) -> bool:
    return not any(c in text for c in '#{};"\\') and text == text.strip() and text != ""


@st.composite
def indicator(draw, w: Writer, clean: bool):
    name = draw(words(clean))
    value = draw(st.sampled_from(VALUES) | words(clean, 0))
    attrs = []
    if draw(st.integers(0, 3)) == 0:
        attrs.append(f"依据 {draw(st.sampled_from(BASES))}")
    if not clean and draw(st.integers(0, 4)) == 0:
        attrs.append(f"分值 {draw(st.integers(0, 20))}")
    head = f"{w.name(name, _bare_name(name))}{w.colon()}{value if _bare_value(value) else quote(value)}"
    if attrs and w.messy and draw(st.booleans()):
        w.line(head + " {")
        for a in attrs:
            w.line(a)
        w.line("}")
    else:
        w.line(head + (" { " + "; ".join(attrs) + " }" if attrs else ""))
    return name


@st.composite
def goal(draw, w: Writer, clean: bool, kind: str, number: int, shared: bool):
    kw = draw(st.sampled_from(GOAL_KW[kind]))
    if shared:
        w.line(f"{kw} {number} 同 {draw(st.sampled_from(GOAL_KW['long-term']))} {number}")
        return
    text = draw(st.none() | words(clean, 0)) if not clean else draw(words(True, 0))
    w.line(f"{kw} {number}" + ("" if text is None else f" {quote(text)}") + " {")
    for _ in range(draw(st.integers(0 if not clean else 1, 3))):
        level1, level2 = draw(st.sampled_from(LEVEL1)), draw(st.sampled_from(LEVEL2))
        slash = draw(st.sampled_from([" / ", "/", " ／ "])) if w.messy else " / "
        w.line(f"{level1}{slash}{level2} {{")
        for _ in range(draw(st.integers(1 if clean else 0, 4))):
            draw(indicator(w, clean))
        w.line("}")
    w.line("}")


@st.composite
def project(draw, w: Writer, clean: bool):
    name = draw(words(clean))
    w.line(f"项目 {name if _bare_value(name) else quote(name)} {{")
    w.line(f"预算 {draw(st.integers(0, 10000))}")
    if draw(st.booleans()):
        w.line(f"主管部门 {draw(st.sampled_from(['鄂州市数据局', '财政局']))}")
    if draw(st.integers(0, 3)) == 0:
        w.line(f"字段 项目负责人{w.colon()}{draw(st.sampled_from(['彭兵', '张三']))}")
    long_terms = draw(st.integers(0 if not clean else 1, 2))
    for n in range(1, long_terms + 1):
        draw(goal(w, clean, "long-term", n, False))
    for n in range(1, draw(st.integers(0, 2)) + 1):
        draw(goal(w, clean, "annual", n, n <= long_terms and draw(st.booleans())))
    w.line("}")


@st.composite
def documents(draw, clean: bool = False):
    """(text, comment texts in file order)."""
    w = Writer(draw, messy=not clean)
    w.line(f"申报单位 {draw(st.sampled_from(['鄂州市数据局', '湘潭市环境卫生管理处']))}")
    if draw(st.booleans()):
        w.line("金额单位 万元")
    if draw(st.booleans()):
        w.line(f"表样 {draw(st.sampled_from(['批复表', '申报表']))}")
    if draw(st.booleans()):
        w.line(f"默认依据 {draw(st.sampled_from(BASES))}")
    for _ in range(draw(st.integers(1, 3))):
        draw(project(w, clean))
    if w.messy and draw(st.booleans()):
        w.lines.append(w.comment())
    return "\n".join(w.lines) + "\n", w.comments
