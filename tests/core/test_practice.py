"""Leitner practice: boxes, due dates, missed cards coming back, and progress that survives."""

from __future__ import annotations

import json
from collections.abc import Set
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.deck import load_deck
from game.core.practice import (
    Card,
    CardState,
    PracticeSession,
    Progress,
    cards_from_deck,
)
from game.paths import default_deck

DAY = date(2024, 5, 1)


@pytest.fixture(scope="module")
def deck():
    return load_deck(default_deck())


@pytest.fixture(scope="module")
def cards(deck) -> list[Card]:
    return cards_from_deck(deck)


def by_id(cards: list[Card], card_id: str) -> Card:
    return next(card for card in cards if card.id == card_id)


def play(session: PracticeSession, wrong: Set[str] = frozenset()) -> list[str]:
    """Answer every card the session offers (wrong for the ids in `wrong`, once each)."""
    asked: list[str] = []
    missed: set[str] = set()
    while (card := session.next_card()) is not None:
        asked.append(card.id)
        correct = card.id not in wrong or card.id in missed
        if not correct:
            missed.add(card.id)
        session.answer(card, correct)
    return asked


def test_cards_from_the_bundled_deck(deck, cards):
    assert len(cards) == sum(1 for _ in deck.people())
    holo = by_id(cards, "actor:my-holo-love:Holo")
    assert holo.answer == "Yoon Hyun-min"
    assert holo.direction == "actor" and holo.gender == "male"
    gang_tae = by_id(cards, "actor:its-okay-to-not-be-okay:Moon Gang-tae")
    assert gang_tae.prompt == (
        "Who plays Moon Gang-tae (a psychiatric-ward carer who puts himself last) "
        "in It's Okay to Not Be Okay?"
    )


def test_character_cards_name_the_role_only_when_the_actor_has_two(deck):
    both = cards_from_deck(deck, ("actor", "character"))
    assert len(both) == 2 * len(cards_from_deck(deck)) == len({card.id for card in both})
    holo = by_id(both, "character:my-holo-love:Holo")
    assert holo.answer == "Holo"
    assert holo.prompt == (
        "Whom does Yoon Hyun-min play in My Holo Love "
        "(an artificial-intelligence assistant seen through smart glasses)?"
    )
    gang_tae = by_id(both, "character:its-okay-to-not-be-okay:Moon Gang-tae")
    assert gang_tae.prompt == "Whom does Kim Soo-hyun play in It's Okay to Not Be Okay?"


def test_an_unknown_direction_is_an_error(deck):
    with pytest.raises(ValueError, match="drama"):
        cards_from_deck(deck, ("drama",))


def test_a_card_climbs_one_box_per_right_answer_and_waits_longer(cards):
    card = cards[0]
    progress = Progress()
    today = DAY
    for box, days in [(1, 1), (2, 2), (3, 4), (4, 8), (5, 16), (5, 16)]:
        session = PracticeSession([card], progress, today=today, seed=1)
        assert session.next_card() == card
        state = session.answer(card, True)
        assert (state.box, state.due) == (box, today + timedelta(days=days))
        assert (
            PracticeSession([card], progress, today=state.due - timedelta(days=1)).next_card()
            is None
        )
        today = state.due
    assert (state.seen, state.correct) == (6, 6)


def test_a_missed_card_drops_to_box_one_and_comes_back_after_three_others(cards):
    progress = Progress({card.id: CardState(3, DAY, 4, 4) for card in cards[:6]})
    session = PracticeSession(cards[:6], progress, today=DAY, seed=3)
    first = session.next_card()
    state = session.answer(first, False)
    assert (state.box, state.due, state.seen, state.correct) == (1, DAY, 5, 4)
    others = []
    while (card := session.next_card()) != first:
        others.append(card)
        session.answer(card, True)
    assert len(others) == 3
    again = session.answer(first, True)
    # Recalled minutes after a miss: still box 1, due tomorrow rather than in two days.
    assert (again.box, again.due, again.seen, again.correct) == (1, DAY + timedelta(days=1), 6, 5)
    assert first.id not in play(session)


def test_a_missed_card_comes_back_sooner_when_nothing_else_is_left(cards):
    session = PracticeSession(cards[:2], Progress(), today=DAY, seed=0)
    first = session.next_card()
    session.answer(first, False)
    second = session.next_card()
    assert second != first
    session.answer(second, True)
    assert session.next_card() == first
    session.answer(first, False)
    assert session.next_card() == first  # missed again, and still nothing else to ask
    session.answer(first, True)
    assert session.next_card() is None
    assert session.reviewed == 4 and session.remaining == 0


def test_a_zero_gap_asks_a_missed_card_again_at_once(cards):
    session = PracticeSession(cards[:4], Progress(), today=DAY, seed=0, relearn_gap=0)
    first = session.next_card()
    session.answer(first, False)
    assert session.next_card() == first
    with pytest.raises(ValueError):
        PracticeSession(cards, Progress(), today=DAY, relearn_gap=-1)


