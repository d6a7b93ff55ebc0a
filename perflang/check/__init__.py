"""The checker: the Context every rule reads, the RULES tuple and its driver, the rule families."""
