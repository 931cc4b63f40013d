from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.scoring import STREAK_CAP, score_answer

LIMIT = 20.0


def test_quick_correct_answer_earns_a_thousand() -> None:
    points = score_answer(True, 0.3, LIMIT, 1)
    parts = (points.base, points.time_bonus, points.streak_bonus, points.total)
    assert parts == (500, 500, 0, 1000)


def test_answer_at_the_limit_earns_half_of_a_quick_one() -> None:
    assert score_answer(True, LIMIT, LIMIT, 1).total == 500


def test_speed_bonus_falls_linearly_between_quick_and_limit() -> None:
    midway = 0.5 + (LIMIT - 0.5) / 2
    assert score_answer(True, midway, LIMIT, 1).time_bonus == 250


@settings(max_examples=200, deadline=None)
@given(
    a=st.floats(0, 60, allow_nan=False),
    b=st.floats(0, 60, allow_nan=False),
    limit=st.floats(1, 60, allow_nan=False),
)
def test_a_slower_right_answer_never_earns_more_and_never_below_half(
    a: float, b: float, limit: float
) -> None:
    fast, slow = sorted((a, b))
    quick = score_answer(True, fast, limit, 1).total
    late = score_answer(True, slow, limit, 1).total
    assert 500 <= late <= quick <= 1000


@pytest.mark.parametrize("elapsed", [0.5, LIMIT])  # a quick wrong answer, a timeout
def test_wrong_or_timed_out_answer_earns_nothing(elapsed: float) -> None:
    points = score_answer(False, elapsed, LIMIT, 0)
    assert points.total == points.base == points.time_bonus == points.streak_bonus == 0
    assert points.describe() == ["No points this time"]


@pytest.mark.parametrize(("streak", "bonus"), [(1, 0), (2, 100), (3, 200), (6, 500), (12, 500)])
def test_streak_bonus_grows_by_a_hundred_up_to_the_cap(streak: int, bonus: int) -> None:
    assert score_answer(True, 0.0, LIMIT, streak).streak_bonus == bonus
    assert bonus <= STREAK_CAP


def test_fifty_fifty_halves_the_total_rounding_down() -> None:
    whole = score_answer(True, 7.0, LIMIT, 3)
    halved = score_answer(True, 7.0, LIMIT, 3, halved=True)
    assert (whole.total, halved.total) == (1033, 516)  # 500 + 333 + 200, halved rounding down
    assert score_answer(True, 0.0, LIMIT, 1, halved=True).total == 500


def test_untimed_play_scores_base_and_streak_but_no_speed_bonus() -> None:
    points = score_answer(True, 95.0, None, 2)
    assert (points.time_bonus, points.total) == (0, 600)
    assert not any(line.startswith("Speed") for line in points.describe())


def test_describe_explains_every_part_of_the_score() -> None:
    points = score_answer(True, 3.14, LIMIT, 3, halved=True)
    assert points.describe() == [
        "Correct: 500",
        f"Speed bonus: +{points.time_bonus} (answered in 3.1 s)",
        "Streak ×3: +200",
        "50/50 used: points halved",
    ]


@pytest.mark.parametrize(("difficulty", "total"), [("easy", 750), ("normal", 1000), ("hard", 1500)])
def test_points_scale_with_difficulty(difficulty: str, total: int) -> None:
    points = score_answer(True, 0.3, LIMIT, 1, difficulty=difficulty)
    assert points.total == total
    assert (f"{difficulty.capitalize()} difficulty" in " ".join(points.describe())) == (
        difficulty != "normal"
    )
    assert score_answer(True, 0.3, LIMIT, 1, difficulty=difficulty, halved=True).total == total // 2
    assert score_answer(False, 0.3, LIMIT, 1, difficulty=difficulty).total == 0


def test_an_unknown_difficulty_is_refused() -> None:
    with pytest.raises(ValueError, match="brutal"):
        score_answer(True, 0.3, LIMIT, 1, difficulty="brutal")
