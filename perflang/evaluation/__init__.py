"""Self-evaluation (绩效自评): the scoring rules (stdlib only: the generated evaluator embeds
them), the plan, the model as the scorer's data, actuals, the 自评表 report and `perflang eval`."""
