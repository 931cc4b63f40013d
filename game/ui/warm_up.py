"""What the title screen gets ready while the player reads it.

The first time a screen opens, its module is imported and, on a big deck, it builds tables
from the whole deck: on a 10,000-couple deck statistics and practice each spent over 100 ms
on theirs, a classic set-up nearly 200 ms on the question index, and the first typed
practice answer waited for the half-second name index. A player looks at the title for a
second or more before choosing, so the title does that work then, a few milliseconds a
frame (`SLICE`), cheapest screens first. Everything lands in the caches the screens already
use (`ctx.caches`, the shared question index), so a screen opened before its turn simply
builds what is still missing, as it did before.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from game.core.deck import Deck
from game.core.gradual import Gradual, Steps

if TYPE_CHECKING:
    from game.ui.app import Context

SLICE = 0.010  # seconds of a title frame given to the warm-up (a frame is 16.7 ms)
# Screens reached from the title, cheapest to get ready first. Party mode is left out: it
# starts a server, which is no work to do in advance.
SCREENS = ("setup", "question", "board", "highscores", "settings", "decks", "daily", "stats",
           "practice", "mastery")


class WarmUp:
    """The warm-up for the deck being played; a new choice of decks starts it again."""

    def __init__(self) -> None:
        self._deck: Deck | None = None
        self._work: Gradual[None] | None = None

    def advance(self, ctx: Context, seconds: float) -> bool:
        """Do about `seconds` of what is left; True once everything is ready."""
        if self._deck is not ctx.deck or self._work is None:
            self._deck, self._work = ctx.deck, Gradual(_steps(ctx))
        return self._work.advance(seconds)


def _steps(ctx: Context) -> Steps[None]:
    modules = []
    for screen in SCREENS:
        modules.append(importlib.import_module(f"game.ui.scenes.{screen}"))
        yield
    for module in modules:
        prepare = getattr(module, "prepare", None)
        if prepare is not None:
            yield from prepare(ctx)
