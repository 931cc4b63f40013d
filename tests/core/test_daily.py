"""The daily challenge: one round per date and deck, one recorded result per day, streaks."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from game import paths
from game.core.daily import (
    DAILY_DIFFICULTY,
    DAILY_QUESTIONS,
    DailyLog,
    DayResult,
    best_streak,
    current_streak,
    daily_seed,
    result_of,
)
from game.core.deck import load_deck
from game.core.session import Match
from game.core.store import Store

DECK = load_deck(paths.default_deck())
DAY = date(2024, 6, 4)


def daily_round(day: date, deck=DECK) -> list[tuple[str, str, tuple[str, ...], int]]:
    """The questions of `day`'s round, dealt the way the game deals them."""
    match = Match(deck, ["Mina"], rounds=1, questions_per_round=DAILY_QUESTIONS,
                  seed=daily_seed(day, deck), difficulty=DAILY_DIFFICULTY)
    match.start_round()
    questions = []
    while match.current_question is not None:
        q = match.current_question
        questions.append((q.kind, q.prompt, q.options, q.answer))
        match.answer(q.answer, 1.0)
    return questions


def test_the_daily_round_is_the_same_on_every_run_of_the_same_date() -> None:
    first = daily_round(DAY)
    assert len(first) == DAILY_QUESTIONS
    assert daily_round(DAY) == first
    assert daily_round(date.fromisoformat(DAY.isoformat())) == first


def test_the_next_day_brings_another_round() -> None:
    assert daily_round(DAY + timedelta(days=1)) != daily_round(DAY)


def test_the_seed_depends_on_the_deck_as_well_as_the_date() -> None:
    renamed = replace(DECK, title="My own deck")
    smaller = replace(DECK, dramas=DECK.dramas[:-1])
    seeds = {daily_seed(DAY, DECK), daily_seed(DAY, renamed), daily_seed(DAY, smaller),
             daily_seed(DAY + timedelta(days=1), DECK)}
    assert len(seeds) == 4
    reordered = replace(DECK, dramas=tuple(reversed(DECK.dramas)))
    assert daily_seed(DAY, reordered) == daily_seed(DAY, DECK)


def days(*offsets: int) -> list[date]:
    return [DAY - timedelta(days=n) for n in offsets]


def test_a_streak_counts_consecutive_days_up_to_today() -> None:
    assert current_streak(days(0, 1, 2), DAY) == 3
    assert current_streak(days(0, 1, 2, 4, 5), DAY) == 3  # the gap on day 3 ends it
    assert current_streak(days(1, 2), DAY) == 2  # not played yet today: still alive
    assert current_streak(days(2, 3), DAY) == 0  # yesterday missed: gone
    assert current_streak([], DAY) == 0


def test_the_best_streak_is_the_longest_run_ever() -> None:
    assert best_streak(days(0, 1, 3, 4, 5, 6, 9)) == 4
    assert best_streak(days(5)) == 1
    assert best_streak([]) == 0
    new_year = [date(2023, 12, 30), date(2023, 12, 31), date(2024, 1, 1)]
    assert best_streak(new_year) == 3


def play(log: DailyLog, day: date, result: DayResult, match_id: str | None = None) -> bool:
    """Deal `day`'s match and finish it with `result`; False when the day was taken."""
    match_id = match_id or f"{log.player}-{day}"
    return log.start(day, match_id) and log.finish(match_id, result) == day


def test_a_day_is_played_once_the_first_result_stays(tmp_path: Path) -> None:
    log = DailyLog(Store(tmp_path), "Mina")
    assert play(log, DAY, DayResult(4200, 7, 10), "first")
    assert not play(log, DAY, DayResult(9900, 10, 10), "second")
    again = DailyLog(Store(tmp_path), "Mina")
    assert again.result(DAY) == DayResult(4200, 7, 10)
    assert again.played(DAY) and not again.played(DAY - timedelta(1))


def test_each_player_has_their_own_day_and_streak(tmp_path: Path) -> None:
    store = Store(tmp_path)
    jisoo, minho = DailyLog(store, "Jisoo"), DailyLog(store, "Min-ho")
    assert play(jisoo, DAY - timedelta(days=1), DayResult(100, 1, 10))
    assert play(jisoo, DAY, DayResult(800, 8, 10))
    assert minho.result(DAY) is None and minho.streak(DAY) == 0
    assert play(minho, DAY, DayResult(500, 5, 10))
    assert (jisoo.streak(DAY), minho.streak(DAY)) == (2, 1)
    assert jisoo.result(DAY) == DayResult(800, 8, 10)


def test_streaks_and_last_days_come_from_the_recorded_days(tmp_path: Path) -> None:
    log = DailyLog(Store(tmp_path), "Mina")
    for offset in (0, 1, 2, 5, 6, 7, 8):
        play(log, DAY - timedelta(days=offset), DayResult(100 * offset, offset, 10))
    later = DailyLog(Store(tmp_path), "Mina")
    assert later.streak(DAY) == 3
    assert later.best_streak() == 4
    week = later.last_days(DAY, 7)
    assert [day for day, _ in week] == [DAY - timedelta(days=n) for n in range(6, -1, -1)]
    assert [result is not None for _, result in week] == [True, True, False, False, True,
                                                          True, True]
    assert week[0][1] == DayResult(600, 6, 10)


def test_finishing_the_started_match_records_the_day_it_was_dealt_for(tmp_path: Path) -> None:
    log = DailyLog(Store(tmp_path), "Mina")
    assert log.start(DAY, "match-1")
    assert DailyLog(Store(tmp_path), "Mina").started_match(DAY) == "match-1"  # after a restart
    assert log.finish("another-match", DayResult(1, 1, 1)) is None
    assert log.finish("match-1", DayResult(3000, 6, 10)) == DAY  # even if it is now tomorrow
    assert log.started_match(DAY) is None
    assert log.finish("match-1", DayResult(5000, 9, 10)) is None
    assert log.results() == {DAY: DayResult(3000, 6, 10)}


def test_an_old_daily_file_is_imported_for_the_remembered_player(tmp_path: Path) -> None:
    raw = {"days": {DAY.isoformat(): {"points": 500, "correct": 2, "answered": 10},
                    "yesterday": {"points": 1, "correct": 1, "answered": 1},
                    "2024-06-02": {"points": -5, "correct": 1, "answered": 1},
                    "2024-06-01": {"points": 5, "correct": 3, "answered": 1}}}
    (tmp_path / "daily.json").write_text(json.dumps(raw), encoding="utf-8")
    (tmp_path / "scores.json").write_text(json.dumps({"last_players": ["Mina"]}),
                                          encoding="utf-8")
    store = Store(tmp_path)
    assert DailyLog(store, "Mina").results() == {DAY: DayResult(500, 2, 10)}
    assert len([w for w in store.warnings if "daily.json" in w]) == 3
    imported = json.loads((tmp_path / "daily.json.imported").read_text(encoding="utf-8"))
    assert imported == raw  # the damaged entries are kept in the renamed file


def test_a_match_result_sums_every_round_played() -> None:
    match = Match(DECK, ["Mina"], rounds=2, questions_per_round=3, seed=5, time_limit=None)
    for _ in range(2):
        match.start_round()
        right = True
        while match.current_question is not None:
            question = match.current_question
            wrong = (question.answer + 1) % len(question.options)
            match.answer(question.answer if right else wrong, 2.0)
            right = not right
        match.finish_round()
    result = result_of(match)
    assert (result.correct, result.answered) == (4, 6)
    assert result.points == match.standings()[0].total > 0
