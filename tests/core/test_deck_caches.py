"""A big deck is taken out of the cycle collector's sight; a small one (every test's) is not."""

from __future__ import annotations

import gc

from game.core.deck import load_deck
from game.core.deck_caches import BIG_DECK_PEOPLE, DeckCaches, settle
from game.core.synthetic import synthetic_deck
from game.paths import default_deck


def test_only_a_big_deck_is_frozen_and_cached_values_follow_the_deck():
    small, big = load_deck(default_deck()), synthetic_deck(BIG_DECK_PEOPLE // 2 + 10, seed=1)
    gc.unfreeze()
    try:
        settle(small, collect=True)
        assert gc.get_freeze_count() == 0  # a small deck's screens never leak a frozen cycle
        caches = DeckCaches()
        cards = caches.cards(big, ("actor",))
        assert gc.get_freeze_count() > 0  # the big deck and its cards, out of sight
        assert caches.cards(big, ("actor",)) is cards
        assert caches.cards(small, ("actor",)) is not cards  # another deck starts afresh
    finally:
        gc.unfreeze()
