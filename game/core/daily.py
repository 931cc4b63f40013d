"""The daily challenge: one round a day, the same for everyone with the same deck, and a streak.

The round is fixed by a seed made from the date and the deck, so two players comparing scores
played the same ten questions. Each player plays a day once: the day is theirs from the moment
its round is dealt, and a round left half-way resumes where it was left. The streaks are
worked out from the days played alone, so no stored streak can disagree with the days.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from game.core.deck import Deck
from game.core.session import Match
from game.core.store import Store

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


class DailyLog:
    """One player's daily challenges, kept in the store: a day is claimed when its match is
    dealt (so it can be played once, and resumed where it was left), and gets its result
    when that match finishes. Recording goes by the match dealt for the day, so a match
    finished after midnight counts for the day it was dealt for."""

    def __init__(self, store: Store, player: str) -> None:
        self.store = store
        self.player = player

    def results(self) -> dict[date, DayResult]:
        return {date.fromisoformat(row["day"]): DayResult(row["points"], row["correct"],
                                                          row["answered"])
                for row in self.store.daily_rows(self.player) if row["points"] is not None}

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

    def started_match(self, day: date) -> str | None:
        """The id of `day`'s match when it was dealt and not finished yet."""
        for row in self.store.daily_rows(self.player):
            if row["day"] == day.isoformat() and row["points"] is None:
                return row["match_id"]
        return None

    def start(self, day: date, match_id: str) -> bool:
        """Claim `day` for this match; False when the day was already begun."""
        return self.store.daily_start(self.player, day, match_id)

    def finish(self, match_id: str, result: DayResult) -> date | None:
        """Record `result` for the day `match_id` was dealt for; returns that day, or None
        (another match, or that day already has its result)."""
        return self.store.daily_finish(match_id, result.points, result.correct,
                                       result.answered)
