"""The scoring library: the self-evaluation rules and profiles (rules), the plan, the scorer
(core), the targets JSON as the scorer's data and the one list of keys an actual may use
(targets), the data-driven evaluator (evaluator), and the model as the scorer's data (spec),
below the checker, which builds on them.  rules, plan, core, targets and evaluator are the
stdlib-only library `build --to python` embeds (and the Java and JavaScript runtimes port)."""
