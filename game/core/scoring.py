"""Points for one answer, Kahoot-style: a base for being right, a bonus for being quick,
a bonus for a run of right answers.

The time bonus never outweighs the base (a slow right answer still earns at least half of a
quick one), so careful players are not punished too hard for reading the whole question.
The difficulty scales the whole: hard asks about side characters, Hangul names and years
with the closest distractors, so it pays half as much again; easy pays three quarters.
"""

from __future__ import annotations

from dataclasses import dataclass

BASE_POINTS = 500
MAX_TIME_BONUS = 500
STREAK_STEP = 100
STREAK_CAP = 500
# Answers faster than this earn the whole time bonus: nobody can read and click quicker,
# so a few hundredths of a second of mouse travel should not cost points.
QUICK_ANSWER = 0.5
DIFFICULTY_MULTIPLIERS = {"easy": 0.75, "normal": 1.0, "hard": 1.5}


@dataclass(frozen=True)
class Points:
    """What one answer earned, broken down so the feedback screen can explain it."""

    base: int
    time_bonus: int
    streak_bonus: int
    halved: bool
    total: int
    answered_in: float | None = None  # seconds taken, when the question was timed
    streak: int = 0  # correct answers in a row, this one included
    difficulty: str = "normal"  # its multiplier scales base + bonuses (before a 50/50 halves)

    def describe(self) -> list[str]:
        """Human lines for the feedback screen, one per part of the score."""
        if self.base == 0:
            return ["No points this time"]
        lines = [f"Correct: {self.base}"]
        if self.answered_in is not None:
            lines.append(f"Speed bonus: +{self.time_bonus} (answered in {self.answered_in:.1f} s)")
        if self.streak_bonus:
            lines.append(f"Streak ×{self.streak}: +{self.streak_bonus}")
        multiplier = DIFFICULTY_MULTIPLIERS[self.difficulty]
        if multiplier != 1:
            lines.append(f"{self.difficulty.capitalize()} difficulty: ×{multiplier:g}")
        if self.halved:
            lines.append("50/50 used: points halved")
        return lines


def time_bonus(elapsed: float, time_limit: float) -> int:
    """The full bonus up to QUICK_ANSWER seconds, then falling linearly to 0 at the limit."""
    span = max(time_limit - QUICK_ANSWER, 1e-9)
    late = min(max(elapsed - QUICK_ANSWER, 0.0) / span, 1.0)
    return round(MAX_TIME_BONUS * (1.0 - late))


def streak_bonus(streak: int) -> int:
    """Nothing for the first right answer, +STREAK_STEP for each one after it, up to the cap."""
    return min(STREAK_STEP * max(streak - 1, 0), STREAK_CAP)


def score_answer(
    correct: bool,
    elapsed: float,
    time_limit: float | None,
    streak: int,
    *,
    halved: bool = False,
    difficulty: str = "normal",
) -> Points:
    """Score one answer. `streak` counts this answer; `time_limit` None means untimed play,
    which still earns the base and streak points but no speed bonus. A wrong answer or a
    timeout earns nothing. The difficulty's multiplier (DIFFICULTY_MULTIPLIERS) scales the
    sum, rounded to the nearest point; `halved` (the 50/50 lifeline) then halves the total,
    rounding down."""
    if difficulty not in DIFFICULTY_MULTIPLIERS:
        raise ValueError(f"unknown difficulty {difficulty!r}")
    if not correct:
        return Points(0, 0, 0, halved, 0, difficulty=difficulty)
    speed = 0 if time_limit is None else time_bonus(elapsed, time_limit)
    run = streak_bonus(streak)
    total = round((BASE_POINTS + speed + run) * DIFFICULTY_MULTIPLIERS[difficulty])
    if halved:
        total //= 2
    return Points(
        base=BASE_POINTS,
        time_bonus=speed,
        streak_bonus=run,
        halved=halved,
        total=total,
        answered_in=None if time_limit is None else elapsed,
        streak=streak,
        difficulty=difficulty,
    )
