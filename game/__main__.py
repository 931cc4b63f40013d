"""`python -m game` runs the same entry point as the `kdrama-quiz` script."""

import sys

from game.cli import main

sys.exit(main())
