"""The Vim syntax file (editors/vim/syntax/perf.vim) is generated from the one keyword table
(perflang/syntax/keywords.py) and the comparators of perflang/values.py: this test writes what it
must hold and fails when the file differs (`python -m pytest tests/test_vim.py --update-goldens`
writes it; review the diff).  Vim itself then reads it: each kind of word of a real file gets the
highlight group it should (Vim runs headless; in CI it must be there)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ROOT, SEED_EXAMPLE, check_golden
from vscodetools import in_ci

from perflang.syntax.keywords import ATTRS, BLOCKS, GOALS, SETTINGS, spellings, words
from perflang.values import _PREFIX, _SUFFIX

VIM = ROOT / "editors" / "vim"
SYNTAX = VIM / "syntax" / "perf.vim"


_MAGIC = set("<>=%{}()|+?@~^$.*[]/\\")  # what a very magic (\\v) pattern reads as an operator


def _alternation(items) -> str:
    """Vim's very magic alternation of words, longest first, every operator character escaped
    (`<=` is a comparator, not the start of a word and an optional atom)."""
    out = sorted(set(items), key=lambda s: (-len(s), s))
    return "(" + "|".join("".join("\\" + c if c in _MAGIC else c for c in w) for w in out) + ")"


def vim_syntax() -> str:
    ws = r"[ \t\u3000]"
    project = _alternation(words("project"))
    goal = _alternation(spellings(GOALS))
    same = _alternation(words("same"))
    field = _alternation(words("field") + words("funding"))
    setting = _alternation(spellings(SETTINGS))
    attr = _alternation(spellings(ATTRS))
    before = _alternation(w for w, _ in _PREFIX)
    after = _alternation(w for w, _ in _SUFFIX)
    kinds = {k.key for k in BLOCKS}  # the blocks of the language this file knows
    assert kinds == {"project", "field", "funding", "same"}, "a new block keyword: give it a rule here"
    return f"""\" Vim syntax file
\" Language:   perflang performance targets (.perf, 项目支出绩效目标)
\" Generated:  by tests/test_vim.py from perflang/syntax/keywords.py and perflang/values.py;
\"             do not edit by hand (python -m pytest tests/test_vim.py --update-goldens)
\" Install:    copy to ~/.vim/syntax/perf.vim, and ftdetect/perf.vim to ~/.vim/ftdetect/

if exists("b:current_syntax")
  finish
endif

syn case match

\" comments, and the codes a # noqa / # perflang: ignore[...] names
syn match perfComment "#.*$" contains=perfNoqa
syn match perfNoqa "\\v(noqa|perflang:\\s*ignore)(\\s*[:\\[]\\s*[A-Za-z0-9, ]+\\]?)?" contained

\" quoted text (a string cannot span lines)
syn match perfString +"\\([^"\\\\]\\|\\\\.\\)*"+

\" block keywords at the start of a line
syn match perfProject "\\v^{project}\\ze({ws}|\\")"
syn match perfGoal "\\v^{ws}*\\zs{goal}\\ze({ws}|\\{{|\\")"
syn match perfGoal "\\v({same}{ws}+)@<={goal}\\ze({ws}|$)"
syn match perfSame "\\v({ws})@<={same}\\ze{ws}"
syn match perfField "\\v^{ws}*\\zs{field}\\ze{ws}"
syn match perfSetting "\\v^{ws}*\\zs{setting}\\ze({ws}|\\"|$)"
syn match perfAttr "\\v((\\{{|;){ws}*)@<={attr}\\ze({ws}|\\"|;|\\}}|$)"
syn match perfAttr "\\v^{ws}*\\zs{attr}\\ze({ws}|\\"|$)"

