"""The party host without a network: what it does with answers around a question's close."""

from __future__ import annotations

from game import paths
from game.core.deck import load_deck
from game.core.session import Match
from game.party.host import PartyHost
from game.party.protocol import PhoneAnswer, PlayerJoined

DECK = load_deck(paths.default_deck())


def hosted(*names: str) -> tuple[PartyHost, list[Match]]:
    saved: list[Match] = []

    def make(players: list[str]) -> Match:
        return Match(
            DECK, players, rounds=1, questions_per_round=2, seed=3, mode="party", simultaneous=True
        )

    host = PartyHost(None, make, saved.append)
    for name in names:
        host.receive(PlayerJoined(name))
    assert host.start()
    return host, saved


def test_an_answer_locked_just_before_time_ran_out_still_counts() -> None:
    host, _saved = hosted("Ann", "Bo")
    question = host.match.current_question
    host.time_up()  # the gate shuts this frame ...
    host.update()
    # ... while Ann's answer, locked by the server a moment earlier, waits in the inbox
    host.receive(PhoneAnswer("Ann", host.number, question.answer, 3.0))
    host.update()  # the next frame, after the inbox was drained
    assert host.phase == "reveal"
    assert host.reveal.turns["Ann"].correct and host.reveal.turns["Bo"].chosen is None


def test_an_answer_after_everyone_answered_does_not_leak_into_the_next_question() -> None:
    host, _saved = hosted("Ann", "Bo")
    question = host.match.current_question
    assert host.answer("Ann", question.answer, 1.0)
    assert host.answer("Bo", question.answer, 1.0)
    assert host.phase == "closing"  # closed; its reveal comes on the next frame
    assert not host.answer("Ann", 0, 1.2)  # a second press in the same frame
    host.update()
    host.update()
    assert host.phase == "reveal"
    host.next()
    assert host.match.answered() == {}


def test_the_match_is_saved_after_the_round_and_at_the_end() -> None:
    host, saved = hosted("Ann")
    for _ in range(2):
        host.time_up()
        host.update()
        host.update()
        host.next()
    assert host.phase == "podium"
    assert len(saved) == 1 and saved[0].match_over
