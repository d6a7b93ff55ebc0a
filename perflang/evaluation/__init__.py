"""Self-evaluation (绩效自评, `perflang eval`): the year's actuals read (actuals), a file's targets
scored against them by the scoring library of perflang/scoring/ (run), and the 自评表's data
(report) that every `eval --to` format of perflang/backends/ prints."""
