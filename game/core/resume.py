"""A match left unfinished, dealt again from its record so it goes on where it stopped.

The record keeps the match's plan (seed, rounds, difficulty...) and every question with every
pick. Replaying the rounds through the match's own rules (`start_round`, `answer`, the 50/50,
`add_round_score`) rebuilds the exact state, points and streaks included, without a second
copy of those rules. If the deck has changed so that the same seed no longer deals the same
questions, the match cannot go on honestly and is not offered.
"""

from __future__ import annotations

from game.core.deck import Deck
from game.core.questions import Exposure
from game.core.records import MatchRecord
from game.core.session import Match


def rebuild(deck: Deck, record: MatchRecord, exposure: Exposure | None = None) -> Match | None:
    """The match in `record` at the turn where it stopped, or None when it cannot be.

    `exposure` must be what the players had seen when the match was first dealt
    (`Store.question_exposure(names, before=record.id)`), since fresh questions come first."""
    plan = record.plan
    if plan is None or record.complete or record.round_no < 1:
        return None
    try:
        match = Match(
            deck,
            record.names,
            rounds=plan.rounds,
            questions_per_round=plan.questions_per_round,
            seed=plan.seed,
            difficulty=plan.difficulty,
            time_limit=plan.time_limit,
            hidden_dramas=frozenset(plan.hidden_dramas),
            kinds=plan.kinds,
            mode=record.mode,
            exposure=exposure,
        )
    except ValueError:
        return None
    match.id = record.id
    board = record.mode == "board"
    for number in range(1, record.round_no + 1):
        match.start_round(board=board)
        dealt = [q for q in record.questions if q.round_no == number]
        if not board and match.turns_in_round != len(dealt):
            return None
        for question in dealt:
            now = match.current_question
            if now is None or (now.kind, now.prompt) != (question.kind, question.prompt):
                return None
            pick = question.picks.get(match.current_player)
            if pick is None:
                break
            if pick.halved and match.lifeline_available(match.current_player):
                match.use_lifeline()
            match.answer(pick.option, pick.seconds, halved=pick.halved)
        for score in record.boards:
            if score.round_no == number:
                match.add_round_score(
                    score.player, score.points, correct=score.correct, answered=score.answered
                )
        if number <= record.rounds:
            if not match.round_over:
                return None
            match.finish_round()
    match.time_used = record.time_used
    match.board_state = dict(record.board_state) if record.board_state else None
    return match
