"""The party host: the match, its players from every source, and what the phones show.

Runs on the game loop's thread (the scenes call it; the inbox feeds it). It owns the
question's life: open it (the server starts taking answers), close it when everyone has
answered or time is up, reveal, go on. Closing on time-out takes two frames: the server's
gate shuts first, then the next frame (after the app has drained every answer the server
locked onto the inbox) closes the question in the match, so no locked answer is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from game.core.questions import Question
from game.core.session import Match, Turn
from game.party.protocol import (
    MAX_PLAYERS,
    PhoneAnswer,
    PlayerBack,
    PlayerJoined,
    PlayerLeft,
    unique_name,
)

TOP = 5
DEFAULT_TIME_LIMIT = 20.0


class Server(Protocol):
    """What the host needs of the server (a PartyServer, or nothing for a keyboard party)."""

    def reserve(self, name: str) -> str | None: ...
    def open_question(
        self, number: int, message: dict[str, Any], answering: frozenset[str]
    ) -> None: ...
    def close_question(self) -> None: ...
    def publish(
        self, message: dict[str, Any], personal: dict[str, dict[str, Any]] | None = None
    ) -> None: ...
    def remove(self, name: str, reason: str = ..., *, retire: bool = ...) -> None: ...
    def notify(self, message: dict[str, Any]) -> None: ...
    def stop(self) -> None: ...


@dataclass(frozen=True)
class Ranked:
    name: str
    total: int
    rank: int


@dataclass(frozen=True)
class Reveal:
    """One closed question: how many chose each option, each answer, the top five."""

    question: Question
    counts: tuple[int, ...]
    turns: dict[str, Turn]
    top: tuple[Ranked, ...]


class PartyHost:
    def __init__(
        self,
        server: Server | None,
        make_match: Callable[[list[str]], Match],
        save: Callable[[Match], None],
    ) -> None:
        self.server = server
        self._make_match = make_match
        self._save = save
        self.players: dict[str, str] = {}  # name -> source: "phone", "pad" or "keys"
        self.away: set[str] = set()  # phones whose connection dropped (they may come back)
        self.removed: set[str] = set()
        self.match: Match | None = None
        self.number = 0  # questions opened in this match, the number the phones answer to
        self.phase = "lobby"  # lobby, question, closing, reveal, podium
        self.reveal: Reveal | None = None
        self.paused = False
        self._turns: dict[str, Turn] = {}
        self._question: Question | None = None
        self._closing_since_update = False  # an update has run since closing began
        self.answers_taken = 0

    # -- players ----------------------------------------------------------------------------
    def receive(self, message: object) -> bool:
        """News from the server (via the inbox). True when it was party news."""
        if isinstance(message, PlayerJoined):
            self._seat(message.name, "phone")
        elif isinstance(message, PlayerBack):
            self.away.discard(message.name)
        elif isinstance(message, PlayerLeft):
            self.away.add(message.name)
        elif isinstance(message, PhoneAnswer):
            if message.question == self.number and self.phase in ("question", "closing"):
                limit = self.time_limit
                self.answer(message.name, message.option, min(max(message.seconds, 0.0), limit))
        else:
            return False
        return True

    def join_local(self, base: str, source: str) -> str | None:
        """A gamepad or keyboard-zone player; their name, or None when the party is full."""
        if self.server is not None:
            name = self.server.reserve(base)
        elif len(self.players) < MAX_PLAYERS:
            name = unique_name(base, set(self.players))
        else:
            name = None
        if name is not None:
            self._seat(name, source)
        return name

    def _seat(self, name: str, source: str) -> None:
        self.players[name] = source
        self.away.discard(name)
        self.removed.discard(name)  # a name removed in the lobby may come back
        if (
            self.match is not None
            and self.phase != "podium"
            and name not in self.match.active_players
        ):
            # From the next question shown: between questions that is the match's open one.
            self.match.add_player(name, open_question_too=self.phase == "reveal")
        if self.phase == "lobby":
            self._publish_lobby()

    def remove(self, name: str) -> None:
        """The host takes a player out: what they scored stays in the saved match."""
        if name not in self.players:
            return
        match = self.match
        if match is not None and name in match.active_players:
            if len(match.active_players) == 1:
                return  # the last player: end the match instead
            match.remove_player(name)
        del self.players[name]
        self.removed.add(name)
        self.away.discard(name)
        if self.server is not None:
            self.server.remove(name, retire=match is not None)
        if self.phase == "lobby":
            self._publish_lobby()
        elif self.phase == "question" and match is not None:
            self._check_closed()

    def refuse(self, name: str, reason: str) -> None:
        """A phone's name the big screen cannot show: it never takes a seat."""
        if self.server is not None:
            self.server.remove(name, reason)

    @property
    def roster(self) -> list[str]:
        return list(self.players)

    # -- the match ------------------------------------------------------------------------
    @property
    def time_limit(self) -> float:
        if self.match is not None and self.match.time_limit is not None:
            return self.match.time_limit
        return DEFAULT_TIME_LIMIT

    def start(self) -> bool:
        """Start the match with everyone in the lobby; False when nobody has joined."""
        if self.phase != "lobby" or not self.players:
            return False
        self.match = self._make_match(list(self.players))
        self.match.start_round()
        self._open()
        return True

    def _open(self) -> None:
        match = self.match
        assert match is not None
        question = match.current_question
        if question is None:  # a deck too small for another question
            self._round_done()
            return
        self.number += 1
        self._question = question
        self._turns = {}
        self.reveal = None
        self.phase = "question"
        if self.server is not None:
            self.server.open_question(
                self.number,
                {
                    "prompt": question.prompt,
                    "options": list(question.options),
                    "index": match.turn_index + 1,
                    "total": match.turns_in_round,
                    "round": match.round_no,
                    "seconds": round(self.time_limit),
                },
                frozenset(match.answering),
            )

    def answer(self, name: str, option: int, seconds: float) -> bool:
        """A player's answer to the open question; False (and nothing changes) for a second
        answer, a player the question does not wait for, or a closed question."""
        match = self.match
        if match is None or self.phase not in ("question", "closing"):
            return False
        if match.current_question is not self._question:
            return False  # everyone has answered: it closed, the next one is not shown yet
        try:
            turn = match.answer_for(name, option, seconds)
        except (ValueError, RuntimeError):
            return False
        self._turns[name] = turn
        self.answers_taken += 1
        self._check_closed()
        return True

    def waiting_for(self) -> tuple[str, ...]:
        match = self.match
        if match is None or self.phase != "question":
            return ()
        return tuple(p for p in match.answering if p not in self._turns)

    def time_up(self) -> None:
        """Time ran out or the host skipped: stop taking answers; `update` closes it."""
        if self.phase == "question":
            self._start_closing()

    def _start_closing(self) -> None:
        """Shut the server's gate now; reveal from the next frame's `update`, after the app
        has drained the inbox of every answer the server locked before the gate shut. (When
        everyone has answered it also spreads the work: the frame that takes the last of
        fifty answers does not also build and draw the reveal.)"""
        if self.server is not None:
            self.server.close_question()
        self.phase = "closing"
        self._closing_since_update = False

    def update(self) -> None:
        """Once per frame, after the inbox is drained: finish a question that is closing."""
        if self.phase != "closing" or self.match is None:
            return
        if not self._closing_since_update:
            self._closing_since_update = True  # answers may still be on their way in
            return
        if self.match.current_question is self._question:
            for turn in self.match.close_question():
                self._turns[turn.player] = turn
        self._show_reveal()

    def _check_closed(self) -> None:
        match = self.match
        if match is not None and match.current_question is not self._question:
            self._start_closing()

    def standings(self) -> list[Ranked]:
        """Totals of the players still in the party, best first; ties share a rank."""
        match = self.match
        if match is None:
            return []
        totals = [(s.name, s.total) for s in match.standings() if s.name not in self.removed]
        ordered = sorted((t for _n, t in totals), reverse=True)
        ranked = [Ranked(name, total, ordered.index(total) + 1) for name, total in totals]
        return sorted(
            ranked,
            key=lambda r: (
                r.rank,
                list(self.players).index(r.name) if r.name in self.players else 0,
            ),
        )

    def _show_reveal(self) -> None:
        question = self._question
        assert question is not None
        counts = [0] * len(question.options)
        for turn in self._turns.values():
            if turn.chosen is not None:
                counts[turn.chosen] += 1
        standings = self.standings()
        self.reveal = Reveal(question, tuple(counts), dict(self._turns), tuple(standings[:TOP]))
        self.phase = "reveal"
        if self.server is not None:
            by_name = {r.name: r for r in standings}
            personal = {}
            for name, turn in self._turns.items():
                if name in by_name:
                    personal[name] = {
                        "right": turn.correct,
                        "points": turn.points.total,
                        "score": by_name[name].total,
                        "rank": by_name[name].rank,
                    }
            self.server.publish(
                {
                    "type": "reveal",
                    "question": self.number,
                    "answer": question.correct,
                    "players": len(standings),
                },
                personal,
            )

    def next(self) -> None:
        """After a reveal: the next question, the next round, or the podium."""
        if self.phase != "reveal" or self.match is None:
            return
        if self.match.round_over:
            self._round_done()
        else:
            self._open()

    def _round_done(self) -> None:
        match = self.match
        assert match is not None
        if not match.round_over:
            return
        match.finish_round()
        self._save(match)
        if match.match_over:
            self._podium()
        else:
            match.start_round()
            self._open()

    def end(self) -> None:
        """End now: what was answered counts, the match is saved, the podium shows."""
        match = self.match
        if match is None or self.phase == "podium":
            return
        if self.phase in ("question", "closing") and self.server is not None:
            self.server.close_question()
        match.finish()
        self._save(match)
        self._podium()

    def _podium(self) -> None:
        self.phase = "podium"
        if self.server is not None:
            standings = self.standings()
            personal = {r.name: {"place": r.rank, "score": r.total} for r in standings}
            self.server.publish({"type": "podium", "players": len(standings)}, personal)

    def toggle_pause(self) -> None:
        if self.phase == "question":
            self.paused = not self.paused
            if self.server is not None:
                self.server.notify({"type": "paused", "paused": self.paused})

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()

    def _publish_lobby(self) -> None:
        if self.server is not None:
            self.server.publish({"type": "lobby", "players": len(self.players)})
