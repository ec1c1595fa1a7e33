"""Benchmarks of Smart Corner; see docs/benchmarks.md for results."""
