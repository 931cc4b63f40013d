"""A match: players answering questions round after round, with running totals.

The match is the one mutable object of a game in progress; everything it hands out (turns,
round results, standings) is a frozen record, so a screen can keep one without it changing
underneath. Every question of a match comes from one bag, so no question is asked twice.

A question is open until every player expected to answer it has answered, or until
`close_question()` says time ran out. At a desk (hot-seat) one player answers each question
and players alternate question by question, so nobody waits through a whole round of someone
else's questions; in a simultaneous match (party mode) every active player answers every
question at once, and players may join or leave between questions.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from typing import Any

from game.core.deck import Deck
from game.core.questions import Exposure, Question, QuestionBag
from game.core.records import (
    ACTOR_KINDS,
    BoardResult,
    MatchPlan,
    MatchRecord,
    Pick,
    PlayerResult,
    QuestionRecord,
)
from game.core.scoring import Points, score_answer

__all__ = ["ACTOR_KINDS", "Match", "PlayerRound", "Standing", "Turn"]


@dataclass(frozen=True)
class Turn:
    player: str
    question: Question
    chosen: int | None  # None: time ran out
    correct: bool
    elapsed: float
    points: Points
    round_no: int


@dataclass(frozen=True)
class PlayerRound:
    name: str
    points: int
    correct: int
    answered: int
    best_streak: int
    missed: tuple[Turn, ...]

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class Standing:
    name: str
    total: int
    rank: int  # ties share a rank: 1, 1, 3
    previous_rank: int | None  # at the end of the round before this one; None at the start


@dataclass(frozen=True)
class _Tally:
    """Points and answer counts: a board round's score, or a player's running total."""

    points: int = 0
    correct: int = 0
    answered: int = 0

    def __add__(self, other: _Tally) -> _Tally:
        return _Tally(
            self.points + other.points, self.correct + other.correct, self.answered + other.answered
        )


def _ranks(totals: dict[str, int]) -> dict[str, int]:
    ordered = sorted(totals.values(), reverse=True)
    return {name: ordered.index(total) + 1 for name, total in totals.items()}


def _best_run(turns: Sequence[Turn]) -> int:
    best = run = 0
    for turn in turns:
        run = run + 1 if turn.correct else 0
        best = max(best, run)
    return best


class Match:
    """Rounds of hot-seat turns; each player answers `questions_per_round` questions a round.

    Flow: `start_round()`, then `answer()` (and perhaps `use_lifeline()` first) until
    `round_over`, then `finish_round()`, until `match_over`.
    """

    def __init__(
        self,
        deck: Deck,
        players: Sequence[str],
        *,
        rounds: int = 3,
        questions_per_round: int = 10,
        seed: int | None = None,
        difficulty: str = "normal",
        time_limit: float | None = 20.0,
        hidden_dramas: frozenset[str] = frozenset(),
        kinds: Sequence[str] | None = None,
        mode: str = "classic",
        simultaneous: bool = False,
        exposure: Exposure | None = None,
    ) -> None:
        """`exposure`: (kind, prompt) -> (times seen, times missed) by these players before,
        so the least seen (then most missed) questions come first; the daily challenge
        passes none, so everyone gets the same questions."""
        names = tuple(name.strip() for name in players)
        if not names or not all(names):
            raise ValueError("every player needs a name")
        if len(set(names)) != len(names):
            raise ValueError("two players have the same name")
        if rounds < 1 or questions_per_round < 1:
            raise ValueError("a match needs at least one round of at least one question")
        self.id = uuid.uuid4().hex
        self.deck = deck
        self.players = names
        self.rounds = rounds
        self.questions_per_round = questions_per_round
        self.time_limit = time_limit
        self.mode = mode
        self.plan = MatchPlan(
            rounds,
            questions_per_round,
            seed,
            difficulty,
            time_limit,
            tuple(sorted(hidden_dramas)),
            None if kinds is None else tuple(kinds),
        )
        self.time_used = 0.0  # seconds spent on the waiting question before a pause
        self.board_state: dict[str, Any] | None = None  # a board round left half-way
        self.removed: tuple[int, ...] = ()  # options the 50/50 took from the waiting question
        self.simultaneous = simultaneous
        self._active = list(names)  # who answers the questions still to come
        self._answering: tuple[str, ...] = ()  # who answers the open question
        self._open_answers: dict[str, Turn] = {}  # their answers so far
        self._closed = 0  # questions of the current round already closed
        self.round_no = 0
        self.difficulty = difficulty
        self._dealt: list[Question] = []  # every question of the match, in the order dealt
        self._dealt_round: list[int] = []
        # Built when the first question is dealt: a board match never needs it, and on a
        # 10,000-couple deck building it would hold up the first board by a third of a second.
        # Every player sees every question of a round (hot seat or all at once), so a round
        # for the leak rule is all of its questions.
        self._make_bag = lambda: QuestionBag(
            deck,
            seed=seed,
            kinds=kinds,
            difficulty=difficulty,
            hidden_dramas=hidden_dramas,
            exposure=exposure,
            round_size=questions_per_round * (1 if simultaneous else len(names)),
        )
        self._rng = random.Random(seed)
        self._questions: list[Question] = []
        self._asked: set[tuple[str, str]] = set()  # (kind, prompt) of every question dealt
        self._board_round = False
        self._turns: list[Turn] = []
        self._board: dict[int, dict[str, _Tally]] = {}
        self._streaks: dict[str, int] = {}
        self._lifelines_used: set[str] = set()
        self._lifeline_this_turn = False
        self._finished = 0  # rounds finished so far
        self._rank_history: list[dict[str, int]] = []  # ranks at the end of each round

    @cached_property
    def _bag(self) -> QuestionBag:
        return self._make_bag()

    # -- rounds -------------------------------------------------------------------------
    @property
    def _in_round(self) -> bool:
        return self.round_no > self._finished

    def start_round(self, *, board: bool = False) -> None:
        """Deal the next round. With `board` the round is played on the matching board
        instead: no questions are dealt and each player's score comes from
        `add_round_score`. A deck that runs short deals fewer questions, always the same
        number to every player."""
        if self.match_over:
            raise RuntimeError("the match is over")
        if self._in_round:
            raise RuntimeError(f"round {self.round_no} is not finished")
        self.round_no += 1
        self._closed = 0
        self._board_round = board
        self._board[self.round_no] = {}
        self._streaks = dict.fromkeys(self.players, 0)
        self._answering = ()
        self._lifelines_used = set()
        self._lifeline_this_turn = False
        if board:
            self._questions = []
            return
        self._bag.new_round()
        if self.simultaneous:
            self._questions = self._fresh(self.questions_per_round)
        else:
            fresh = self._fresh(self.questions_per_round * len(self.players))
            self._questions = fresh[: len(fresh) - len(fresh) % len(self.players)]
        self._asked.update((q.kind, q.prompt) for q in self._questions)
        self._dealt += self._questions
        self._dealt_round += [self.round_no] * len(self._questions)
        self._open_next()

    def _fresh(self, count: int) -> list[Question]:
        """Up to `count` questions not yet asked in this match. The bag starts over once its
        pool is used up; dropping its repeats is what makes a short deck give short rounds."""
        seen = set(self._asked)
        fresh = []
        for question in self._bag.draw(count):
            if (question.kind, question.prompt) not in seen:
                seen.add((question.kind, question.prompt))
                fresh.append(question)
        return fresh

    @property
    def turns_in_round(self) -> int:
        return len(self._questions)

    @property
    def turn_index(self) -> int:
        """How many questions of the current round are closed (at a desk: turns played)."""
        return self._closed

    @property
    def current_player(self) -> str:
        """Whose turn it is at a desk; in a simultaneous match, the first of those answering."""
        if self.simultaneous:
            return self._answering[0] if self._answering else self._active[0]
        return self.players[self.turn_index % len(self.players)]

    @property
    def current_question(self) -> Question | None:
        if not self._in_round or self.turn_index >= len(self._questions):
            return None
        return self._questions[self.turn_index]

    @property
    def answering(self) -> tuple[str, ...]:
        """The players expected to answer the open question."""
        return self._answering

    @property
    def active_players(self) -> tuple[str, ...]:
        """Who will answer the questions still to come."""
        return tuple(self._active)

    def answered(self) -> dict[str, Turn]:
        """The answers given so far to the open question, by player."""
        return dict(self._open_answers)

    def _open_next(self) -> None:
        self._open_answers = {}
        if self.current_question is None:
            self._answering = ()
        elif self.simultaneous:
            self._answering = tuple(self._active)
        else:
            self._answering = (self.players[self._closed % len(self.players)],)

    def add_player(self, name: str, *, open_question_too: bool = False) -> None:
        """A late joiner in a simultaneous match: answers from the next question on, or from
        the open one too with `open_question_too` (the host has not shown it yet)."""
        name = name.strip()
        if not self.simultaneous:
            raise RuntimeError("players join between questions only in a simultaneous match")
        if not name:
            raise ValueError("every player needs a name")
        if name in self._active:
            raise ValueError(f"{name} is already playing")
        if name not in self.players:
            self.players = (*self.players, name)
            self._streaks.setdefault(name, 0)
        self._active.append(name)
        if open_question_too and self.current_question is not None:
            if self._open_answers:
                raise RuntimeError("the open question already has answers")
            self._answering = (*self._answering, name)

    def remove_player(self, name: str) -> None:
        """Stop expecting answers from `name` (left, or removed by the host). What they scored
        stays in the match; the open question closes if they were the last one it waited for."""
        if not self.simultaneous:
            raise RuntimeError("players leave mid-match only in a simultaneous match")
        if name not in self._active:
            raise ValueError(f"{name!r} is not playing")
        if len(self._active) == 1:
            raise ValueError("the last player cannot leave; end the match instead")
        self._active.remove(name)
        if name in self._answering:
            self._answering = tuple(p for p in self._answering if p != name)
            self._close_if_everyone_answered()

    @property
    def round_over(self) -> bool:
        """Every turn played (and, on a board round, every player's score in); stays True
        between rounds."""
        if self.round_no == 0:
            return False
        if not self._in_round:
            return True
        scores_in = not self._board_round or len(self._board[self.round_no]) == len(self.players)
        return self._closed >= len(self._questions) and scores_in

    @property
    def match_over(self) -> bool:
        return self._finished >= self.rounds

    def finish_round(self) -> None:
        if not self._in_round or not self.round_over:
            raise RuntimeError("no finished round to close")
        self._close_round()

    def finish(self) -> None:
        """End the match now. A round in progress counts with what was answered so far, and
        `rounds` becomes the number actually played. Harmless once the match is over."""
        if self._in_round:
            self._close_round()
        self.rounds = self._finished

    def _close_round(self) -> None:
        self._finished = self.round_no
        self._rank_history.append(_ranks(self._totals()))

    # -- turns --------------------------------------------------------------------------
    def answer(self, chosen: int | None, elapsed: float, *, halved: bool = False) -> Turn:
        """Score the current player's answer (`chosen` None when time ran out) and move on:
        the hot-seat case of `answer_for`, with one player answering each question.
        The points are halved when `halved` is passed or the 50/50 was used on this turn."""
        return self.answer_for(self.current_player, chosen, elapsed, halved=halved)

    def answer_for(
        self, player: str, chosen: int | None, elapsed: float, *, halved: bool = False
    ) -> Turn:
        """Score `player`'s answer to the open question (`chosen` None: no answer in time).
        Each player answers a question once; the question closes when everyone it waits for
        has answered. Raises ValueError for a player it does not wait for or a second answer."""
        question = self.current_question
        if question is None:
            raise RuntimeError("no question is waiting for an answer")
        if chosen is not None and not 0 <= chosen < len(question.options):
            raise ValueError(f"option {chosen} does not exist")
        if player not in self._answering:
            raise ValueError(f"{player!r} is not answering this question")
        if player in self._open_answers:
            raise ValueError(f"{player} has already answered this question")
        correct = chosen == question.answer
        self._streaks[player] = self._streaks[player] + 1 if correct else 0
        points = score_answer(
            correct,
            elapsed,
            self.time_limit,
            self._streaks[player],
            halved=halved or self._lifeline_this_turn,
            difficulty=self.difficulty,
        )
        turn = Turn(player, question, chosen, correct, elapsed, points, self.round_no)
        self._turns.append(turn)
        self._open_answers[player] = turn
        self._lifeline_this_turn = False
        self.time_used = 0.0
        self.removed = ()
        self._close_if_everyone_answered()
        return turn

    def close_question(self) -> list[Turn]:
        """Time ran out (or the host skipped): everyone who has not answered gets no answer,
        and the question closes. Returns those empty turns."""
        question = self.current_question
        if question is None:
            raise RuntimeError("no question is open")
        answered = self.answered()
        missing = [p for p in self._answering if p not in answered]
        turns = [self.answer_for(player, None, self.time_limit or 0.0) for player in missing]
        if self.current_question is question:  # nobody was left to answer it
            self._closed += 1
            self._open_next()
        return turns

    def _close_if_everyone_answered(self) -> None:
        if self.current_question is not None and self._open_answers.keys() >= set(self._answering):
            self._closed += 1
            self._open_next()

    def last_pick(self) -> tuple[int, str, Pick, PlayerResult]:
        """The answer just given, as the store saves it: the question's place among every
        question dealt in the match, the player, the pick and that player's new totals."""
        if not self._turns:
            raise RuntimeError("no answer given yet")
        turn = self._turns[-1]
        pick = Pick(turn.chosen, turn.elapsed, turn.correct, turn.points.total, turn.points.halved)
        tally = self._tallies()[turn.player]
        totals = PlayerResult(turn.player, tally.points, tally.correct, tally.answered)
        return self._position(turn), turn.player, pick, totals

    def lifeline_available(self, player: str) -> bool:
        """Whether `player` may still use the 50/50 this round. On that player's own turn it
        also needs four options, so that two remain after removing two wrong ones."""
        if not self._in_round or player in self._lifelines_used:
            return False
        question = self.current_question
        if player == self.current_player and question is not None:
            return len(question.options) >= 4
        return player in self.players

    def use_lifeline(self) -> tuple[int, int]:
        """The 50/50 for the current player: the indexes of two wrong options to remove."""
        question = self.current_question
        if question is None or not self.lifeline_available(self.current_player):
            raise RuntimeError("the 50/50 is not available")
        wrong = [i for i in range(len(question.options)) if i != question.answer]
        first, second = sorted(self._rng.sample(wrong, 2))
        self._lifelines_used.add(self.current_player)
        self._lifeline_this_turn = True
        self.removed = (first, second)
        return first, second

    def add_round_score(self, player: str, points: int, *, correct: int, answered: int) -> None:
        """Count a round played on the matching board so it carries like a question round."""
        if not self._in_round:
            raise RuntimeError("no round is in progress")
        if player not in self.players:
            raise ValueError(f"{player!r} is not playing")
        if player in self._board[self.round_no]:
            raise ValueError(f"{player} already has a score for round {self.round_no}")
        if min(points, correct, answered) < 0 or correct > answered:
            raise ValueError("scores are whole numbers ≥ 0, with correct ≤ answered")
        self._board[self.round_no][player] = _Tally(points, correct, answered)

    # -- results ------------------------------------------------------------------------
    def round_results(self, round_no: int | None = None) -> list[PlayerRound]:
        """Each player's part of one round (default: the current one), in seat order."""
        number = self.round_no if round_no is None else round_no
        if not 1 <= number <= self.round_no:
            raise ValueError(f"round {number} has not been played")
        results = []
        for name in self.players:
            turns = [t for t in self._turns if t.round_no == number and t.player == name]
            board = self._board[number].get(name, _Tally())
            results.append(
                PlayerRound(
                    name=name,
                    points=sum(t.points.total for t in turns) + board.points,
                    correct=sum(t.correct for t in turns) + board.correct,
                    answered=len(turns) + board.answered,
                    best_streak=_best_run(turns),
                    missed=tuple(t for t in turns if not t.correct),
                )
            )
        return results

    def _tallies(self) -> dict[str, _Tally]:
        """Each player's running total over every round so far, finished or not."""
        tallies = dict.fromkeys(self.players, _Tally())
        for turn in self._turns:
            tallies[turn.player] += _Tally(turn.points.total, int(turn.correct), 1)
        for scores in self._board.values():
            for name, score in scores.items():
                tallies[name] += score
        return tallies

    def _totals(self) -> dict[str, int]:
        return {name: tally.points for name, tally in self._tallies().items()}

    def standings(self) -> list[Standing]:
        """Totals so far, best first. `previous_rank` is the rank at the end of the round
        before the one being played or just finished, so a scoreboard can show who moved."""
        history = self._rank_history if self._in_round else self._rank_history[:-1]
        previous = history[-1] if history else {}
        totals = self._totals()
        ranks = _ranks(totals)
        standings = [
            Standing(name, total, ranks[name], previous.get(name)) for name, total in totals.items()
        ]
        return sorted(standings, key=lambda s: s.rank)

    def _position(self, turn: Turn) -> int:
        """Where `turn`'s question stands among every question dealt in the match."""
        for index in range(len(self._dealt) - 1, -1, -1):
            if self._dealt[index] is turn.question and self._dealt_round[index] == turn.round_no:
                return index
        raise ValueError("the turn's question was not dealt in this match")

    def _actors_asked(self) -> dict[tuple[str, str | None], str]:
        """(drama id, character) -> actor, for the characters the dealt questions turn on:
        only their dramas are walked, since a record is saved at every round of a match on a
        deck that may hold ten thousand couples."""
        dramas = {q.subject.drama for q in self._dealt if q.subject.character}
        return {
            (drama.id, person.character): person.actor
            for drama in self.deck.dramas
            if drama.id in dramas
            for person in (*(p for c in drama.couples for p in c.partners), *drama.characters)
        }

    def record(self) -> MatchRecord:
        """The match as the store keeps it: totals per player and every question dealt so
        far with the picks made on it (one, or at a party everyone's, in the order given).
        Saving it again later replaces the earlier save."""
        actors = self._actors_asked()
        places = {
            (id(q), number): index
            for index, (q, number) in enumerate(zip(self._dealt, self._dealt_round, strict=True))
        }
        picks: dict[int, dict[str, Pick]] = {}
        for turn in self._turns:
            position = places[(id(turn.question), turn.round_no)]
            picks.setdefault(position, {})[turn.player] = Pick(
                turn.chosen, turn.elapsed, turn.correct, turn.points.total, turn.points.halved
            )
        questions = tuple(
            QuestionRecord(
                round_no=number,
                kind=q.kind,
                prompt=q.prompt,
                options=tuple(q.options),
                answer=q.answer,
                drama=q.subject.drama,
                character=q.subject.character,
                actor=actors.get((q.subject.drama, q.subject.character)),
                picks=picks.get(index, {}),
            )
            for index, (q, number) in enumerate(zip(self._dealt, self._dealt_round, strict=True))
        )
        boards = tuple(
            BoardResult(number, name, t.points, t.correct, t.answered)
            for number, scores in self._board.items()
            for name, t in scores.items()
        )
        return MatchRecord(
            id=self.id,
            mode=self.mode,
            deck=self.deck.title,
            finished_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            rounds=self._finished,
            complete=self.match_over,
            players=tuple(
                PlayerResult(name, t.points, t.correct, t.answered)
                for name, t in self._tallies().items()
            ),
            questions=questions,
            boards=boards,
            plan=self.plan,
            time_used=self.time_used,
            round_no=self.round_no,
            board_state=self.board_state,
        )

    def to_record(self) -> dict[str, Any]:
        """`record()` as JSON, with per-kind, per-drama and missed-actor counts for the
        statistics."""
        return self.record().to_json()
