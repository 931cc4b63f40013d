from __future__ import annotations

from datetime import datetime, timezone

import pytest

from game import paths
from game.core.deck import Couple, Deck, Drama, Person, load_deck
from game.core.legacy import match_problem
from game.core.session import Match, Turn
from game.core.store import Store

DECK = load_deck(paths.default_deck())


def wrong(match: Match) -> int:
    question = match.current_question
    assert question is not None
    return (question.answer + 1) % len(question.options)


def right(match: Match) -> int:
    assert match.current_question is not None
    return match.current_question.answer


def play_round(match: Match, choose=right, elapsed: float = 0.0) -> list[Turn]:
    match.start_round()
    turns = []
    while not match.round_over:
        turns.append(match.answer(choose(match), elapsed))
    match.finish_round()
    return turns


def tiny_deck(dramas: int) -> Deck:
    def drama(n: int) -> Drama:
        a = Person(f"Char A{n}", f"Actor A{n}", f"a woman no. {n}", gender="female")
        b = Person(f"Char B{n}", f"Actor B{n}", f"a man no. {n}", gender="male")
        couple = Couple(f"c{n}", f"Obstacle no. {n}", (a, b))
        return Drama(f"d{n}", f"Drama {n}", (couple,), year=2000 + n)

    return Deck("Tiny", tuple(drama(n) for n in range(dramas)))


def test_two_players_alternate_and_totals_carry_over_two_rounds() -> None:
    match = Match(DECK, ["Mina", "Joon"], rounds=2, questions_per_round=3, seed=7)
    assert (match.round_no, match.round_over, match.match_over) == (0, False, False)

    match.start_round()
    assert (match.round_no, match.turns_in_round) == (1, 6)
    seen = []
    while not match.round_over:
        assert match.turn_index == len(seen)
        seen.append(match.current_player)
        match.answer(right(match) if match.current_player == "Mina" else wrong(match), 2.0)
    assert seen == ["Mina", "Joon"] * 3
    assert match.current_question is None
    match.finish_round()
    first = {r.name: r for r in match.round_results(1)}
    assert (first["Mina"].correct, first["Mina"].answered, first["Joon"].correct) == (3, 3, 0)
    assert first["Mina"].best_streak == 3 and first["Mina"].accuracy == 1.0
    assert [t.player for t in first["Joon"].missed] == ["Joon"] * 3
    assert not match.match_over

    play_round(match, choose=right, elapsed=2.0)
    second = {r.name: r for r in match.round_results()}
    assert match.match_over
    totals = {s.name: s.total for s in match.standings()}
    assert totals == {name: first[name].points + second[name].points for name in totals}
    assert totals["Mina"] > totals["Joon"] > 0
    with pytest.raises(RuntimeError):
        match.start_round()


def test_no_question_is_asked_twice_in_a_match() -> None:
    match = Match(DECK, ["Mina", "Joon"], rounds=3, questions_per_round=5, seed=1)
    asked = [t.question.prompt for _ in range(3) for t in play_round(match)]
    assert len(asked) == 30 == len(set(asked))


def test_the_same_seed_deals_the_same_match() -> None:
    def prompts() -> list[str]:
        match = Match(DECK, ["A", "B"], rounds=2, questions_per_round=4, seed=42)
        return [t.question.prompt for _ in range(2) for t in play_round(match)]

    assert prompts() == prompts()


def test_a_short_deck_gives_short_rounds_shared_fairly() -> None:
    # Nine couples, one "which drama?" question each: 6, then 3 shared as 2, then nothing.
    match = Match(DECK, ["Mina", "Joon"], rounds=3, questions_per_round=3, kinds=["drama"])
    sizes = []
    asked = []
    for _ in range(3):
        match.start_round()
        sizes.append(match.turns_in_round)
        while not match.round_over:
            asked.append(match.current_question)
            match.answer(right(match), 1.0)
        match.finish_round()
    assert sizes == [6, 2, 0]
    assert len({q.prompt for q in asked}) == len(asked)
    assert match.match_over


