"""What several screens build from the deck, built once per choice of decks.

On a 10,000-couple deck the practice cards, the name indexes behind judging typed answers and
the actor-to-roles table each take tens to hundreds of milliseconds to build, and every screen
used to build its own. They only change when the player chooses other decks, so they are
built on first use and kept until then.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from game.core.deck import Deck

if TYPE_CHECKING:
    from game.core.practice import Card
    from game.core.practice_answers import Answers

T = TypeVar("T")


class DeckCaches:
    """Values computed from one deck, by key; asking with another deck starts afresh."""

    def __init__(self) -> None:
        self._deck: Deck | None = None
        self._values: dict[Hashable, Any] = {}

    def clear(self) -> None:
        self._deck = None
        self._values.clear()

    def get(self, deck: Deck, key: Hashable, build: Callable[[], T]) -> T:
        if self._deck is not deck:
            self._values.clear()
            self._deck = deck
        if key not in self._values:
            self._values[key] = build()
        return self._values[key]

    def cards(self, deck: Deck, directions: Sequence[str]) -> list[Card]:
        """The practice cards for these directions (a list the caller must not change)."""
        from game.core.practice import cards_from_deck

        return self.get(
            deck, ("cards", tuple(directions)), lambda: cards_from_deck(deck, directions)
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

        def build() -> frozenset[tuple[str, str]]:
            seen: dict[tuple[str, str], set[str]] = {}
            for drama, _, person in deck.people():
                seen.setdefault((drama.id, person.actor), set()).add(person.character)
            return frozenset(pair for pair, roles in seen.items() if len(roles) > 1)

        return self.get(deck, "shared_roles", build)
