"""Testing evaluators against perflang (docs/testing.md): Hypothesis strategies over the whole
input space and aimed at the edges of the rules, and a differential helper that shows the
smallest case where an evaluator of yours and perflang disagree.

    from perflang.testing import differential
    differential(my_evaluate)            # my_evaluate(targets, actuals) -> perflang-eval/2 (or part)

    from perflang.testing import documents, actuals_for, cases, edge_cases
    @given(cases())                      # a GeneratedCase: .text, .model, .profile, .targets, .actuals
    def test_mine(case): ...

Importing this package needs nothing more than perflang; drawing from a strategy needs
Hypothesis, a test extra: `pip install "perflang[test]"`.
"""

from __future__ import annotations

from .differential import FIELDS, DifferentialFailure, default_cases, differential, first_difference
from .edges import EDGES, edge_cases
from .space import (
    KEY_STYLES,
    GeneratedCase,
    actuals_json,
    builtin_combinations,
    case_from_text,
    cases,
    hostile_values,
    profiles,
    rich_actuals,
    rich_documents,
)
from .strategies import (
    OUTCOMES,
    GeneratedActuals,
    GeneratedDocument,
    actual_value,
    actuals_for,
    documents,
    names,
    possible,
    target_texts,
)

__all__ = [
    "GeneratedDocument",
    "GeneratedActuals",
    "GeneratedCase",
    "names",
    "target_texts",
    "documents",
    "actual_value",
    "actuals_for",
    "possible",
    "OUTCOMES",
    "profiles",
    "rich_documents",
    "rich_actuals",
    "cases",
    "case_from_text",
    "KEY_STYLES",
    "hostile_values",
    "actuals_json",
    "builtin_combinations",
    "edge_cases",
    "EDGES",
    "differential",
    "default_cases",
    "first_difference",
    "DifferentialFailure",
    "FIELDS",
]