def test_streaks_count_each_players_own_answers() -> None:
    match = Match(DECK, ["Mina", "Joon"], questions_per_round=3, seed=3, time_limit=None)
    match.start_round()
    points = []
    for choose in (right, wrong, right, right, right, wrong):
        points.append(match.answer(choose(match), 1.0).points.total)
    # Mina: right, right, right -> 500, 600, 700; Joon: wrong, right, wrong
    assert points == [500, 0, 600, 500, 700, 0]
    assert [r.best_streak for r in match.round_results()] == [3, 1]


def test_a_timeout_scores_nothing_and_breaks_the_streak() -> None:
    match = Match(DECK, ["Solo"], questions_per_round=3, seed=5)
    match.start_round()
    match.answer(right(match), 0.0)
    timeout = match.answer(None, 20.0)
    after = match.answer(right(match), 0.0)
    assert (timeout.chosen, timeout.correct, timeout.points.total) == (None, False, 0)
    assert after.points.streak_bonus == 0
    assert match.round_results()[0].missed == (timeout,)


def test_answers_are_checked() -> None:
    match = Match(DECK, ["Solo"], questions_per_round=1, seed=5)
    with pytest.raises(RuntimeError):
        match.answer(0, 1.0)  # no round yet
    match.start_round()
    with pytest.raises(ValueError):
        match.answer(4, 1.0)
    match.answer(0, 1.0)
    with pytest.raises(RuntimeError):
        match.answer(0, 1.0)  # the round is over


@pytest.mark.parametrize("players", [[], ["Mina", " "], ["Mina", "Mina "]])
def test_players_need_distinct_names(players: list[str]) -> None:
    with pytest.raises(ValueError):
        Match(DECK, players)


def test_standings_share_ranks_on_ties_and_show_rank_changes() -> None:
    match = Match(DECK, ["A", "B", "C"], rounds=3, questions_per_round=1, seed=11)

    def play(*choices) -> None:
        match.start_round()
        for choose in choices:
            match.answer(choose(match), 0.0)
        match.finish_round()

    play(right, right, wrong)  # 1000, 1000, 0
    assert [(s.name, s.total, s.rank, s.previous_rank) for s in match.standings()] == [
        ("A", 1000, 1, None),
        ("B", 1000, 1, None),
        ("C", 0, 3, None),
    ]
    play(wrong, wrong, right)  # everyone on 1000
    assert [(s.name, s.rank, s.previous_rank) for s in match.standings()] == [
        ("A", 1, 1),
        ("B", 1, 1),
        ("C", 1, 3),
    ]
    match.start_round()
    match.answer(right(match), 0.0)  # mid-round: compared with the end of round 2
    assert [(s.name, s.rank, s.previous_rank) for s in match.standings()] == [
        ("A", 1, 1),
        ("B", 2, 1),
        ("C", 2, 1),
    ]


def test_fifty_fifty_once_per_round_per_player_removes_two_wrong_options() -> None:
    match = Match(DECK, ["Mina", "Joon"], rounds=2, questions_per_round=2, seed=9)
    match.start_round()
    assert match.lifeline_available("Mina") and match.lifeline_available("Joon")
    question = match.current_question
    assert question is not None and len(question.options) == 4
    removed = match.use_lifeline()
    assert len(set(removed)) == 2 and question.answer not in removed
    assert all(0 <= i < 4 for i in removed)
    turn = match.answer(question.answer, 0.0)
    assert turn.points.halved and turn.points.total == 500

    assert match.lifeline_available("Joon")  # Joon's is his own
    assert not match.lifeline_available("Mina")
    joon = match.answer(right(match), 0.0)
    assert not joon.points.halved  # the 50/50 halves only the turn it was used on
    with pytest.raises(RuntimeError):
        match.use_lifeline()  # Mina's second turn: already used this round
    match.answer(right(match), 0.0)
    match.answer(right(match), 0.0)
    match.finish_round()

    match.start_round()
    assert match.lifeline_available("Mina")  # a new round, a new 50/50


def test_fifty_fifty_removals_vary_with_the_seed_and_stay_wrong() -> None:
    removals = set()
    for seed in range(12):
        match = Match(DECK, ["Solo"], questions_per_round=1, seed=seed)
        match.start_round()
        question = match.current_question
        assert question is not None
        removed = match.use_lifeline()
        assert question.answer not in removed
        removals.add(tuple(question.options[i] for i in removed))
    assert len(removals) > 1


