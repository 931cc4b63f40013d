"""Practice cards made when looked at: the same cards, in the same order, as made at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from game.core.practice import Card, CardList, PracticeSession, Progress, cards_from_deck
from game.core.scheduler import Rating
from game.core.synthetic import synthetic_deck

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_cards_are_made_when_looked_at_and_are_the_same_each_time():
    cards = cards_from_deck(synthetic_deck(50, seed=1), ("actor", "character"))
    assert isinstance(cards, CardList)
    assert len(cards.ids) == len(cards) == len(set(cards.ids))
    first = cards[3]
    assert isinstance(first, Card) and first.id == cards.ids[3]
    assert cards[3] is first
    assert cards[2:5] == [cards[2], cards[3], cards[4]]
    every = list(cards)
    assert [card.id for card in every] == cards.ids
    assert every[3] is first and list(cards) == every


def test_a_session_asks_the_same_cards_from_a_card_list_as_from_a_plain_list():
    deck = synthetic_deck(60, seed=2)
    progress = Progress()
    warm = PracticeSession(cards_from_deck(deck), progress, now=NOW - timedelta(days=3), seed=4)
    for _ in range(15):  # some cards answered before, so some are due and some new
        card = warm.next_card()
        warm.review(card, Rating.GOOD if len(card.id) % 3 else Rating.AGAIN)

    def asked(cards) -> list[str]:
        session = PracticeSession(cards, Progress(dict(progress.items())), now=NOW, seed=9)
        seen = []
        for turn in range(40):
            card = session.next_card()
            seen.append(card.id)
            session.review(card, Rating.AGAIN if turn % 4 == 0 else Rating.GOOD)
        return seen

    lazy = cards_from_deck(deck)
    assert asked(lazy) == asked(list(cards_from_deck(deck)))
    made = sum(1 for i in range(len(lazy)) if lazy._made[i] is not None)
    assert made < len(lazy) // 2  # only the cards the sitting reached were made