\" 一级 / 二级 {{
syn match perfGroup "\\v^{ws}*\\zs[^ \\t\\u3000/／:：{{}}#\\"]+{ws}*[/／]{ws}*[^ \\t\\u3000/／:：{{}}#\\"]+\\ze{ws}*\\{{"

\" 三级指标: 指标值 — the name, the comparators, the numbers
syn match perfIndicator "\\v^{ws}*\\zs[^ \\t\\u3000:：#{{}}\\"][^:：#{{}}\\"]*\\ze[:：]"
syn match perfComparator "\\v([:：]{ws}*)@<={before}"
syn match perfComparator "\\v([0-9０-９%％]{ws}*)@<={after}\\ze{ws}*($|\\{{|#)"
syn match perfNumber "\\v([:：]{ws}*({before}{ws}*)?)@<=[0-9０-９][0-9０-９.．,，]*"

\" full-width braces cannot delimit a block (PF110)
syn match perfError "[｛｝]"

hi def link perfComment Comment
hi def link perfNoqa SpecialComment
hi def link perfString String
hi def link perfProject Structure
hi def link perfGoal Structure
hi def link perfSame Keyword
hi def link perfField Keyword
hi def link perfSetting Keyword
hi def link perfAttr Keyword
hi def link perfGroup Type
hi def link perfIndicator Identifier
hi def link perfComparator Operator
hi def link perfNumber Number
hi def link perfError Error

let b:current_syntax = "perf"
"""


def test_the_syntax_file_is_generated_from_the_keyword_table(update_goldens):
    check_golden(SYNTAX, vim_syntax(), update_goldens)
    assert (VIM / "ftdetect" / "perf.vim").read_text(encoding="utf-8").strip() == (
        "autocmd BufRead,BufNewFile *.perf setfiletype perf"
    )


def _vim() -> str:
    vim = shutil.which("vim")
    if vim is None:
        if in_ci():
            pytest.fail("vim is not installed (CI must have it)")
        pytest.skip("vim is not installed")
    return vim


def test_vim_highlights_a_real_file(tmp_path):
    """Vim (headless) loads the syntax file on the seed example: the group of the word at each
    probe is the one it should be."""
    vim = _vim()
    text = SEED_EXAMPLE.read_text(encoding="utf-8").replace("确保优化", "确保优化  # noqa: PF408", 1)
    path = tmp_path / "x.perf"
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")

    def at(needle: str, word: str, nth: int = 0) -> tuple[int, int]:
        no = [i for i, line in enumerate(lines) if needle in line][nth]
        return no + 1, len(lines[no][: lines[no].index(word, lines[no].index(needle))].encode("utf-8")) + 1

    probes = {
        at("申报单位", "申报单位"): "perfSetting",
        at("项目 政务服务工作", "项目"): "perfProject",
        at("  预算 571", "预算"): "perfSetting",
        at('长期目标 1 "以', "长期目标"): "perfGoal",
        at('长期目标 1 "以', '"以'): "perfString",
        at("年度目标 1 同 长期目标 1", "同"): "perfSame",
        at("年度目标 1 同 长期目标 1", "长期目标"): "perfGoal",
        at("成本 / 经济成本", "成本"): "perfGroup",
        at("项目成本: ≤571万元", "项目成本"): "perfIndicator",
        at("项目成本: ≤571万元", "≤"): "perfComparator",
        at("项目成本: ≤571万元", "571"): "perfNumber",
        at("# 鄂州市数据局", "#"): "perfComment",
        at("# noqa: PF408", "noqa"): "perfNoqa",
        at("不少于10条", "不少于"): "perfComparator",
    }
    script = tmp_path / "probe.vim"
    out = tmp_path / "out.txt"
    commands = [f"set runtimepath^={VIM.as_posix()}", "syntax on", "filetype on", f"edit {path.as_posix()}"]
    commands += [f"call add(g:got, synIDattr(synID({line}, {col}, 1), 'name'))" for (line, col) in probes]
    script.write_text(
        "let g:got = []\n" + "\n".join(commands) + f"\ncall writefile(g:got, '{out.as_posix()}')\nqa!\n",
        encoding="utf-8",
    )
    subprocess.run([vim, "-N", "-u", "NONE", "-i", "NONE", "-es", "-S", str(script)], timeout=60, check=False)
    got = out.read_text(encoding="utf-8").split("\n")[: len(probes)]
    assert dict(zip(probes, got)) == probes
