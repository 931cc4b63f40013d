"""A match as it is kept: who played, how it stands, and every question with every pick.

`MatchRecord` is what the store saves and gives back, what `kdrama-quiz scores --json` prints
and what a match left unfinished is rebuilt from. It is plain frozen data: a screen or the
command line can hold one without it changing underneath, and its JSON shape is a contract
(see DESIGN.md, "scores --json").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ACTOR_KINDS = frozenset({"actor", "character"})  # a miss shows who-plays-whom is not known


@dataclass(frozen=True)
class Pick:
    """One player's answer to one question; `option` None when time ran out."""

    option: int | None
    seconds: float
    correct: bool
    points: int = 0
    halved: bool = False  # the 50/50 was used on this turn

    def to_json(self) -> dict[str, Any]:
        return {"option": self.option, "seconds": round(self.seconds, 2), "correct": self.correct}


@dataclass(frozen=True)
class QuestionRecord:
    """A question dealt in a match, and the picks made on it so far (by player name)."""

    round_no: int
    kind: str
    prompt: str
    options: tuple[str, ...]
    answer: int
    drama: str = ""
    character: str | None = None
    actor: str | None = None  # who plays `character`: what a missed actor question was about
    picks: Mapping[str, Pick] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "prompt": self.prompt,
            "options": list(self.options),
            "answer": self.answer,
            "picks": {name: pick.to_json() for name, pick in self.picks.items()},
        }


@dataclass(frozen=True)
class PlayerResult:
    name: str
    points: int
    correct: int
    answered: int

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "points": self.points,
            "correct": self.correct,
            "answered": self.answered,
        }


@dataclass(frozen=True)
class BoardResult:
    """A player's score for one board round (boards have no questions to keep)."""

    round_no: int
    player: str
    points: int
    correct: int
    answered: int


@dataclass(frozen=True)
class MatchPlan:
    """What a match was started with, so a match left unfinished can be dealt again."""

    rounds: int
    questions_per_round: int
    seed: int | None = None
    difficulty: str = "normal"
    time_limit: float | None = 20.0
    hidden_dramas: tuple[str, ...] = ()
    kinds: tuple[str, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "rounds": self.rounds,
            "questions_per_round": self.questions_per_round,
            "seed": self.seed,
            "difficulty": self.difficulty,
            "time_limit": self.time_limit,
            "hidden_dramas": list(self.hidden_dramas),
            "kinds": None if self.kinds is None else list(self.kinds),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MatchPlan:
        kinds = data.get("kinds")
        return cls(
            rounds=int(data["rounds"]),
            questions_per_round=int(data["questions_per_round"]),
            seed=data.get("seed"),
            difficulty=str(data.get("difficulty", "normal")),
            time_limit=data.get("time_limit"),
            hidden_dramas=tuple(data.get("hidden_dramas") or ()),
            kinds=None if kinds is None else tuple(kinds),
        )


@dataclass(frozen=True)
class MatchRecord:
    """A match finished or not (`complete`), saved again as it goes on (same `id`)."""

    id: str
    mode: str
    deck: str
    finished_at: str  # ISO 8601 with zone: when this save was made
    rounds: int  # rounds finished
    complete: bool
    players: tuple[PlayerResult, ...]
    questions: tuple[QuestionRecord, ...] = ()
    boards: tuple[BoardResult, ...] = ()
    plan: MatchPlan | None = None
    time_used: float = 0.0  # seconds already spent on the question waiting for an answer
    round_no: int = 0  # rounds dealt: one more than `rounds` while a round is being played
    board_state: Mapping[str, Any] | None = None  # a board round in progress: pairs made

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(player.name for player in self.players)

    def to_json(self) -> dict[str, Any]:
        """The shape `scores --json` prints, with the per-kind, per-drama and missed-actor
        counts the older statistics read."""
        by_kind: dict[str, dict[str, dict[str, int]]] = {name: {} for name in self.names}
        by_drama: dict[str, dict[str, dict[str, int]]] = {name: {} for name in self.names}
        missed: dict[str, dict[str, int]] = {name: {} for name in self.names}
        for question in self.questions:
            for name, pick in question.picks.items():
                for table, key in ((by_kind, question.kind), (by_drama, question.drama)):
                    counts = table.setdefault(name, {}).setdefault(
                        key, {"correct": 0, "answered": 0}
                    )
                    counts["answered"] += 1
                    counts["correct"] += pick.correct
                if not pick.correct and question.kind in ACTOR_KINDS and question.actor:
                    row = missed.setdefault(name, {})
                    row[question.actor] = row.get(question.actor, 0) + 1
        return {
            "id": self.id,
            "finished_at": self.finished_at,
            "deck": self.deck,
            "mode": self.mode,
            "rounds": self.rounds,
            "complete": self.complete,
            "players": [player.to_json() for player in self.players],
            "questions": [question.to_json() for question in self.questions],
            "by_kind": by_kind,
            "by_drama": by_drama,
            "missed_actors": missed,
        }
