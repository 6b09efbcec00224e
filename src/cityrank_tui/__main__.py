"""`python -m cityrank_tui`: the same as the `cityrank-tui` command."""

import sys

from .cli import main

sys.exit(main())
