"""Importers: existing tables (the text export or an .xlsx of the form) read into .perf.

    sources.py  text / workbook -> rows of cell strings, each with where it came from
    form.py     rows -> ImportedDoc (projects, goals, indicator rows, what could not be placed)
    emit.py     ImportedDoc -> idiomatic .perf text (then formatted by perflang.formatter)
"""
