"""`kdrama-quiz questions` deals as a match does, so the round rules can be checked from it."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.core.deck import load_deck
from game.core.questions import make_round
from game.paths import default_deck
from tests.core.question_audit import leak_distances


def _dealt(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    assert main(["questions", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_every_ten_in_a_row_form_a_round_without_leaks(capsys) -> None:
    deck = load_deck(default_deck())
    for seed in range(5):
        dealt = _dealt(capsys, "--count", "40", "--seed", str(seed), "--difficulty", "hard")
        same = make_round(deck, 40, seed=seed, difficulty="hard")
        assert [q["prompt"] for q in dealt] == [q.prompt for q in same]
        assert leak_distances(same) == []


def test_difficulty_shows_in_what_is_asked(capsys) -> None:
    kinds = {}
    for level in ("easy", "normal", "hard"):
        dealt = _dealt(capsys, "--count", "250", "--seed", "3", "--difficulty", level)
        kinds[level] = {q["kind"] for q in dealt}
    assert {"hangul", "year"} <= kinds["hard"]
    assert not {"hangul", "year"} & (kinds["easy"] | kinds["normal"])


def test_text_output_marks_the_rounds(capsys) -> None:
    assert main(["questions", "--count", "25", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    marks = [line for line in out.splitlines() if line.startswith("— Round")]
    assert marks == ["— Round 1 —", "— Round 2 —", "— Round 3 —"]
