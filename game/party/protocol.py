"""The messages phones and the host exchange, and the rules for names and codes.

Pure functions and frozen records, so the rules a hostile phone runs into (size, shape,
names) are tested without a socket. docs/party-protocol.md describes the same messages.
"""

from __future__ import annotations

import json
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

from game.core import limits

MAX_MESSAGE_BYTES = 4096  # anything longer is dropped unread
MAX_PLAYERS = limits.max_players("party")
NAME_MAX = limits.NAME_MAX
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I/1 or O/0 to misread
CODE_LENGTH = 4


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(18)


def clean_name(raw: object) -> str | None:
    """A name as players will see it: control and format characters removed, runs of
    whitespace made one space, 1–NAME_MAX characters; None when nothing usable is left."""
    if not isinstance(raw, str):
        return None
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in raw
        if ch.isspace() or not unicodedata.category(ch).startswith("C")
    )
    name = " ".join(kept.split())
    if not 1 <= len(name) <= NAME_MAX:
        return None
    return name


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name 2`, `name 3`, … (shortened to fit) when someone has it already."""
    if name not in taken:
        return name
    n = 2
    while True:
        suffix = f" {n}"
        candidate = name[: NAME_MAX - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        n += 1


@dataclass(frozen=True)
class Join:
    name: str | None  # a new player
    token: str | None  # a returning player (reload, dropped connection)


@dataclass(frozen=True)
class Answer:
    question: int
    option: int


ClientMessage = Join | Answer


class BadMessage(ValueError):
    """A message the server refuses; its text is what the phone is told."""


def parse_client_message(raw: str | bytes) -> ClientMessage:
    """One message from a phone, or BadMessage saying what is wrong with it."""
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "replace"))
    if size > MAX_MESSAGE_BYTES:
        raise BadMessage(f"message over {MAX_MESSAGE_BYTES} bytes")
    try:
        data: Any = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadMessage("not JSON") from None
    if not isinstance(data, dict):
        raise BadMessage("expected a JSON object")
    kind = data.get("type")
    if kind == "join":
        token = data.get("token")
        if token is not None and (not isinstance(token, str) or len(token) > 64):
            raise BadMessage("bad token")
        name = data.get("name")
        if token is None:
            cleaned = clean_name(name)
            if cleaned is None:
                raise BadMessage(f"names are 1–{NAME_MAX} characters")
            return Join(cleaned, None)
        return Join(clean_name(name), token)
    if kind == "answer":
        question, option = data.get("question"), data.get("option")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (question, option)):
            raise BadMessage("answer needs whole numbers: question, option")
        return Answer(question, option)
    raise BadMessage("unknown message type")


# -- what the server puts on the game loop's inbox ----------------------------------------
@dataclass(frozen=True)
class PlayerJoined:
    name: str


@dataclass(frozen=True)
class PlayerLeft:
    """The phone's connection dropped; the player may come back with their token."""

    name: str


@dataclass(frozen=True)
class PlayerBack:
    name: str


@dataclass(frozen=True)
class PhoneAnswer:
    name: str
    question: int  # the number the host gave the question when it opened it
    option: int
    seconds: float  # from the question opening to the answer arriving, by the server's clock


def encode(message: dict[str, Any]) -> str:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))
