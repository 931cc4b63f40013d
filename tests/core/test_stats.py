"""Statistics from played matches, and the chart geometry drawn from them."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from math import floor, isclose, log10
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from game import paths
from game.core.deck import load_deck
from game.core.practice import CardState, Progress, cards_from_deck, due_today
from game.core.records import MatchRecord
from game.core.scheduler import start_of_day
from game.core.session import Match, Turn
from game.core.stats import (
    Box,
    MasterySummary,
    Stats,
    actor_roles,
    bar_length,
    column_bars,
    compute_stats,
    line_points,
    mastery_from_json,
    nice_axis,
    percent,
    report_lines,
    row_bars,
    text_bar,
)
from game.core.store import Store

DECK = load_deck(paths.default_deck())
TITLES = {drama.id: drama.title for drama in DECK.dramas}
ACTORS = {(d.id, p.character): p.actor for d, _c, p in DECK.people()}


def play(players: list[str], decide: Callable[[str, int], bool], *, seed: int = 1,
         questions: int = 4, kinds: list[str] | None = None) -> tuple[MatchRecord, list[Turn]]:
    """One single-round match where `decide(player, n)` says whether that player's n-th
    answer (from 0) is right; returns the stored record and the turns played."""
    match = Match(DECK, players, rounds=1, questions_per_round=questions, seed=seed,
                  kinds=kinds, time_limit=None)
    match.start_round()
    counts: Counter[str] = Counter()
    turns = []
    while not match.round_over:
        player, question = match.current_player, match.current_question
        assert question is not None
        right = decide(player, counts[player])
        counts[player] += 1
        chosen = question.answer if right else (question.answer + 1) % len(question.options)
        turns.append(match.answer(chosen, 1.0))
    match.finish_round()
    return match.record(), turns


def stats_of(records: list[MatchRecord], **options) -> Stats:
    """The statistics of these matches, saved in a fresh store and queried back."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        for record in records:
            store.record_match(record)
        stats = compute_stats(store, **options)
        store.close()
    return stats


def test_three_of_four_actor_questions_right_is_75_percent() -> None:
    record, _ = play(["Mina", "Joon"], lambda p, n: p == "Mina" and n < 3, kinds=["actor"])
    stats = stats_of([record], player="Mina", drama_titles=TITLES)
    assert [(a.key, a.correct, a.answered, a.percent) for a in stats.by_kind] == [
        ("actor", 3, 4, 75)]
    assert stats.by_kind[0].label == "Actor"
    everyone = stats_of([record], drama_titles=TITLES)
    assert [(a.correct, a.answered) for a in everyone.by_kind] == [(3, 8)]
    assert everyone.matches == 1 and everyone.names == ("Mina", "Joon")  # best first on a tie


def test_accuracy_by_drama_counts_every_turn_under_its_drama_title() -> None:
    record, turns = play(["Mina"], lambda p, n: n % 2 == 0, questions=8)
    expected: dict[str, list[int]] = {}
    for turn in turns:
        sums = expected.setdefault(TITLES[turn.question.subject.drama], [0, 0])
        sums[0] += turn.correct
        sums[1] += 1
    stats = stats_of([record], drama_titles=TITLES)
    assert {a.label: [a.correct, a.answered] for a in stats.by_drama} == expected
    ratios = [a.ratio for a in stats.by_drama]
    assert ratios == sorted(ratios)  # weakest first


def test_missed_actors_come_from_missed_actor_and_character_questions() -> None:
    record, turns = play(["Joon"], lambda p, n: False, questions=6,
                         kinds=["actor", "character", "drama"])
    expected = Counter(ACTORS[(t.question.subject.drama, t.question.subject.character)]
                       for t in turns if t.question.kind in ("actor", "character"))
    stats = stats_of([record], roles=actor_roles(DECK))
    assert {m.actor: m.misses for m in stats.missed_actors} == dict(expected)
    misses = [m.misses for m in stats.missed_actors]
    assert misses == sorted(misses, reverse=True)
    assert all(m.roles for m in stats.missed_actors)  # every deck actor has a part to recall


