"""Importers: existing tables (the text export or an .xlsx of the form) read into .perf.

sources.py  text / workbook -> rows of cell strings, each with where it came from
form.py     rows -> ImportedDoc: the page lines, project headers and goal texts
tables.py   the indicator tables: column headers, merged cells filled down, shifted rows
document.py ImportedDoc and its parts (projects, goals, rows, comments kept, notes)
emit.py     ImportedDoc -> idiomatic .perf text (then formatted by perflang.syntax.formatter)
convert.py  a file or a text -> .perf text, the written text checked (perflang/cli/importing.py
            prints it for `perflang import`)
"""
