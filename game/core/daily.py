"""The daily challenge: one round a day, the same for everyone with the same deck, and a streak.

The round is fixed by a seed made from the date and the deck, so two players comparing scores
played the same ten questions. Only the first finished play of a day counts; the log keeps
one result per date, and the streaks are worked out from those dates alone, so a hand edit
can never leave a stored streak that disagrees with the days.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from game.core.deck import Deck
from game.core.session import Match
from game.core.store import JsonFile

DAILY_FILE = "daily.json"
DAILY_QUESTIONS = 10
DAILY_DIFFICULTY = "normal"  # fixed, so the round does not depend on anyone's settings
DAILY_MODE = "daily"


def daily_seed(day: date, deck: Deck) -> int:
    """The seed of `day`'s round: the date, the deck's title and its dramas, hashed.

    sha256 rather than `hash()`, which changes from one run of Python to the next.
    """
    ids = ",".join(sorted(drama.id for drama in deck.dramas))
    digest = hashlib.sha256(f"{day.isoformat()}|{deck.title}|{ids}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


@dataclass(frozen=True)
class DayResult:
    points: int
    correct: int
    answered: int


def result_of(match: Match) -> DayResult:
    """The first player's result over every round played (the daily has one player)."""
    rounds = [match.round_results(n)[0] for n in range(1, match.rounds + 1)]
    return DayResult(sum(r.points for r in rounds), sum(r.correct for r in rounds),
                     sum(r.answered for r in rounds))


def current_streak(days: Iterable[date], today: date) -> int:
    """Consecutive days played up to today. A streak not yet extended today still counts
    until the day is over, so the number does not drop to zero every morning."""
    played = set(days)
    day = today if today in played else today - timedelta(days=1)
    count = 0
    while day in played:
        count += 1
        day -= timedelta(days=1)
    return count


def best_streak(days: Iterable[date]) -> int:
    """The longest run of consecutive days ever played."""
    played = set(days)
    best = 0
    for day in played:
        if day - timedelta(days=1) in played:
            continue  # not the start of a run
        length = 1
        while day + timedelta(days=length) in played:
            length += 1
        best = max(best, length)
    return best


def _result_from_json(value: Any) -> DayResult | None:
    if not isinstance(value, dict):
        return None
    numbers = [value.get(key) for key in ("points", "correct", "answered")]
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in numbers):
        return None
    points, correct, answered = numbers
    return DayResult(points, correct, answered) if correct <= answered else None


class DailyLog:
    """daily.json: each day's result, and the daily match in progress.

    Layout: {"days": {"2024-06-04": {"points", "correct", "answered"}},
    "started": {"date": "2024-06-04", "match": "<match id>"}}. Recording goes by the match
    started from the daily screen, so a match finished after midnight counts for the day it
    was dealt for, and any other match (a replay, a classic game) is never recorded.
    Damaged entries are skipped with a warning and left in the file untouched.
    """

    def __init__(self, home: Path) -> None:
        self._file = JsonFile(Path(home) / DAILY_FILE)
        self.warnings: list[str] = []

    def results(self) -> dict[date, DayResult]:
        return self._results(self._load())

    def result(self, day: date) -> DayResult | None:
        return self.results().get(day)

    def played(self, day: date) -> bool:
        return day in self.results()

    def streak(self, today: date) -> int:
        return current_streak(self.results(), today)

    def best_streak(self) -> int:
        return best_streak(self.results())

    def last_days(self, today: date, n: int = 7) -> list[tuple[date, DayResult | None]]:
        """The `n` days ending today, oldest first, each with its result or None."""
        results = self.results()
        days = [today - timedelta(days=back) for back in range(n - 1, -1, -1)]
        return [(day, results.get(day)) for day in days]

    def started_match(self) -> tuple[date, str] | None:
        """The day and id of the daily match last started and not yet recorded."""
        return _started(self._load())

    def start(self, day: date, match_id: str) -> None:
        """Remember which match is `day`'s round, so finishing it records the right day."""
        def note(data: dict[str, Any]) -> dict[str, Any]:
            data["started"] = {"date": day.isoformat(), "match": match_id}
            return data

        self._update(note)

    def finish(self, match_id: str, result: DayResult) -> date | None:
        """Record `result` when `match_id` is the daily match started last; returns the day
        recorded, or None (another match, or that day already has its result)."""
        recorded: date | None = None

        def close(data: dict[str, Any]) -> dict[str, Any]:
            nonlocal recorded
            started = _started(data)
            if started is None or started[1] != match_id:
                return data
            del data["started"]
            if _add_day(data, started[0], result):
                recorded = started[0]
            return data

        self._update(close)
        return recorded

    def record(self, day: date, result: DayResult) -> bool:
        """Store `day`'s result unless it already has one: only the first play counts."""
        recorded = False

        def add(data: dict[str, Any]) -> dict[str, Any]:
            nonlocal recorded
            recorded = _add_day(data, day, result)
            return data

        self._update(add)
        return recorded

    def _results(self, data: dict[str, Any]) -> dict[date, DayResult]:
        days = data.get("days", {})
        if not isinstance(days, dict):
            self._warn(f"{DAILY_FILE}: the list of days was damaged; starting a new one")
            return {}
        results: dict[date, DayResult] = {}
        for key, value in days.items():
            day, result = _parse_day(key), _result_from_json(value)
            if day is None or result is None:
                self._warn(f"{DAILY_FILE}: skipped a damaged entry for {key!r}")
            else:
                results[day] = result
        return results

    def _load(self) -> dict[str, Any]:
        result = self._file.load()
        for warning in result.warnings:
            self._warn(warning)
        return result.data

    def _update(self, fn: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        try:
            for warning in self._file.update(fn).warnings:
                self._warn(warning)
        except OSError as error:
            self._warn(f"could not save {DAILY_FILE} ({error.strerror or error})")

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def _parse_day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _started(data: dict[str, Any]) -> tuple[date, str] | None:
    started = data.get("started")
    if not isinstance(started, dict) or not isinstance(started.get("match"), str):
        return None
    day = _parse_day(started.get("date"))
    return None if day is None else (day, started["match"])


def _add_day(data: dict[str, Any], day: date, result: DayResult) -> bool:
    """Put `day`'s result into the decoded file unless a valid one is there already. A
    damaged `days` value is kept aside under `rejected`, never silently overwritten."""
    days = data.get("days")
    if not isinstance(days, dict):
        if days is not None:
            rejected = data.get("rejected", [])
            rejected = rejected if isinstance(rejected, list) else [rejected]
            data["rejected"] = [*rejected, days]
        days = data["days"] = {}
    if _result_from_json(days.get(day.isoformat())) is not None:
        return False
    days[day.isoformat()] = {"points": result.points, "correct": result.correct,
                             "answered": result.answered}
    return True
