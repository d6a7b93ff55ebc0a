"""Checking many files: the sequential driver (parallelism and caching hook in here)."""

from __future__ import annotations

from pathlib import Path

from .api import Result, compile_file
from .config import find_config

__all__ = ["check_files"]


def check_files(files: list[Path], jobs: int = 0, use_cache: bool = True) -> list[Result]:
    return [compile_file(f, find_config(f)) for f in files]