def test_actor_roles_lists_every_part_an_actor_plays() -> None:
    roles = actor_roles(DECK)
    assert len(roles["Kim Soo-hyun"]) == 2
    assert any("My Love from the Star" in role for role in roles["Kim Soo-hyun"])


def test_player_filter_keeps_only_that_players_answers_and_matches() -> None:
    both, _ = play(["Mina", "Joon"], lambda p, n: p == "Joon", seed=2)
    alone, _ = play(["Mina"], lambda p, n: True, seed=3)
    mina = stats_of([both, alone], player="Mina")
    joon = stats_of([both, alone], player="Joon")
    assert (mina.matches, joon.matches) == (2, 1)
    assert sum(a.correct for a in mina.by_kind) == 4  # only her solo match went right
    assert sum(a.correct for a in joon.by_kind) == sum(a.answered for a in joon.by_kind) == 4
    assert [s.name for s in joon.history.series] == ["Joon"]
    assert joon.players == mina.players  # everyone stays listed, for the filter to cycle


def test_score_history_numbers_matches_oldest_first_and_follows_the_players() -> None:
    records = [play(["Mina", "Joon"], lambda p, n, i=i: p == "Mina" or i == 2, seed=i)[0]
               for i in range(3)]
    records[0], records[2] = (replace(records[0], finished_at=records[2].finished_at),
                              replace(records[2], finished_at="2020-01-01T10:00:00+00:00"))
    stats = stats_of(records)
    history = stats.history
    assert (history.first, history.last, history.total) == (1, 3, 3)
    joon = next(s for s in history.series if s.name == "Joon")
    assert [p.match_no for p in joon.points] == [1, 2, 3]
    assert joon.points[0].points > 0 and joon.points[0].date == "2020-01-01"  # moved first
    recent = stats_of(records, recent=2).history
    assert (recent.first, recent.last) == (2, 3)
    assert all(len(s.points) == 2 for s in recent.series)
    assert len(stats_of(records, lines=1).history.series) == 1


def test_player_summaries_rank_by_matches_played() -> None:
    a, _ = play(["Mina", "Joon"], lambda p, n: True, seed=4)
    b, _ = play(["Joon"], lambda p, n: n == 0, seed=5)
    players = stats_of([a, b]).players
    assert [(p.name, p.matches) for p in players] == [("Joon", 2), ("Mina", 1)]
    joon = players[0]
    assert joon.correct == 5 and joon.answered == 8 and percent(joon.ratio) == 63
    assert joon.best == max(pl.points for r in (a, b) for pl in r.players if pl.name == "Joon")


def test_no_history_gives_empty_figures_not_errors() -> None:
    stats = stats_of([])
    assert (stats.matches, stats.by_drama, stats.by_kind, stats.missed_actors) == (0, (), (), ())
    assert stats.history.series == () and stats.history.max_points == 0
    assert stats.to_json()["score_history"]["total"] == 0
    assert stats_of([], player="Nobody").matches == 0


def test_an_imported_old_record_counts_and_its_damaged_counts_are_skipped(tmp_path) -> None:
    record = {"id": "old", "finished_at": "2024-05-01T12:00:00+00:00", "mode": "classic",
              "players": [{"name": "Mina", "points": 900, "correct": 7, "answered": 10}],
              "by_kind": {"Mina": {"actor": {"correct": 4, "answered": 4},
                                   "drama": {"correct": "lots", "answered": 2},
                                   "partner": {"correct": 9, "answered": 3}}},  # to 3/3
              "by_drama": {"Mina": "oops"},
              "missed_actors": {"Mina": {"Hyun Bin": True, "Son Ye-jin": -1, "Kim Soo-hyun": 2}}}
    (tmp_path / "scores.json").write_text(json.dumps({"matches": [record]}), encoding="utf-8")
    stats = compute_stats(Store(tmp_path))
    assert {a.key: (a.correct, a.answered) for a in stats.by_kind} == {
        "actor": (4, 4), "partner": (3, 3)}
    assert stats.by_drama == ()
    assert [(m.actor, m.misses) for m in stats.missed_actors] == [("Kim Soo-hyun", 2)]
    assert [(p.name, p.best, p.matches) for p in stats.players] == [("Mina", 900, 1)]