def test_due_cards_come_first_most_overdue_and_lowest_box_first_then_new_cards(cards):
    a, b, c, d, e, f = cards[:6]
    progress = Progress(
        {
            a.id: CardState(4, DAY - timedelta(days=1), 5, 5),
            b.id: CardState(2, DAY - timedelta(days=1), 3, 2),
            c.id: CardState(1, DAY - timedelta(days=9), 1, 0),
            d.id: CardState(5, DAY + timedelta(days=3), 9, 9),  # not due yet
        }
    )
    session = PracticeSession([a, b, c, d, e, f], progress, today=DAY, seed=5)
    asked = play(session)
    assert asked[:3] == [c.id, b.id, a.id]
    assert set(asked[3:]) == {e.id, f.id}
    assert d.id not in asked


def test_next_card_keeps_offering_the_same_card_until_it_is_answered(cards):
    session = PracticeSession(cards, Progress(), today=DAY, seed=2)
    card = session.next_card()
    assert session.next_card() == card and session.reviewed == 0
    session.answer(card, True)
    assert session.next_card() != card and session.reviewed == 1


def test_a_seed_makes_the_order_reproducible(deck):
    many = cards_from_deck(deck, ("actor", "character"))
    runs = [play(PracticeSession(many, Progress(), today=DAY, seed=seed)) for seed in (7, 7, 8)]
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
    assert sorted(runs[0]) == sorted(card.id for card in many)


def test_progress_counts_due_cards_and_mastery(cards):
    a, b, c = cards[:3]
    progress = Progress()
    assert progress.due_count(cards, DAY) == len(cards)
    progress.record(a.id, CardState(3, DAY + timedelta(days=2), 3, 3))
    progress.record(b.id, CardState(1, DAY, 2, 1))
    assert progress.due_count(cards, DAY) == len(cards) - 1
    assert progress.due_count(cards, DAY + timedelta(days=2)) == len(cards)
    assert progress.mastery([a, b, c]) == [(a, 3), (b, 1), (c, 0)]


def test_progress_round_trips_through_json(cards):
    progress = Progress()
    session = PracticeSession(cards, progress, today=DAY, seed=4)
    play(session, wrong={cards[0].id, cards[3].id})
    text = json.dumps(progress.to_json())
    restored, warnings = Progress.from_json(json.loads(text))
    assert warnings == []
    assert restored.to_json() == progress.to_json()
    for card in cards:
        assert restored.state(card.id) == progress.state(card.id)
    assert restored.state(cards[0].id).box == 1
    assert restored.state(cards[1].id).box == 1 and restored.state(cards[1].id).correct == 1


@pytest.mark.parametrize("data", [None, [], "progress", 3, {"cards": [1, 2]}, {"format": 99}])
def test_unreadable_progress_starts_afresh_with_one_warning(data):
    progress, warnings = Progress.from_json(data)
    assert progress.to_json()["cards"] == {}
    assert len(warnings) == 1 and "practice progress" in warnings[0]


def test_bad_entries_are_skipped_one_warning_each():
    good = {"box": 2, "due": "2024-05-03", "seen": 2, "correct": 2}
    data = {
        "format": 1,
        "cards": {
            "good": good,
            "box-too-high": {**good, "box": 6},
            "box-is-true": {**good, "box": True},
            "no-due": {"box": 1, "seen": 0, "correct": 0},
            "bad-date": {**good, "due": "31/05/2024"},
            "more-right-than-seen": {**good, "correct": 3},
            "negative-seen": {**good, "seen": -1},
            "a-list": [1, 2],
        },
    }
    progress, warnings = Progress.from_json(data)
    assert progress.state("good") == CardState(2, date(2024, 5, 3), 2, 2)
    assert len(warnings) == 7
    for card_id in data["cards"]:
        if card_id != "good":
            assert progress.state(card_id) is None
            assert sum(card_id in warning for warning in warnings) == 1, card_id


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
entries = st.fixed_dictionaries(
    {},
    optional={
        "box": json_values | st.integers(0, 6),
        "due": json_values | st.dates().map(date.isoformat),
        "seen": json_values | st.integers(-1, 5),
        "correct": json_values | st.integers(-1, 5),
    },
)


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(
        json_values,
        st.fixed_dictionaries(
            {"cards": st.dictionaries(st.text(max_size=8), entries | json_values, max_size=5)}
        ),
    )
)
def test_from_json_never_raises_and_keeps_only_sound_states(data):
    progress, warnings = Progress.from_json(data)
    assert all(isinstance(warning, str) for warning in warnings)
    kept = progress.to_json()["cards"]
    if isinstance(data, dict) and isinstance(data.get("cards"), dict):
        assert len(kept) + len(warnings) == len(data["cards"])
    for state in kept.values():
        assert 1 <= state["box"] <= 5 and 0 <= state["correct"] <= state["seen"]
