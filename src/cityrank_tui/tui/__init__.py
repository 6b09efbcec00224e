"""Textual UI: a thin layer over core and store."""
