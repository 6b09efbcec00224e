"""`python -m cityrank_tui`: the same entry point as the `cityrank-tui` command (and the command
`cityrank-tui serve` runs for each browser session)."""

from .cli import main

raise SystemExit(main())
