"""perflang: a language and compiler for public-budget performance targets (项目支出绩效目标)."""

__version__ = "0.1.0"
