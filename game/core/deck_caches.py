"""What several screens build from the deck, built once per choice of decks.

On a 10,000-couple deck the practice cards, the name indexes behind judging typed answers and
the actor-to-roles table each take tens to hundreds of milliseconds to build, and every screen
used to build its own. They only change when the player chooses other decks, so they are
built on first use and kept until then.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from game.core.deck import Deck

if TYPE_CHECKING:
    from game.core.practice import Card
    from game.core.practice_answers import Answers

T = TypeVar("T")


BIG_DECK_PEOPLE = 2_000  # characters from which a deck's objects make full collections slow


def settle(deck: Deck, *, collect: bool = False) -> None:
    """Take everything alive now out of the cycle collector's sight (`gc.freeze`), when the
    deck is big enough for it to matter.

    A 10,000-couple deck and the indexes built from it are millions of objects that live until
    the player chooses other decks. Left in the collector's oldest generation, each full
    collection walks all of them: 50-100 ms, a hitch in whichever frame happens to trigger
    one. Frozen objects are still freed when nothing refers to them any more, but garbage in
    reference cycles among them stays (a screen left behind, say): a small price once per
    choice of a big deck, and one a small deck (every test's) never pays.

    `collect`: collect first what is not frozen yet, so no cyclic garbage is frozen with the
    rest. Cheap when called often (a build settles after each slice): only what was made since
    the last call is looked at.
    """
    people = 0
    for drama in deck.dramas:
        people += 2 * len(drama.couples) + len(drama.characters)
        if people >= BIG_DECK_PEOPLE:
            if collect:
                gc.collect()
            gc.freeze()
            return


class DeckCaches:
    """Values computed from one deck, by key; asking with another deck starts afresh."""

    def __init__(self) -> None:
        self._deck: Deck | None = None
        self._values: dict[Hashable, Any] = {}

    def clear(self) -> None:
        """Forget the values: the player chose other decks (settled on first use)."""
        self._deck = None
        self._values.clear()

    def get(self, deck: Deck, key: Hashable, build: Callable[[], T]) -> T:
        if self._deck is not deck:
            self._values.clear()
            self._deck = deck
            settle(deck)
        if key not in self._values:
            self._values[key] = build()
            settle(deck)
        return self._values[key]

    def cards(self, deck: Deck, directions: Sequence[str]) -> list[Card]:
        """The practice cards for these directions (a list the caller must not change)."""
        from game.core.practice import cards_from_deck

        return self.get(
            deck,
            ("cards", tuple(directions)),
            lambda: cards_from_deck(deck, directions, shared=self.shared_roles(deck)),
        )

    def card_ids(self, deck: Deck, directions: Sequence[str]) -> list[str]:
        """The ids of those cards, cheaper when only counting."""
        from game.core.practice import card_ids

        return self.get(deck, ("card_ids", tuple(directions)), lambda: card_ids(deck, directions))

    def answers(self, deck: Deck) -> Answers:
        """The name indexes that judge typed answers and pick easy-mode options."""
        from game.core.practice_answers import Answers

        return self.get(deck, "answers", lambda: Answers(deck))

    def actor_roles(self, deck: Deck) -> dict[str, tuple[str, ...]]:
        from game.core.stats import actor_roles

        return self.get(deck, "actor_roles", lambda: actor_roles(deck))

    def shared_roles(self, deck: Deck) -> frozenset[tuple[str, str]]:
        """(drama id, actor) pairs where the actor plays more than one character."""
        from game.core.practice import shared_roles

        return self.get(deck, "shared_roles", lambda: shared_roles(deck))