def test_unknown_drama_ids_keep_their_id_as_label() -> None:
    record, _ = play(["Mina"], lambda p, n: True)
    record = replace(record, questions=tuple(replace(q, drama="some-other-deck")
                                             for q in record.questions))
    assert [a.label for a in stats_of([record], drama_titles=TITLES).by_drama] == [
        "some-other-deck"]


def review(days: float, due: datetime) -> CardState:
    return CardState("review", due, float(days), 5.0, None, due - timedelta(days=days), 4, 2)


def test_mastery_counts_cards_per_level_and_the_reviews_due_today() -> None:
    now = start_of_day(date(2024, 5, 31)) + timedelta(hours=10)
    cards = cards_from_deck(DECK)
    progress = Progress()
    for card, days, due in ((cards[0], 1, now - timedelta(days=3)),
                            (cards[1], 8, now + timedelta(days=2)),
                            (cards[2], 90, now), (cards[3], 8, now + timedelta(hours=1))):
        progress.record(card.id, review(days, due))
    summary = mastery_from_json(progress.to_json(), DECK, now)
    assert summary.levels == (1, 0, 2, 0, 1)
    assert summary.new == len(cards) - 4 and summary.due_today == 3
    assert summary.due_today == due_today(progress, cards, now)
    assert summary.forecast == (3, 0, 1, 0, 0, 0, 0)
    assert summary.total == len(cards) and summary.started
    progress.record(f"character:{cards[0].drama_id}:{cards[0].character}", review(3, now))
    both = mastery_from_json(progress.to_json(), DECK, now)
    assert both.total == len(cards_from_deck(DECK, ("actor", "character")))
    assert both.levels[1] == 1
    fresh = mastery_from_json({}, DECK, now)
    assert not fresh.started and fresh.new == len(cards) and fresh.due_today == 0
    assert mastery_from_json("damaged", DECK, now) == fresh


def test_mastery_summary_lists_new_cards_then_each_level() -> None:
    summary = MasterySummary(levels=(3, 0, 2, 1, 4), new=5, due_today=2)
    assert summary.bar_values() == [("New", 5), ("Level 1", 3), ("Level 2", 0),
                                    ("Level 3", 2), ("Level 4", 1), ("Level 5", 4)]
    assert summary.total == 15 and summary.started
    assert not MasterySummary((0,) * 5, new=9, due_today=0).started


# -- geometry ---------------------------------------------------------------------------
def test_bar_heights_are_proportional_to_accuracy_from_a_known_history() -> None:
    record, _ = play(["Mina"], lambda p, n: n < 3, kinds=["actor"])
    record2, _ = play(["Mina"], lambda p, n: n < 1, kinds=["drama"], seed=9)
    kinds = stats_of([record, record2]).by_kind
    plot = Box(10, 20, 300, 200)
    bars = column_bars([a.ratio for a in kinds], plot, 1.0)
    assert [a.key for a in kinds] == ["actor", "drama"]
    assert [b.height for b in bars] == [150, 50]  # 3/4 and 1/4 of the axis
    assert all(b.bottom == plot.bottom for b in bars)
    assert bars[0].right < bars[1].left and plot.left <= bars[0].left
    assert bars[-1].right <= plot.right
    rows = row_bars([a.ratio for a in kinds], plot, 1.0)
    assert [r.width for r in rows] == [225, 75] and all(r.left == plot.left for r in rows)
    assert rows[0].bottom < rows[1].top <= rows[1].bottom <= plot.bottom


