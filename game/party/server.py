"""The party server: one port serves the phone page over HTTP and the phones' WebSocket.

It runs on its own thread with its own asyncio loop. The game loop calls the public methods
(from its own thread) to open and close questions and to publish what the phones should
show; everything the server hears that matters to the game goes onto the app's inbox.

The server is the gate for phone answers: it stamps each one with its own clock when it
arrives (never the phone's), takes one answer per player per question, and replies "locked"
at once, without waiting for the next frame of the game. A lock shared with
`close_question` makes "locked" and "too late" exact: an answer the phone was told is locked
is on the inbox before the question closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from game import paths
from game.party.protocol import (
    MAX_PLAYERS,
    Answer,
    BadMessage,
    Join,
    PhoneAnswer,
    PlayerBack,
    PlayerJoined,
    PlayerLeft,
    encode,
    new_code,
    new_token,
    parse_client_message,
    unique_name,
)

SOCKET_PATH = "/ws"
HARD_LIMIT_BYTES = 64 * 1024  # beyond this the connection itself is closed
RATE_PER_SECOND = 8.0  # messages a phone may send, on average
BURST = 16
FLOOD_CLOSE_AFTER = 400  # dropped messages before the connection is closed
JOIN_TIMEOUT = 15.0
# While the server runs, a thread waiting for the interpreter lock gets it within this many
# seconds instead of CPython's 5 ms: waking the server (to publish a reveal) otherwise cost
# the game loop a 5-7 ms frame, measured, as both threads queued for the lock.
SWITCH_INTERVAL = 0.0005
# What every phone should show is sent this long after the game asks, so the sending (fifty
# messages) falls while the game loop sleeps between frames instead of while it draws the
# screen it just changed: measured, the round's frame p99 went from ~4 ms to ~2.5 ms.
PUBLISH_DELAY = 0.008  # half a frame at 60 fps; the game's frame itself takes 1-3 ms
FONT_PATH = "/font.otf"
SECURITY_HEADERS = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; "
        "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'",
    ),
]

LOG = logging.getLogger("kdrama_quiz.party")
LOG.addHandler(logging.NullHandler())
LOG.propagate = False  # a phone's broken handshake is not the host's terminal's business


def page_files() -> dict[str, tuple[Path, str]]:
    """Every path the server answers with a file: the page, its style and script, the font.
    A fixed table, so no request can name any other file."""
    party = paths.bundle_root() / "assets" / "party"
    return {
        "/": (party / "index.html", "text/html; charset=utf-8"),
        "/index.html": (party / "index.html", "text/html; charset=utf-8"),
        "/style.css": (party / "style.css", "text/css; charset=utf-8"),
        "/app.js": (party / "app.js", "text/javascript; charset=utf-8"),
        FONT_PATH: (paths.font_dir() / "NotoSansKR-Regular-subset.otf", "font/otf"),
    }


def lan_address(bind: str) -> str:
    """The address to print and put in the QR code. A server bound to every interface is
    reached at this machine's address on the network its default route uses (found by
    "connecting" a UDP socket, which sends nothing); a specific bind address is itself."""
    if bind not in ("0.0.0.0", "", "::"):
        return bind
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


@dataclass
class _Bucket:
    """Token bucket: a phone may send BURST messages at once, RATE_PER_SECOND on average."""

    tokens: float = BURST
    at: float = field(default_factory=time.monotonic)
    dropped: int = 0
    warned: bool = False  # told "slow down" since the last message that got through

    def take(self, now: float) -> bool:
        self.tokens = min(BURST, self.tokens + (now - self.at) * RATE_PER_SECOND)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            self.warned = False
            return True
        self.dropped += 1
        return False


@dataclass
class _Seat:
    name: str
    token: str
    connection: ServerConnection | None = None


@dataclass
class _OpenQuestion:
    number: int
    options: int
    opened_at: float
    answering: frozenset[str]
    answered: dict[str, int] = field(default_factory=dict)


class PartyServer:
    """Start with `start()`, stop with `stop()`; safe to call from the game loop's thread."""

    def __init__(
        self,
        post: Callable[[object], None],
        *,
        bind: str = "0.0.0.0",
        port: int = 0,
        code: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.code = code or new_code()
        self.bind = bind
        self.port = port
        self._post = post
        self._clock = clock
        self._lock = threading.Lock()
        self._seats: dict[str, _Seat] = {}  # by token
        self._local: set[str] = set()  # gamepad and keyboard players' names
        self._retired: set[str] = set()  # names of players removed during the match
        self._question: _OpenQuestion | None = None
        self._screen: dict[str, Any] = {"type": "lobby"}
        self._personal: dict[str, dict[str, Any]] = {}
        self._scores: dict[str, int] = {}
        self._files = {path: (file, kind) for path, (file, kind) in page_files().items()}
        self._cache: dict[str, bytes] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._switch_interval = sys.getswitchinterval()
        self.refused = 0  # messages refused or dropped, for tests and the bench

    # -- life cycle ---------------------------------------------------------------------
    def start(self, timeout: float = 5.0) -> None:
        """Listen; returns once the port is open. Raises OSError when it cannot be."""
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL))
        self._thread = threading.Thread(target=self._run, name="party-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            self.stop()
            raise OSError("the party server did not start in time")
        if self._error is not None:
            self.stop()  # its thread has ended; this puts the switch interval back
            raise self._error

    def stop(self, timeout: float = 5.0) -> None:
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop already finished
                loop.call_soon_threadsafe(stop.set)
        if self._thread is not None:
            self._thread.join(timeout)
            sys.setswitchinterval(self._switch_interval)
            self._thread = None

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as error:  # reported to start(), which raises it in the game
            self._error = error
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with serve(
            self._handle,
            self.bind,
            self.port,
            process_request=self._http,
            max_size=HARD_LIMIT_BYTES,
            compression=None,
            logger=LOG,
            ping_interval=10,
            ping_timeout=20,
            close_timeout=2,
            server_header=None,
        ) as server:
            self.port = server.sockets[0].getsockname()[1]
            self._ready.set()
            await self._stop.wait()

    # -- the game loop's side -------------------------------------------------------------
    def reserve(self, name: str) -> str | None:
        """A unique name for a gamepad or keyboard player, or None when the party is full."""
        with self._lock:
            if len(self._seats) + len(self._local) >= MAX_PLAYERS:
                return None
            unique = unique_name(name, self._taken())
            self._local.add(unique)
            return unique

    def open_question(
        self, number: int, message: dict[str, Any], answering: frozenset[str]
    ) -> None:
        """Show a question on the phones and start taking answers to it, timed from now."""
        with self._lock:
            options = len(message["options"])
            self._question = _OpenQuestion(number, options, self._clock(), answering)
            self._screen = {**message, "type": "question", "number": number}
            self._personal = {}
            snapshot = self._snapshot()
        self._publish_soon(snapshot)

    def close_question(self) -> None:
        """No more answers. Every answer the server locked is on the inbox before this
        returns, so the game loop drains the inbox right after and misses none."""
        with self._lock:
            self._question = None

    def publish(
        self, message: dict[str, Any], personal: dict[str, dict[str, Any]] | None = None
    ) -> None:
        """What every phone shows now (lobby, reveal, podium), with each player's own part
        (their points, rank, place) merged in. Kept for phones that reconnect."""
        with self._lock:
            self._screen = dict(message)
            self._personal = dict(personal or {})
            for name, mine in self._personal.items():
                if "score" in mine:
                    self._scores[name] = mine["score"]
            snapshot = self._snapshot()
        self._publish_soon(snapshot)

    def notify(self, message: dict[str, Any]) -> None:
        """A passing note to every phone (the host paused), not kept for reconnects."""
        text = encode(message)

        def send() -> None:
            with self._lock:
                connections = [s.connection for s in self._seats.values() if s.connection]
            broadcast(connections, text)

        self._call(send)

    def remove(
        self,
        name: str,
        reason: str = "The host removed you from the game.",
        *,
        retire: bool = False,
    ) -> None:
        """The host removed a player: their phone is told why and disconnected and their token
        stops working. With `retire` (a match under way, which keeps their score under that
        name) the name stays taken, so a newcomer cannot inherit it."""
        with self._lock:
            self._local.discard(name)
            if retire:
                self._retired.add(name)
            seat = next((s for s in self._seats.values() if s.name == name), None)
            if seat is None:
                return
            del self._seats[seat.token]
        connection = seat.connection
        if connection is not None:
            self._call(lambda: asyncio.ensure_future(self._say_goodbye(connection, reason)))

    def players(self) -> list[str]:
        with self._lock:
            return [seat.name for seat in self._seats.values()]

    def join_address(self) -> str:
        """The address phones open: this machine as the local network sees it."""
        host = lan_address(self.bind)
        host = f"[{host}]" if ":" in host else host  # an IPv6 address in a URL
        return f"http://{host}:{self.port}/?code={self.code}"

    # -- the server thread's side ----------------------------------------------------------
    def _call(self, action: Callable[[], object]) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(action)

    def _taken(self) -> set[str]:
        return {seat.name for seat in self._seats.values()} | self._local | self._retired

    def _http(self, connection: ServerConnection, request: Request) -> Response | None:
        """The page and its files, the socket's handshake (with the right code), else 404."""
        url = urlsplit(request.path)
        if url.path == SOCKET_PATH:
            code = parse_qs(url.query).get("code", [""])[0].upper()
            if not hmac.compare_digest(code.encode(), self.code.encode()):
                return connection.respond(403, "Wrong game code.\n")
            return None
        entry = self._files.get(url.path)
        if entry is None:
            return connection.respond(404, "Not found.\n")
        file, kind = entry
        body = self._cache.get(url.path)
        if body is None:
            body = self._cache[url.path] = file.read_bytes()
        # The page is never cached (a new game may bring a new page); the 1 MB font may be.
        cache = "max-age=86400" if url.path == FONT_PATH else "no-store"
        headers = Headers(
            [
                ("Content-Type", kind),
                ("Content-Length", str(len(body))),
                ("Cache-Control", cache),
                *SECURITY_HEADERS,
            ]
        )
        return Response(200, "OK", headers, body)

    async def _handle(self, ws: ServerConnection) -> None:
        seat: _Seat | None = None
        bucket = _Bucket()
        try:
            first = await asyncio.wait_for(ws.recv(), JOIN_TIMEOUT)
            seat = await self._greet(ws, first)
            if seat is None:
                return
            async for raw in ws:
                if not bucket.take(self._clock()):
                    self.refused += 1
                    if not bucket.warned:
                        bucket.warned = True
                        await self._send(ws, {"type": "refused", "reason": "slow down"})
                    if bucket.dropped >= FLOOD_CLOSE_AFTER:
                        await ws.close(1008, "flooding")
                        return
                    continue
                await self._send(ws, self._reply(seat, raw))
        except (ConnectionClosed, TimeoutError, asyncio.TimeoutError):
            pass
        finally:
            if seat is not None:
                with self._lock:
                    gone = seat.connection is ws and seat.token in self._seats
                    if gone:
                        seat.connection = None
                if gone:
                    self._post(PlayerLeft(seat.name))

    async def _greet(self, ws: ServerConnection, raw: str | bytes) -> _Seat | None:
        """The first message must be a join; returns the player's seat, or None (refused)."""
        try:
            message = parse_client_message(raw)
        except BadMessage as error:
            self.refused += 1
            await self._say_goodbye(ws, f"Could not join: {error}.")
            return None
        if not isinstance(message, Join):
            self.refused += 1
            await self._say_goodbye(ws, "Join first.")
            return None
        with self._lock:
            seat = self._seats.get(message.token) if message.token else None
            returning = seat is not None
            if seat is None and message.name is None:
                problem = "That game has ended or you were removed; join again with a name."
            elif seat is None and len(self._seats) + len(self._local) >= MAX_PLAYERS:
                problem = f"The party is full ({MAX_PLAYERS} players)."
            else:
                problem = None
            if problem is None:
                if seat is None:
                    seat = _Seat(unique_name(message.name or "", self._taken()), new_token())
                    self._seats[seat.token] = seat
                previous, seat.connection = seat.connection, ws
            greeting = self._greeting(seat) if problem is None else []
        if problem is not None or seat is None:
            self.refused += 1
            await self._say_goodbye(ws, problem or "Could not join.")
            return None
        if returning and previous is not None and previous is not ws:
            await previous.close(1000, "opened elsewhere")
        self._post(PlayerBack(seat.name) if returning else PlayerJoined(seat.name))
        for message_out in greeting:
            await self._send(ws, message_out)
        return seat

    def _greeting(self, seat: _Seat) -> list[dict[str, Any]]:
        """Welcome, then the screen the game is on, as this player should see it. Call with
        the lock held."""
        out = [
            {
                "type": "welcome",
                "name": seat.name,
                "token": seat.token,
                "score": self._scores.get(seat.name, 0),
            },
            self._screen_for(seat.name),
        ]
        question = self._question
        if question is not None and out[1]["type"] == "question":  # the countdown goes on
            left = out[1]["seconds"] - (self._clock() - question.opened_at)
            out[1]["seconds"] = max(0, round(left))
        if question is not None and seat.name in question.answered:
            out.append(
                {
                    "type": "locked",
                    "question": question.number,
                    "option": question.answered[seat.name],
                }
            )
        return out

    def _snapshot(self) -> tuple[dict[str, Any], dict[str, dict[str, Any]], frozenset[str]]:
        """What to publish, taken when it is published: the server thread may run the send
        after the game has moved on, and must still send what was current then."""
        answering = self._question.answering if self._question is not None else frozenset()
        return self._screen, self._personal, answering

    def _screen_for(self, name: str) -> dict[str, Any]:
        return _screen_for(name, *self._snapshot())

    def _reply(self, seat: _Seat, raw: str | bytes) -> dict[str, Any]:
        try:
            message = parse_client_message(raw)
        except BadMessage as error:
            self.refused += 1
            return {"type": "refused", "reason": str(error)}
        if isinstance(message, Join):
            self.refused += 1
            return {"type": "refused", "reason": "already joined"}
        return self._take_answer(seat, message)

    def _take_answer(self, seat: _Seat, answer: Answer) -> dict[str, Any]:
        now = self._clock()
        with self._lock:
            question = self._question
            if seat.token not in self._seats:
                reason = "you were removed"
            elif question is None or question.number != answer.question:
                reason = "too late: that question is closed"
            elif seat.name not in question.answering:
                reason = "you join at the next question"
            elif seat.name in question.answered:
                reason = "you already answered"
            elif not 0 <= answer.option < question.options:
                reason = "no such option"
            else:
                question.answered[seat.name] = answer.option
                self._post(
                    PhoneAnswer(seat.name, question.number, answer.option, now - question.opened_at)
                )
                return {"type": "locked", "question": question.number, "option": answer.option}
        self.refused += 1
        return {"type": "refused", "reason": reason}

    def _publish_soon(
        self, snapshot: tuple[dict[str, Any], dict[str, dict[str, Any]], frozenset[str]]
    ) -> None:
        def later() -> None:
            loop = self._loop
            if loop is not None:
                loop.call_later(PUBLISH_DELAY, lambda: self._publish_now(*snapshot))

        self._call(later)

    def _publish_now(
        self, screen: dict[str, Any], personal: dict[str, dict[str, Any]], answering: frozenset[str]
    ) -> None:
        with self._lock:
            question = self._question
            fresh = question is not None and not question.answered
            if fresh and screen["type"] == "question" and question.number == screen["number"]:
                question.opened_at = self._clock()  # answers are timed from when phones see it
            seats = [
                (seat.connection, seat.name)
                for seat in self._seats.values()
                if seat.connection is not None
            ]
        if not personal and screen["type"] != "question":
            broadcast([connection for connection, _name in seats if connection], encode(screen))
            return
        for connection, name in seats:
            if connection is not None:
                broadcast([connection], encode(_screen_for(name, screen, personal, answering)))

    async def _send(self, ws: ServerConnection, message: dict[str, Any]) -> None:
        await ws.send(encode(message))

    async def _say_goodbye(self, ws: ServerConnection, reason: str) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self._send(ws, {"type": "error", "reason": reason})
            await ws.close(1008, "refused")


def _screen_for(
    name: str,
    screen: dict[str, Any],
    personal: dict[str, dict[str, Any]],
    answering: frozenset[str],
) -> dict[str, Any]:
    """The screen as `name` sees it: their own part merged in; on a question, whether they
    wait for the next one (a late joiner)."""
    mine = {**screen, **personal.get(name, {})}
    if mine["type"] == "question":
        mine["waiting"] = name not in answering
    return mine
