"""The server on its own, in this process: the party's size limit and a returning phone."""

from __future__ import annotations

import asyncio
import json
import queue
import sys

import pytest
from websockets.asyncio.client import connect

from game.party.protocol import MAX_PLAYERS, PlayerBack, PlayerJoined, PlayerLeft
from game.party.server import PartyServer


def started() -> tuple[PartyServer, queue.SimpleQueue]:
    inbox: queue.SimpleQueue = queue.SimpleQueue()
    server = PartyServer(inbox.put, bind="127.0.0.1", port=0)
    server.start()
    return server, inbox


def drained(inbox: queue.SimpleQueue) -> list[object]:
    items = []
    while not inbox.empty():
        items.append(inbox.get_nowait())
    return items


async def first_reply(url: str, join: dict) -> dict:
    async with connect(url) as ws:
        await ws.send(json.dumps(join))
        return json.loads(await asyncio.wait_for(ws.recv(), 5))


def test_the_fifty_first_player_is_told_the_party_is_full() -> None:
    server, _inbox = started()
    try:
        for n in range(MAX_PLAYERS - 1):
            assert server.reserve(f"Keys {n}") is not None
        url = f"ws://127.0.0.1:{server.port}/ws?code={server.code}"
        assert (
            asyncio.run(first_reply(url, {"type": "join", "name": "Fiftieth"}))["type"] == "welcome"
        )
        reply = asyncio.run(first_reply(url, {"type": "join", "name": "One too many"}))
        assert reply == {"type": "error", "reason": f"The party is full ({MAX_PLAYERS} players)."}
        assert server.reserve("Pad") is None
    finally:
        server.stop()


def test_a_phone_that_comes_back_with_its_token_keeps_its_seat_and_score() -> None:
    server, inbox = started()
    url = f"ws://127.0.0.1:{server.port}/ws?code={server.code}"

    async def visit(join: dict) -> list[dict]:
        async with connect(url) as ws:
            await ws.send(json.dumps(join))
            return [json.loads(await asyncio.wait_for(ws.recv(), 5)) for _ in range(2)]

    try:
        welcome, _lobby = asyncio.run(visit({"type": "join", "name": "Ann"}))
        server.publish({"type": "reveal", "question": 1}, {"Ann": {"score": 900, "rank": 1}})
        again, screen = asyncio.run(visit({"type": "join", "token": welcome["token"]}))
        assert (again["name"], again["score"]) == ("Ann", 900)
        assert screen["type"] == "reveal" and screen["rank"] == 1
        stranger = asyncio.run(first_reply(url, {"type": "join", "token": "made-up"}))
        assert stranger["type"] == "error"
    finally:
        server.stop()
    assert [type(m) for m in drained(inbox)] == [PlayerJoined, PlayerLeft, PlayerBack, PlayerLeft]


def test_a_name_removed_during_the_match_is_not_handed_to_a_newcomer() -> None:
    server, _inbox = started()
    try:
        assert server.reserve("Keys 1–4") == "Keys 1–4"
        server.remove("Keys 1–4")  # in the lobby: the name is free again
        assert server.reserve("Keys 1–4") == "Keys 1–4"
        server.remove("Keys 1–4", retire=True)  # mid-match: their score keeps the name
        assert server.reserve("Keys 1–4") == "Keys 1–4 2"
    finally:
        server.stop()


def test_a_server_that_cannot_listen_leaves_the_interpreter_as_it_found_it() -> None:
    before = sys.getswitchinterval()
    first, _inbox = started()
    try:
        assert sys.getswitchinterval() < before  # the game loop gets the lock back quickly
        second = PartyServer(lambda _message: None, bind="127.0.0.1", port=first.port)
        with pytest.raises(OSError):
            second.start()
    finally:
        first.stop()
    assert sys.getswitchinterval() == before
