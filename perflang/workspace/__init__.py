"""Checking many files: finding them, the worker processes (-j) and the check cache."""
