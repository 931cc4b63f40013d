"""The limits shared by the command line and the setup screen."""

from __future__ import annotations

from game import paths
from game.core import limits
from game.core.deck import load_deck
from game.core.questions import count_questions
from game.core.session import Match


def test_names_are_trimmed_counted_and_compared_without_case():
    assert limits.names_problem(["  Ann  ", "Bo"]) == ""
    assert limits.names_problem(["x" * limits.NAME_MAX]) == ""
    assert "at most 24 characters" in limits.names_problem(["x" * (limits.NAME_MAX + 1)])
    assert limits.names_problem(["Ann", " "]) == "Every player needs a name."
    assert "Two players have the same name ('ANN')" in limits.names_problem(["Ann", "ANN"])
    assert "control character" in limits.names_problem(["A\nB"])


def test_player_count_is_per_mode_and_a_new_mode_is_one_entry(monkeypatch):
    four = ["A", "B", "C", "D"]
    assert limits.names_problem(four, "classic") == ""
    assert limits.names_problem([*four, "E"], "classic") == "5 players given; this mode has 1 to 4."
    assert limits.names_problem([], "board") == "A match needs at least one player."
    monkeypatch.setitem(limits.MAX_PLAYERS, "party", 50)
    assert limits.names_problem([f"P{i}" for i in range(50)], "party") == ""
    assert "this mode has 1 to 50" in limits.names_problem([f"P{i}" for i in range(51)], "party")


def test_capacity_is_what_a_match_really_deals():
    deck = load_deck(paths.default_deck())
    pool = count_questions(deck)
    assert limits.deal_capacity(deck, 1, 5) == 5
    assert limits.deal_capacity(deck, 1, pool + 10) == pool
    most = limits.deal_capacity(deck, 3, 50)
    assert most == min(50, pool // 3)
    match = Match(deck, ["A", "B", "C"], rounds=1, questions_per_round=most, seed=1)
    match.start_round()
    assert match.turns_in_round == most * 3


def test_capacity_sentence_says_how_many():
    assert limits.capacity_sentence(1, 1) == "the deck can deal at most 1 question per round"
    assert limits.capacity_sentence(23, 4) == (
        "with 4 players the deck can deal at most 23 questions per round each (92 in all)"
    )