def test_bars_clamp_to_their_axis_and_survive_a_zero_axis() -> None:
    assert bar_length(5, 1, 100) == 100 and bar_length(-1, 1, 100) == 0
    assert bar_length(3, 0, 100) == 0
    assert column_bars([], Box(0, 0, 10, 10), 1.0) == []


def test_line_points_rise_with_the_score_and_move_right_with_time() -> None:
    record_points = [(1, 500), (2, 2500), (3, 1200), (5, 4000)]
    plot = Box(0, 0, 400, 300)
    pixels = line_points(record_points, plot, (1, 5), nice_axis(4000).maximum)
    assert pixels[0][0] == plot.left and pixels[-1][0] == plot.right
    assert [x for x, _ in pixels] == sorted(x for x, _ in pixels)
    assert pixels[3][1] < pixels[1][1] < pixels[2][1] < pixels[0][1]  # higher score, higher up
    assert line_points([(7, 0)], plot, (7, 7), 1) == [(200, 300)]  # one match: in the middle


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 50_000), min_size=1, max_size=30))
def test_line_points_order_matches_score_order(scores: list[int]) -> None:
    plot = Box(5, 5, 600, 400)
    pixels = line_points(list(enumerate(scores)), plot, (0, len(scores) - 1),
                         nice_axis(max(scores), whole=True).maximum)
    for (x, y), score in zip(pixels, scores, strict=True):
        assert plot.left <= x <= plot.right and plot.top <= y <= plot.bottom
        for (_x2, y2), other in zip(pixels, scores, strict=True):
            if score > other:
                assert y <= y2


@settings(max_examples=80, deadline=None)
@given(st.floats(0.001, 1e9), st.booleans())
@example(0.0010000000000000002, False)  # rounding the maximum once dropped it below the value
def test_an_axis_holds_the_value_in_a_few_round_steps(value: float, whole: bool) -> None:
    axis = nice_axis(value, whole=whole)
    assert value <= axis.maximum < value + axis.step + 1e-9
    assert 2 <= len(axis.ticks) <= 5
    assert axis.ticks[0] == 0 and axis.ticks[-1] == pytest.approx(axis.maximum)
    mantissa = axis.step / 10 ** floor(log10(axis.step))
    assert any(isclose(mantissa, step) for step in (1, 2, 2.5, 5))
    if whole:
        assert axis.step == int(axis.step) and axis.step >= 1


def test_axes_and_text_bars() -> None:
    assert nice_axis(1.0).ticks == [0, 0.25, 0.5, 0.75, 1.0]
    assert nice_axis(0).maximum == 1
    assert nice_axis(5900, whole=True).ticks == [0, 2000, 4000, 6000]
    assert nice_axis(9, whole=True).ticks == [0, 5, 10]  # cards: no 2.5 steps
    assert nice_axis(1, whole=True).ticks == [0, 1]
    assert text_bar(2 / 3, 6) == "████░░" and percent(2 / 3) == 67
    assert text_bar(0, 4) == "░░░░" and text_bar(1.5, 4) == "████"


def test_terminal_report_has_a_bar_per_figure_and_lines_up_hangul_names() -> None:
    record, _ = play(["서연", "Mina"], lambda p, n: p == "Mina" or n < 3, kinds=["actor"])
    lines = report_lines(stats_of([record], drama_titles=TITLES),
                         MasterySummary((2, 0, 0, 0, 1), new=4, due_today=1), "#", "-")
    actor = next(line for line in lines if line.strip().startswith("Actor "))
    assert "#########-  88%  7/8" in actor
    players = [line for line in lines if " best " in line]
    assert len(players) == 2
    assert len({line.index("best") + sum(ord(c) > 0x1100 for c in line) for line in players}) == 1
    assert "     1 card due today, 7 in all" in lines
    assert report_lines(stats_of([]), None) == []