def test_no_fifty_fifty_on_a_question_with_three_options() -> None:
    match = Match(tiny_deck(3), ["Solo"], questions_per_round=1, kinds=["drama"], seed=1)
    match.start_round()
    assert match.current_question is not None and len(match.current_question.options) == 3
    assert not match.lifeline_available("Solo")
    with pytest.raises(RuntimeError):
        match.use_lifeline()


def test_a_board_round_score_carries_like_a_question_round() -> None:
    match = Match(DECK, ["Mina", "Joon"], rounds=2, questions_per_round=1, seed=2, mode="board")
    play_round(match)  # a question round: 1000 each
    match.start_round(board=True)
    assert match.turns_in_round == 0 and match.current_question is None
    match.add_round_score("Mina", 2400, correct=8, answered=9)
    assert not match.round_over  # Joon has not played the board yet
    with pytest.raises(ValueError):
        match.add_round_score("Mina", 100, correct=1, answered=1)
    with pytest.raises(ValueError):
        match.add_round_score("Nobody", 100, correct=1, answered=1)
    match.add_round_score("Joon", 900, correct=3, answered=9)
    assert match.round_over
    match.finish_round()

    board = {r.name: (r.points, r.correct, r.answered) for r in match.round_results(2)}
    assert board == {"Mina": (2400, 8, 9), "Joon": (900, 3, 9)}
    assert [(s.name, s.total, s.previous_rank) for s in match.standings()] == [
        ("Mina", 3400, 1),
        ("Joon", 1900, 1),
    ]
    assert match.match_over


def test_finishing_early_keeps_what_was_played() -> None:
    match = Match(DECK, ["Mina", "Joon"], rounds=3, questions_per_round=2, seed=4)
    play_round(match)
    match.start_round()
    match.answer(right(match), 0.0)
    match.finish()
    assert match.match_over and match.rounds == 2
    assert match.to_record()["players"][0]["answered"] == 3


def test_to_record_holds_what_the_statistics_need() -> None:
    match = Match(
        DECK, ["Mina", "Joon"], rounds=2, questions_per_round=6, seed=8, kinds=["actor", "drama"]
    )
    missed_actors: dict[str, dict[str, int]] = {"Mina": {}, "Joon": {}}
    for _ in range(2):
        match.start_round()
        while not match.round_over:
            player, question = match.current_player, match.current_question
            assert question is not None
            if player == "Joon":
                match.answer(wrong(match), 3.0)
                if question.kind == "actor":
                    actor = question.correct
                    missed_actors["Joon"][actor] = missed_actors["Joon"].get(actor, 0) + 1
            else:
                match.answer(right(match), 3.0)
        match.finish_round()

    record = match.to_record()
    assert match_problem(record) is None
    assert record["mode"] == "classic" and record["rounds"] == 2 and record["complete"]
    assert record["deck"] == DECK.title
    finished = datetime.fromisoformat(record["finished_at"])
    assert abs((datetime.now(timezone.utc) - finished).total_seconds()) < 60
    totals = {s.name: s.total for s in match.standings()}
    assert {p["name"]: p["points"] for p in record["players"]} == totals
    assert {p["name"]: (p["correct"], p["answered"]) for p in record["players"]} == {
        "Mina": (12, 12),
        "Joon": (0, 12),
    }
    for name, correct in (("Mina", 12), ("Joon", 0)):
        for table in ("by_kind", "by_drama"):
            counts = record[table][name].values()
            assert sum(c["answered"] for c in counts) == 12
            assert sum(c["correct"] for c in counts) == correct
    assert set(record["by_kind"]["Mina"]) <= {"actor", "drama"}
    assert record["missed_actors"] == missed_actors
    assert missed_actors["Joon"]  # the seed asks Joon at least one actor question


def test_a_match_saved_after_each_round_is_one_entry(tmp_path) -> None:
    scores = Store(tmp_path)
    match = Match(DECK, ["Mina"], rounds=2, questions_per_round=2, seed=1)
    for _ in range(2):
        play_round(match)
        scores.record_match(match.record())
    [saved] = Store(tmp_path).matches()
    assert saved.players[0].answered == 4 and saved.complete
    assert len(saved.questions) == 4
