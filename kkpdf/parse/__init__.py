"""Parsers: source text to positioned trees (YAML) and blocks (chapter markup)."""
