"""FSRS practice: due times, missed cards coming back, a month replayed, progress that survives
(and Leitner progress carried over)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Set
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.deck import load_deck
from game.core.practice import (
    Card,
    CardState,
    PracticeSession,
    Progress,
    card_column,
    cards_from_deck,
    due_today,
    forecast,
    is_due_today,
)
from game.core.scheduler import (
    LEITNER_DAYS,
    TOP_LEVEL,
    FsrsScheduler,
    Rating,
    rate,
    start_of_day,
)
from game.paths import default_deck

DAY = date(2024, 5, 1)
NOW = start_of_day(DAY) + timedelta(hours=9)  # local time, as the player sees it


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


def review_state(days: float, *, due: datetime, seen: int = 3, correct: int = 3) -> CardState:
    """A card under review with a stability of `days`, last seen `days` before `due`."""
    return CardState(
        "review", due, float(days), 5.0, None, due - timedelta(days=days), seen, correct
    )


def test_a_month_of_answers_grows_intervals_for_right_and_collapses_them_for_misses(cards):
    """Replay 30 days with a fake clock: each day, answer what is due; one card is always
    known, one is missed on every third review. The known card's gaps keep growing; each
    miss brings the other back the same day and its next gap is shorter than before."""
    known, shaky = cards[0], cards[1]
    progress = Progress()
    gaps: dict[str, list[float]] = {known.id: [], shaky.id: []}
    reviews = {known.id: 0, shaky.id: 0}
    missed_then: list[tuple[float, float]] = []  # (gap before the miss, gap after relearning)
    for day in range(30):
        now = NOW + timedelta(days=day)
        session = PracticeSession([known, shaky], progress, now=now, seed=day)
        while (card := session.next_card()) is not None:
            before = progress.state(card.id)
            reviews[card.id] += 1
            right = card is known or reviews[card.id] % 3 != 0
            state = session.answer(card, right, seconds=8.0, now=now)
            gap = (state.due - now).total_seconds() / 86400
            if not right:
                assert is_due_today(state, now) and session.next_card() == card
                previous = (before.due - before.last_review).total_seconds() / 86400
                again = session.answer(card, True, seconds=8.0, now=now + timedelta(minutes=2))
                missed_then.append((previous, (again.due - now).total_seconds() / 86400))
                continue
            gaps[card.id].append(gap)
            now += timedelta(minutes=1)
    known_gaps = gaps[known.id]
    assert len(known_gaps) >= 3
    assert all(later > earlier for earlier, later in itertools.pairwise(known_gaps))
    assert known_gaps[-1] >= 14
    assert missed_then and all(after < before for before, after in missed_then)
    state = progress.state(known.id)
    assert (state.seen, state.correct) == (len(known_gaps), len(known_gaps))


def test_a_missed_card_is_due_again_today_and_comes_back_after_three_others(cards):
    progress = Progress({card.id: review_state(4, due=NOW) for card in cards[:6]})
    session = PracticeSession(cards[:6], progress, now=NOW, seed=3)
    first = session.next_card()
    state = session.answer(first, False)
    assert state.phase == "relearning" and is_due_today(state, NOW)
    assert (state.seen, state.correct) == (4, 3)
    others = []
    while (card := session.next_card()) != first:
        others.append(card)
        session.answer(card, True)
    assert len(others) == 3
    again = session.answer(first, True, seconds=30.0)  # slow, but a card being relearnt
    assert again.phase == "review" and not is_due_today(again, NOW)
    assert (again.seen, again.correct) == (5, 4)
    assert first.id not in play(session)


def test_a_missed_card_comes_back_sooner_when_nothing_else_is_left(cards):
    session = PracticeSession(cards[:2], Progress(), now=NOW, seed=0)
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
    session = PracticeSession(cards[:4], Progress(), now=NOW, seed=0, relearn_gap=0)
    first = session.next_card()
    session.answer(first, False)
    assert session.next_card() == first
    with pytest.raises(ValueError, match="relearn_gap cannot be negative"):
        PracticeSession(cards, Progress(), now=NOW, relearn_gap=-1)


def test_due_cards_come_first_most_overdue_and_least_stable_first_then_new_cards(cards):
    a, b, c, d, e, f = cards[:6]
    yesterday = NOW - timedelta(days=1)
    progress = Progress(
        {
            a.id: review_state(8, due=yesterday),
            b.id: review_state(2, due=yesterday),
            c.id: review_state(1, due=NOW - timedelta(days=9)),
            d.id: review_state(16, due=NOW + timedelta(days=3)),  # not due yet
        }
    )
    session = PracticeSession([a, b, c, d, e, f], progress, now=NOW, seed=5)
    asked = play(session)
    assert asked[:3] == [c.id, b.id, a.id]
    assert set(asked[3:]) == {e.id, f.id}
    assert d.id not in asked


def test_next_card_keeps_offering_the_same_card_until_it_is_answered(cards):
    session = PracticeSession(cards, Progress(), now=NOW, seed=2)
    card = session.next_card()
    assert session.next_card() == card and session.reviewed == 0
    session.answer(card, True)
    assert session.next_card() != card and session.reviewed == 1


def test_a_seed_makes_the_order_reproducible(deck):
    many = cards_from_deck(deck, ("actor", "character"))
    runs = [play(PracticeSession(many, Progress(), now=NOW, seed=seed)) for seed in (7, 7, 8)]
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
    assert sorted(runs[0]) == sorted(card.id for card in many)


@pytest.mark.parametrize(
    ("correct", "seconds", "learning", "exact", "chosen", "rating"),
    [
        (False, 1.0, False, True, False, Rating.AGAIN),
        (True, 3.0, False, True, False, Rating.EASY),
        (True, 3.0, False, False, False, Rating.HARD),  # a forgiven typo
        (True, 9.0, False, True, False, Rating.GOOD),
        (True, 40.0, False, True, False, Rating.HARD),
        (True, 40.0, True, True, False, Rating.GOOD),  # a new card is never "hard"
        (True, 3.0, True, True, False, Rating.EASY),
        (True, 3.0, False, True, True, Rating.GOOD),  # chosen from four: never "easy"
    ],
)
def test_an_answer_is_rated_from_right_or_wrong_and_the_time_taken(
    correct, seconds, learning, exact, chosen, rating
):
    assert rate(correct, seconds, learning=learning, exact=exact, chosen=chosen) == rating


def test_due_today_new_cards_and_the_seven_day_forecast(cards):
    a, b, c, d = cards[:4]
    progress = Progress()
    assert due_today(progress, cards, NOW) == 0  # new cards are new, not due
    progress.record(a.id, review_state(3, due=NOW + timedelta(days=2)))
    progress.record(b.id, review_state(1, due=NOW - timedelta(days=4)))  # overdue: today
    progress.record(c.id, review_state(1, due=NOW + timedelta(hours=5)))  # later today
    progress.record(d.id, review_state(30, due=NOW + timedelta(days=30)))
    assert due_today(progress, cards, NOW) == 2
    assert forecast(progress, cards, NOW) == [2, 0, 1, 0, 0, 0, 0]
    assert due_today(progress, cards, NOW + timedelta(days=2)) == 3


def test_retrievability_falls_with_time_and_is_ninety_percent_at_the_stability():
    scheduler = FsrsScheduler()
    state = review_state(10, due=NOW)
    assert scheduler.retrievability(None, NOW) == 0.0
    assert scheduler.retrievability(state, state.last_review) == pytest.approx(1.0)
    assert scheduler.retrievability(state, NOW) == pytest.approx(0.9, abs=0.01)
    later = [scheduler.retrievability(state, NOW + timedelta(days=d)) for d in (10, 30, 90)]
    assert 0.9 > later[0] > later[1] > later[2] > 0
    assert [review_state(days, due=NOW).level for days in (0.5, 2, 7, 21, 60, 365)] == [
        1,
        2,
        3,
        4,
        TOP_LEVEL,
        TOP_LEVEL,
    ]


def test_progress_round_trips_through_json_card_by_card(cards):
    progress = Progress()
    session = PracticeSession(cards, progress, now=NOW, seed=4)
    play(session, wrong={cards[0].id, cards[3].id})
    text = json.dumps(progress.to_json())
    restored, warnings = Progress.from_json(json.loads(text))
    assert warnings == []
    assert restored.to_json() == progress.to_json()
    for card in cards:
        state = progress.state(card.id)
        assert restored.state(card.id) == state
        assert CardState.from_json(json.loads(json.dumps(state.to_json()))) == state
    assert restored.state(cards[0].id).correct == 1 and restored.state(cards[0].id).seen == 2


def test_leitner_progress_is_carried_over_with_every_card_and_a_matching_schedule(cards):
    """A practice.json from the Leitner version: every card is kept, due on the same day,
    with a stability equal to its box's interval and its answer counts unchanged."""
    old = {
        "format": 1,
        "cards": {
            card.id: {
                "box": box,
                "due": (DAY + timedelta(days=box - 2)).isoformat(),
                "seen": 2 * box,
                "correct": box,
            }
            for card, box in zip(cards, [1, 2, 3, 4, 5] * 4, strict=False)
        },
    }
    progress, warnings = Progress.from_json(old)
    assert warnings == []
    assert {card_id for card_id, _ in progress.items()} == set(old["cards"])
    for card_id, entry in old["cards"].items():
        state = progress.state(card_id)
        assert state.phase == "review" and state.stability == LEITNER_DAYS[entry["box"]]
        assert state.due.date() == date.fromisoformat(entry["due"])
        assert (state.seen, state.correct) == (entry["seen"], entry["correct"])
    # Due today exactly where the boxes said so: due on or before DAY.
    was_due = sum(date.fromisoformat(e["due"]) <= DAY for e in old["cards"].values())
    assert due_today(progress, cards, NOW) == was_due
    again, _ = Progress.from_json(progress.to_json())  # and it stays carried over
    assert again.to_json() == progress.to_json()


