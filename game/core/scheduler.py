"""When a practice card comes back: one card's memory state, and the scheduler that moves it.

The schedule is the FSRS algorithm (the `fsrs` package, the scheduler Anki uses). It sits
behind a small seam, `Scheduler.review(state, rating, now)`, so the practice session, the
screens and the store never touch the package's own types: a card's state is a frozen
`CardState` with a plain-dict JSON round trip, and its due time is a timezone-aware datetime.
Nothing here reads or writes a file.

How an answer becomes a rating (`rate`), in the words of the README:
- wrong, or "show the answer": Again;
- right, for a card being learnt (new, or missed earlier): Good, or Easy when typed exactly
  within FAST_SECONDS;
- right, for a card under review: Easy when typed exactly within FAST_SECONDS, Hard when it
  took longer than SLOW_SECONDS or was only accepted with a forgiven typo, else Good;
- choosing from four names (easy mode) is recognising, not recalling: never Easy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from enum import IntEnum
from typing import Any, Protocol

FAST_SECONDS = 5.0
SLOW_SECONDS = 15.0
PHASES = ("learning", "review", "relearning")  # FSRS's card states, by name
STEP = timedelta(minutes=10)  # a missed card is due again this soon (the session asks sooner)
LEVEL_DAYS = (2.0, 7.0, 21.0, 60.0)  # stability (days) to reach level 2, 3, 4, 5
TOP_LEVEL = len(LEVEL_DAYS) + 1
LEITNER_DAYS = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}  # the old boxes' intervals, for migration
LEITNER_DIFFICULTY = 5.0  # FSRS difficulty runs 1..10; a migrated card starts in the middle


class Rating(IntEnum):
    """How well a card was recalled; the same four grades as FSRS and Anki."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


@dataclass(frozen=True)
class CardState:
    """What the scheduler knows about one card, plus the player's own tally of answers.

    `stability` is the number of days after which the chance of recalling the card has
    fallen to 90%; `difficulty` runs from 1 (easy) to 10 (hard). Both are None before the
    first review, as in FSRS.
    """

    phase: str  # one of PHASES
    due: datetime  # timezone-aware
    stability: float | None = None
    difficulty: float | None = None
    step: int | None = 0  # learning/relearning step; None once under review
    last_review: datetime | None = None
    seen: int = 0
    correct: int = 0

    @property
    def level(self) -> int:
        """1..TOP_LEVEL: a scheduler-neutral measure of how well the card is known."""
        stability = self.stability or 0.0
        return 1 + sum(1 for days in LEVEL_DAYS if stability >= days)

    def to_json(self) -> dict[str, Any]:
        return {
            "phase": self.phase,
            "due": self.due.isoformat(),
            "stability": self.stability,
            "difficulty": self.difficulty,
            "step": self.step,
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "seen": self.seen,
            "correct": self.correct,
        }

    @classmethod
    def from_json(cls, raw: object) -> CardState:
        """Read what `to_json` wrote. Raises ValueError saying what is wrong with it."""
        if not isinstance(raw, dict):
            raise ValueError(f"expected an object, found {_show(raw)}")
        phase = raw.get("phase")
        if phase not in PHASES:
            raise ValueError(f"phase should be one of {', '.join(PHASES)}, found {_show(phase)}")
        due = _moment(raw.get("due"), "due")
        if due is None:
            raise ValueError("due is missing")
        last = _moment(raw.get("last_review"), "last_review")
        stability = _positive(raw.get("stability"), "stability")
        difficulty = _positive(raw.get("difficulty"), "difficulty")
        if phase != "learning" and (stability is None or difficulty is None):
            raise ValueError(f"a card in {phase} needs stability and difficulty")
        step = raw.get("step")
        if step is not None and not _whole(step):
            raise ValueError(f"step should be a whole number or null, found {_show(step)}")
        seen, correct = raw.get("seen", 0), raw.get("correct", 0)
        _check_counts(seen, correct)
        return cls(phase, due, stability, difficulty, step, last, seen, correct)

    @classmethod
    def from_leitner(cls, raw: object) -> CardState:
        """A card from the old Leitner file ({box, due, seen, correct}) with a matching
        schedule: stability = the box's interval, due on the same day, difficulty middling.
        Raises ValueError saying what is wrong with the entry."""
        if not isinstance(raw, dict):
            raise ValueError(f"expected an object, found {_show(raw)}")
        box, due, seen, correct = (raw.get(key) for key in ("box", "due", "seen", "correct"))
        if not (_whole(box) and box in LEITNER_DAYS):
            raise ValueError(
                f"box should be a whole number from 1 to {max(LEITNER_DAYS)}, found {_show(box)}"
            )
        try:
            day = date.fromisoformat(due) if isinstance(due, str) else None
        except ValueError:
            day = None
        if day is None:
            raise ValueError(f"due should be a date like 2024-05-31, found {_show(due)}")
        _check_counts(seen, correct)
        days = LEITNER_DAYS[box]
        due_at = start_of_day(day)
        return cls(
            "review",
            due_at,
            float(days),
            LEITNER_DIFFICULTY,
            None,
            due_at - timedelta(days=days),
            seen,
            correct,
        )


