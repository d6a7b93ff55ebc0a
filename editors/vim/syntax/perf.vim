" Vim syntax file
" Language:   perflang performance targets (.perf, 项目支出绩效目标)
" Generated:  by tests/test_vim.py from perflang/syntax/keywords.py and perflang/values.py;
"             do not edit by hand (python -m pytest tests/test_vim.py --update-goldens)
" Install:    copy to ~/.vim/syntax/perf.vim, and ftdetect/perf.vim to ~/.vim/ftdetect/

if exists("b:current_syntax")
  finish
endif

syn case match

" comments, and the codes a # noqa / # perflang: ignore[...] names
syn match perfComment "#.*$" contains=perfNoqa
syn match perfNoqa "\v(noqa|perflang:\s*ignore)(\s*[:\[]\s*[A-Za-z0-9, ]+\]?)?" contained

" quoted text (a string cannot span lines)
syn match perfString +"\([^"\\]\|\\.\)*"+

" block keywords at the start of a line
syn match perfProject "\v^(project|项目)\ze([ \t\u3000]|\")"
syn match perfGoal "\v^[ \t\u3000]*\zs(long-term|annual|实施期目标|中期目标|年度目标|总体目标|长期目标)\ze([ \t\u3000]|\{|\")"
syn match perfGoal "\v((same-as|同)[ \t\u3000]+)@<=(long-term|annual|实施期目标|中期目标|年度目标|总体目标|长期目标)\ze([ \t\u3000]|$)"
syn match perfSame "\v([ \t\u3000])@<=(same-as|同)\ze[ \t\u3000]"
syn match perfField "\v^[ \t\u3000]*\zs(funding|field|字段|资金)\ze[ \t\u3000]"
syn match perfSetting "\v^[ \t\u3000]*\zs(default-basis|implementer|department|category|scoring|项目支出实施期|budget|nature|period|status|主管预算部门|项目主管部门|项目实施单位|项目执行单位|项目起止时间|项目预算金额|money|项目实施期|form|unit|year|主管部门|填报单位|实施单位|执行单位|申报单位|评分方案|金额单位|项目属性|项目类别|项目金额|项目预算|预算金额|默认依据|项目期|年度|状态|表样|预算)\ze([ \t\u3000]|\"|$)"
syn match perfAttr "\v((\{|;)[ \t\u3000]*)@<=(explanation|last-year|weight|basis|指标解释|上年值|依据|分值|解释)\ze([ \t\u3000]|\"|;|\}|$)"
syn match perfAttr "\v^[ \t\u3000]*\zs(explanation|last-year|weight|basis|指标解释|上年值|依据|分值|解释)\ze([ \t\u3000]|\"|$)"

" 一级 / 二级 {
syn match perfGroup "\v^[ \t\u3000]*\zs[^ \t\u3000/／:：{}#\"]+[ \t\u3000]*[/／][ \t\u3000]*[^ \t\u3000/／:：{}#\"]+\ze[ \t\u3000]*\{"

" 三级指标: 指标值 — the name, the comparators, the numbers
syn match perfIndicator "\v^[ \t\u3000]*\zs[^ \t\u3000:：#{}\"][^:：#{}\"]*\ze[:：]"
syn match perfComparator "\v([:：][ \t\u3000]*)@<=(大于或等于|小于或等于|大于等于|小于等于|不低于|不多于|不大于|不小于|不少于|不超过|不高于|控制在|\<\=|\=\<|\=\=|\=\>|\>\=|低于|多于|大于|小于|少于|最多|等于|至少|超过|达到|高于|\<|\=|\>|≤|≥|≦|≧|超)"
syn match perfComparator "\v([0-9０-９%％][ \t\u3000]*)@<=(及其以上|及其以下|及以上|及以下|之内|以上|以下|以内|内)\ze[ \t\u3000]*($|\{|#)"
syn match perfNumber "\v([:：][ \t\u3000]*((大于或等于|小于或等于|大于等于|小于等于|不低于|不多于|不大于|不小于|不少于|不超过|不高于|控制在|\<\=|\=\<|\=\=|\=\>|\>\=|低于|多于|大于|小于|少于|最多|等于|至少|超过|达到|高于|\<|\=|\>|≤|≥|≦|≧|超)[ \t\u3000]*)?)@<=[0-9０-９][0-9０-９.．,，]*"

" full-width braces cannot delimit a block (PF110)
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
