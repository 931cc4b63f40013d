"""The big bundled deck, "K-drama couples": large enough to come back to, and complete.

Minimums, not exact counts, so adding a drama never breaks a test. Every person carries
the Hangul a fan types in practice, and every drama says where its facts were checked.
"""

from __future__ import annotations

import pytest

from game import paths
from game.core.deck import Deck, load_deck
from game.core.questions import count_questions

BIG_DECK = paths.bundle_root() / "data" / "kdrama-couples.yaml"

pytestmark = pytest.mark.skipif(not BIG_DECK.exists(), reason="the big deck is not bundled yet")


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(BIG_DECK)


def test_it_is_big_enough_to_come_back_to(deck: Deck) -> None:
    people = list(deck.people())
    assert len(deck.dramas) >= 40
    assert sum(1 for _ in deck.couples()) >= 60
    assert len({(drama.id, person.character) for drama, _c, person in people}) >= 150
    assert count_questions(deck) >= 1000


def test_it_spans_the_years_since_2004(deck: Deck) -> None:
    years = [drama.year for drama in deck.dramas]
    assert None not in years
    assert min(years) <= 2006 and max(years) >= 2023
    assert all(year >= 2004 for year in years)


def test_every_drama_says_where_its_facts_come_from(deck: Deck) -> None:
    missing = [drama.title for drama in deck.dramas if not drama.sources]
    assert missing == []


def test_every_title_character_and_actor_has_its_hangul(deck: Deck) -> None:
    missing = [d.title for d in deck.dramas if not d.hangul]
    missing += [
        f"{drama.title}: {person.character}"
        for drama, _couple, person in deck.people()
        if not person.hangul or not person.actor_hangul or not person.gender
    ]
    assert missing == []


def test_it_shares_no_drama_with_the_seed_deck(deck: Deck) -> None:
    seed = load_deck(paths.default_deck())
    assert {d.id for d in seed.dramas}.isdisjoint({d.id for d in deck.dramas})
