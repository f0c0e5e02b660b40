"""Proofreading: what a draft marks, what changed between two versions of the sources."""
