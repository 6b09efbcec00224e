"""cityrank-tui: a terminal browser for published city rankings."""

__version__ = "0.1.0"