@pytest.mark.parametrize("data", [None, [], "progress", 3, {"cards": [1, 2]}, {"format": 99}])
def test_unreadable_progress_starts_afresh_with_one_warning(data):
    progress, warnings = Progress.from_json(data)
    assert progress.to_json()["cards"] == {}
    assert len(warnings) == 1 and "practice progress" in warnings[0]


def test_bad_leitner_entries_are_skipped_one_warning_each():
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
    assert progress.state("good").due.date() == date(2024, 5, 3)
    assert len(warnings) == 7
    for card_id in data["cards"]:
        if card_id != "good":
            assert progress.state(card_id) is None
            assert sum(card_id in warning for warning in warnings) == 1, card_id


def test_bad_fsrs_entries_are_skipped_with_what_is_wrong():
    good = review_state(3, due=NOW).to_json()
    data = {
        "format": 2,
        "cards": {
            "good": good,
            "no-phase": {**good, "phase": "box"},
            "naive-due": {**good, "due": "2024-05-01T09:00:00"},
            "negative-stability": {**good, "stability": -1},
            "review-without-difficulty": {**good, "difficulty": None},
        },
    }
    progress, warnings = Progress.from_json(data)
    assert [card_id for card_id, _ in progress.items()] == ["good"]
    assert warnings == [
        "practice progress: skipped card 'no-phase': phase should be one of learning, review, "
        "relearning, found 'box'",
        "practice progress: skipped card 'naive-due': due should be a date and time with its "
        "UTC offset, like 2024-05-31T09:00:00+00:00, found '2024-05-01T09:00:00'",
        "practice progress: skipped card 'negative-stability': stability should be a positive "
        "number or null, found -1",
        "practice progress: skipped card 'review-without-difficulty': a card in review needs "
        "stability and difficulty",
    ]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