def rate(
    correct: bool, seconds: float, *, learning: bool, exact: bool = True, chosen: bool = False
) -> Rating:
    """The rating for one answer (the rule in the module docstring and the README).

    `learning`: the card is new or was missed and not yet relearnt; `exact`: typed as the
    deck spells it (no forgiven typo); `chosen`: picked from four options, not typed."""
    if not correct:
        return Rating.AGAIN
    fast = exact and seconds <= FAST_SECONDS and not chosen
    if fast:
        return Rating.EASY
    if learning or (exact and seconds <= SLOW_SECONDS):
        return Rating.GOOD
    return Rating.HARD


class Scheduler(Protocol):
    """The seam: anything that can move a card's state on an answer and say how well it is
    remembered now. `FsrsScheduler` is the one the game uses."""

    def review(self, state: CardState | None, rating: Rating, now: datetime) -> CardState: ...

    def retrievability(self, state: CardState | None, now: datetime) -> float: ...


class FsrsScheduler:
    """FSRS with one short step for new and missed cards and no random fuzz (so a schedule
    can be replayed exactly). The practice session brings a missed card back after a few
    other cards itself; the ten-minute step keeps it due today if the sitting ends first."""

    def __init__(self, desired_retention: float = 0.9) -> None:
        import fsrs  # here, not at import time: the title screen does not need it

        self._fsrs = fsrs
        self._scheduler = fsrs.Scheduler(
            desired_retention=desired_retention,
            learning_steps=(STEP,),
            relearning_steps=(STEP,),
            enable_fuzzing=False,
        )

    def _card(self, state: CardState | None, now: datetime) -> Any:
        fsrs = self._fsrs
        if state is None:
            return fsrs.Card(card_id=0, due=now)
        return fsrs.Card(
            card_id=0,
            state=fsrs.State(PHASES.index(state.phase) + 1),
            step=state.step,
            stability=state.stability,
            difficulty=state.difficulty,
            due=state.due,
            last_review=state.last_review,
        )

    def review(self, state: CardState | None, rating: Rating, now: datetime) -> CardState:
        card, _log = self._scheduler.review_card(
            self._card(state, now), self._fsrs.Rating(int(rating)), now
        )
        seen = (state.seen if state else 0) + 1
        correct = (state.correct if state else 0) + int(rating != Rating.AGAIN)
        return CardState(
            PHASES[card.state.value - 1],
            card.due,
            card.stability,
            card.difficulty,
            card.step,
            card.last_review,
            seen,
            correct,
        )

    def retrievability(self, state: CardState | None, now: datetime) -> float:
        """The chance of recalling the card now, 0..1; 0 for a card never answered."""
        if state is None or state.last_review is None or not state.stability:
            return 0.0
        return float(self._scheduler.get_card_retrievability(self._card(state, now), now))


def start_of_day(day: date) -> datetime:
    """Local midnight at the start of `day`, as an aware datetime."""
    return datetime.combine(day, time()).astimezone()


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def end_of_today(now: datetime) -> datetime:
    """The first moment of tomorrow, local time: "due today" means due before this."""
    return start_of_day(local_day(now) + timedelta(days=1))


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _show(value: object) -> str:
    """A short repr for a warning, so one huge bad value cannot flood the log."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_counts(seen: Any, correct: Any) -> None:
    """A card's tallies, in the FSRS file or the old Leitner one: whole numbers, and never
    more right answers than times seen. Raises ValueError saying which is wrong."""
    if not _whole(seen):
        raise ValueError(f"seen should be a whole number, found {_show(seen)}")
    if not (_whole(correct) and correct <= seen):
        raise ValueError(f"correct should be a whole number from 0 to seen, found {_show(correct)}")


def _positive(value: object, name: str) -> float | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not (math.isfinite(value) and value > 0)
    ):
        raise ValueError(f"{name} should be a positive number or null, found {_show(value)}")
    return float(value)


def _moment(value: object, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ValueError(
            f"{name} should be a date and time with its UTC offset, like "
            f"2024-05-31T09:00:00+00:00, found {_show(value)}"
        )
    return moment
