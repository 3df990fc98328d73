"""Evaluating ExeDec (or the baseline) over a split: sharded, resumable, merged."""
