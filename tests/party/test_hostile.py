"""Phones that misbehave: each trick is refused, the round goes on, nothing wrong is saved."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.party.conftest import ROOT, host_env

HTML_NAME = "<svg onload=alert(1)>"  # a script if ever parsed as HTML; 21 characters
STEP_TIMEOUT = 20


def http_get(netloc: str, path: str) -> tuple[int, bytes]:
    """A raw GET, so the path reaches the server exactly as written (no client clean-up)."""
    host, port = netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=5) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: {netloc}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data.split(b"\r\n\r\n", 1)[1]


async def next_of(ws, kind: str) -> dict:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), STEP_TIMEOUT))
        if message["type"] == kind:
            return message


async def joined(url: str, name: str):
    ws = await connect(url)
    await ws.send(json.dumps({"type": "join", "name": name}))
    welcome = await next_of(ws, "welcome")
    return ws, welcome


async def refused_at_join(url: str, raw: str) -> str:
    async with connect(url, max_size=2**20) as ws:
        await ws.send(raw)
        message = json.loads(await asyncio.wait_for(ws.recv(), STEP_TIMEOUT))
        assert message["type"] == "error"
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(ws.recv(), STEP_TIMEOUT)
        return message["reason"]


def test_the_server_serves_only_its_page_and_refuses_a_wrong_code(start_host) -> None:
    host = start_host(expect=1)
    status, body = http_get(host.netloc, "/")
    assert status == 200 and b"Your name" in body
    for path in (
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/party/app.js",
        "/app.js/../../../etc/passwd",
        "/data/dramas.yaml",
        "//etc/passwd",
    ):
        status, body = http_get(host.netloc, path)
        assert status == 404, path
        assert b"root:" not in body

    async def wrong_code() -> None:
        for code in ("WRONG", "", host.code.lower() + "X"):
            with pytest.raises(InvalidStatus, match="403"):
                async with connect(host.socket_url(code)):
                    pass

    asyncio.run(wrong_code())


def test_hostile_phones_are_refused_and_the_round_goes_on(start_host) -> None:
    host = start_host(expect=3, questions=2)
    url = host.socket_url()
    log: dict[str, list] = {"good": [], "html": [], "flood": []}

    async def play() -> None:
        # Refused before joining: malformed, oversized, not a join, a nameless join.
        assert "not JSON" in await refused_at_join(url, "{not json")
        assert "4096" in await refused_at_join(
            url, json.dumps({"type": "join", "name": "x" * 5000})
        )
        assert "Join first" in await refused_at_join(
            url, json.dumps({"type": "answer", "question": 1, "option": 0})
        )
        assert "1–24" in await refused_at_join(url, json.dumps({"type": "join", "name": " "}))
        good, _ = await joined(url, "Good")
        html, welcome = await joined(url, HTML_NAME)
        assert welcome["name"] == HTML_NAME  # shown as text, kept as typed
        flood, _ = await joined(url, "Good")
        for question_no in (1, 2):
            question = await next_of(good, "question")
            number = question["number"]
            assert number == question_no
            await good.send(json.dumps({"type": "answer", "question": number, "option": 0}))
            log["good"].append((await next_of(good, "locked"))["option"])
            await next_of(html, "question")
            await html.send(json.dumps({"type": "answer", "question": number, "option": 1}))
            await next_of(html, "locked")
            await html.send(json.dumps({"type": "answer", "question": number, "option": 2}))
            log["html"].append((await next_of(html, "refused"))["reason"])
            await next_of(flood, "question")
            await flood.send("x" * 5000)
            log["flood"].append((await next_of(flood, "refused"))["reason"])
            await flood.send("[1, 2")
            log["flood"].append((await next_of(flood, "refused"))["reason"])
            for _ in range(150):  # a flood of answers, every one the same
                await flood.send(json.dumps({"type": "answer", "question": number, "option": 3}))
            replies = []
            while (message := json.loads(await asyncio.wait_for(flood.recv(), STEP_TIMEOUT)))[
                "type"
            ] != "reveal":
                replies.append(message.get("reason", message["type"]))
            log["flood"].append(replies)
            reveal = await next_of(good, "reveal")
            assert reveal["question"] == number
            await html.send(json.dumps({"type": "answer", "question": number, "option": 0}))
            log["html"].append((await next_of(html, "refused"))["reason"])
        await next_of(good, "podium")
        for ws in (good, html, flood):
            await ws.close()

    asyncio.run(asyncio.wait_for(play(), 50))
    assert host.wait() == 0
    assert log["html"] == ["you already answered", "too late: that question is closed"] * 2
    assert log["flood"][:2] == ["message over 4096 bytes", "not JSON"]
    for flood_replies in (log["flood"][2], log["flood"][5]):
        assert flood_replies.count("locked") == 1
        assert "slow down" in flood_replies  # throttled: most of the flood was dropped unread
        assert len(flood_replies) < 40
    [match] = host.saved_matches()
    assert match["mode"] == "party"
    assert [p["name"] for p in match["players"]] == ["Good", HTML_NAME, "Good 2"]
    for question in match["questions"]:
        picks = {name: p["option"] for name, p in question["picks"].items()}
        assert picks == {"Good": 0, HTML_NAME: 1, "Good 2": 3}  # one each, the first one


def test_a_port_already_taken_is_one_clear_line_and_exit_status_2(tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "game",
                "--mode",
                "party",
                "--bind",
                "127.0.0.1",
                "--port",
                str(port),
                "--frames",
                "1",
            ],
            cwd=ROOT,
            env=host_env(tmp_path / "home"),
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert f"cannot listen on port {port}" in line and "--port" in line
