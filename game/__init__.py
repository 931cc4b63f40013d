"""K-Drama Couples Quiz: a desktop trivia game generated from a YAML deck."""

import os

# pygame greets on import; a game's own command line should not print someone else's banner.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
