"""Simultaneous questions (party mode): everyone answers the same question at once."""

from __future__ import annotations

import pytest

from game import paths
from game.core.deck import load_deck
from game.core.scoring import score_answer
from game.core.session import Match

DECK = load_deck(paths.default_deck())


def party(players=("Ann", "Bo", "Cy"), questions: int = 3, rounds: int = 1) -> Match:
    match = Match(
        DECK,
        players,
        rounds=rounds,
        questions_per_round=questions,
        seed=11,
        mode="party",
        simultaneous=True,
    )
    match.start_round()
    return match


def test_every_player_answers_the_same_question_and_it_closes_when_all_have() -> None:
    match = party()
    question = match.current_question
    assert match.turns_in_round == 3  # questions per round, not per player
    assert match.answering == ("Ann", "Bo", "Cy")
    match.answer_for("Bo", question.answer, 1.0)
    match.answer_for("Ann", (question.answer + 1) % len(question.options), 2.0)
    assert match.current_question is question and set(match.answered()) == {"Ann", "Bo"}
    match.answer_for("Cy", question.answer, 9.0)
    assert match.current_question is not question and match.turn_index == 1
    totals = {s.name: s.total for s in match.standings()}
    assert totals["Ann"] == 0
    assert totals["Bo"] == score_answer(True, 1.0, match.time_limit, 1).total
    assert totals["Bo"] > totals["Cy"] > 0  # the quicker right answer earns more


def test_a_second_answer_or_a_stranger_is_refused_and_changes_nothing() -> None:
    match = party()
    question = match.current_question
    match.answer_for("Ann", question.answer, 1.0)
    with pytest.raises(ValueError, match="already answered"):
        match.answer_for("Ann", (question.answer + 1) % len(question.options), 1.5)
    with pytest.raises(ValueError, match="not answering"):
        match.answer_for("Zed", question.answer, 1.0)
    assert match.answered()["Ann"].chosen == question.answer


def test_time_running_out_closes_the_question_with_no_answer_for_the_rest() -> None:
    match = party()
    question = match.current_question
    match.answer_for("Ann", question.answer, 1.0)
    empty = match.close_question()
    assert [(t.player, t.chosen, t.points.total) for t in empty] == [
        ("Bo", None, 0),
        ("Cy", None, 0),
    ]
    assert match.current_question is not question


def test_late_joiner_answers_from_the_next_question_and_a_removed_player_keeps_points() -> None:
    match = party()
    first = match.current_question
    match.add_player("Dee")
    assert "Dee" not in match.answering
    match.answer_for("Ann", first.answer, 1.0)
    match.answer_for("Bo", first.answer, 1.0)
    match.remove_player("Cy")  # the question no longer waits for Cy
    assert match.current_question is not first
    assert match.answering == ("Ann", "Bo", "Dee")
    match.close_question()
    match.close_question()
    assert match.round_over
    match.finish_round()
    record = match.to_record()
    assert [p["name"] for p in record["players"]] == ["Ann", "Bo", "Cy", "Dee"]
    assert record["mode"] == "party"


def test_the_record_lists_every_question_with_each_pick() -> None:
    match = party(questions=2)
    picks = []
    while not match.round_over:
        question = match.current_question
        for offset, player in enumerate(match.answering):
            chosen = (question.answer + offset) % len(question.options)
            match.answer_for(player, chosen, 1.0 + offset)
            picks.append((question.prompt, player, chosen))
    match.finish_round()
    record = match.to_record()
    stored = [
        (q["prompt"], name, p["option"])
        for q in record["questions"]
        for name, p in q["picks"].items()
    ]
    assert stored == picks
    assert all(q["options"][q["answer"]] for q in record["questions"])


def test_hot_seat_is_one_answerer_per_question() -> None:
    match = Match(DECK, ("Ann", "Bo"), rounds=1, questions_per_round=1, seed=3)
    match.start_round()
    assert match.answering == ("Ann",)
    with pytest.raises(ValueError, match="not answering"):
        match.answer_for("Bo", 0, 1.0)
    match.answer(0, 1.0)
    assert match.answering == ("Bo",)
    with pytest.raises(RuntimeError, match="simultaneous"):
        match.add_player("Cy")


def test_the_last_player_cannot_leave() -> None:
    match = party(players=("Ann", "Bo"))
    match.remove_player("Ann")
    with pytest.raises(ValueError, match="last player"):
        match.remove_player("Bo")


def test_a_player_joining_before_the_open_question_is_shown_answers_it() -> None:
    match = party()
    match.close_question()  # the host shows the reveal; the next question is not shown yet
    match.add_player("Dee", open_question_too=True)
    assert match.answering == ("Ann", "Bo", "Cy", "Dee")
    match.answer_for("Dee", 0, 1.0)
    with pytest.raises(RuntimeError, match="already has answers"):
        match.add_player("Eve", open_question_too=True)