entries = st.fixed_dictionaries(
    {},
    optional={
        "phase": json_values | st.sampled_from(["learning", "review", "relearning"]),
        "due": json_values | st.datetimes().map(lambda d: d.astimezone().isoformat()),
        "stability": json_values | st.floats(-1, 100),
        "difficulty": json_values | st.floats(-1, 10),
        "seen": json_values | st.integers(-1, 5),
        "correct": json_values | st.integers(-1, 5),
    },
)


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(
        json_values,
        st.fixed_dictionaries(
            {
                "format": st.sampled_from([1, 2]),
                "cards": st.dictionaries(st.text(max_size=8), entries | json_values, max_size=5),
            }
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
        assert state["phase"] in ("learning", "review", "relearning")
        assert 0 <= state["correct"] <= state["seen"]


def test_card_ids_are_the_ids_of_the_cards_in_the_same_order(deck):
    from game.core.practice import card_ids
    from game.core.synthetic import synthetic_deck

    for each in (deck, synthetic_deck(40, seed=3)):
        for directions in (("actor",), ("character",), ("actor", "character")):
            assert card_ids(each, directions) == [
                card.id for card in cards_from_deck(each, directions)
            ]


def test_a_card_list_gives_columns_without_making_cards(deck) -> None:
    cards = cards_from_deck(deck, ("actor", "character"))
    made = list(cards)
    for name in ("id", "actor", "direction", "character"):
        assert card_column(cards, name) == [getattr(card, name) for card in made]
        assert card_column(made, name) == card_column(cards, name)
