"""Exact-replay random task generators for every domain, experiment and split."""
