"""The target contract for other systems: stable ids of projects, goals and indicators
(`ids`), and what changed between two versions of a file (`diff`, `perflang diff`, the
绩效目标调整表).  Reads the model only; the JSON backend and the evaluator's spec build on it."""
