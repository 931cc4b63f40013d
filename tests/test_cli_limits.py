"""The command line refuses players, names, rounds and questions a match cannot have: one line
on stderr and exit status 2, before any window opens (black-box: the real CLI in a process)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from game.core import limits


def run(*args: str, home) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "KDRAMA_QUIZ_HOME": str(home),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
    }
    return subprocess.run(
        [sys.executable, "-m", "game", *args, "--frames", "2"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--players", "A", "B", "C", "D", "E"], "5 players given; this mode has 1 to 4"),
        (["--mode", "match", "--players", "A", "B", "C", "D", "E"], "this mode has 1 to 4"),
        (["--players", ""], "Every player needs a name"),
        (["--players", "Ann", "   "], "Every player needs a name"),
        (["--players", "N" * 200], "at most 24 characters"),
        (["--players", "Ann", " ann "], "Two players have the same name ('ann')"),
        (["--players", "Ann\U0001f600"], "cannot show U+1F600 GRINNING FACE in 'Ann"),
        (["--players", "Tab\there"], "control character"),
        (["--rounds", "99999"], "--rounds: expected 1 to 20, got 99999"),
        (["--rounds", "0"], "--rounds: expected 1 to 20, got 0"),
        (["--questions", "10000"], "--questions: expected 1 to 50, got 10000"),
        (["--questions", "-3"], "--questions: expected 1 to 50, got -3"),
    ],
)
def test_each_limit_is_one_clear_line_and_exit_2(args, says, user_home):
    result = run(*args, home=user_home)
    assert result.returncode == 2, result.stderr
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not user_home.exists() or not any(user_home.iterdir()), "no game was started"


def test_more_questions_than_the_deck_can_deal_says_how_many_it_can(user_home):
    # The bundled deck deals fewer than 4 x 50 distinct questions in a round.
    result = run("--players", "A", "B", "C", "D", "--questions", "50", home=user_home)
    assert result.returncode == 2, result.stderr
    line = result.stderr.strip()
    assert "--questions 50: with 4 players the deck can deal at most" in line
    most = int(line.split("at most ")[1].split()[0])
    assert 1 <= most < 50 and f"choose {most} or fewer" in line
    fits = run("--players", "A", "B", "C", "D", "--questions", str(most), home=user_home)
    assert fits.returncode == 0, fits.stderr


def test_the_limits_themselves_are_accepted(user_home):
    names = ["  " + "N" * limits.NAME_MAX + "  ", "김수현", "Zoë", "ann-marie"]
    result = run(
        "--players", *names, "--rounds", str(limits.MAX_ROUNDS), "--questions", "1", home=user_home
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
