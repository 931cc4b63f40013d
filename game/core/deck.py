"""The deck: dramas, their couples, the characters and the actors who play them.

Frozen dataclasses so a loaded deck can be shared by every generator and scene without
anyone changing it underneath the others.

`load_deck` is strict because decks are written by hand: every problem in a file is
reported at once, as `FILE:LINE: field.path: what is wrong`, so one run of `kdrama-quiz
check` is enough to fix a deck. Only plain YAML data is accepted (no tags, anchors or
aliases, at most 5 MB), because a deck may come from anyone. The reading itself is in
`deck_reader`, loaded with the first deck read: a start that finds its decks already read
(see `parsed_decks`) never imports YAML.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class DeckError(Exception):
    """A deck that cannot be used. `problems` holds every `FILE:LINE: field: message` line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Person:
    character: str
    actor: str
    description: str
    aliases: tuple[str, ...] = ()
    hangul: str | None = None
    actor_aliases: tuple[str, ...] = ()
    actor_hangul: str | None = None
    gender: str | None = None  # "female" | "male" | None when unknown
    also_loves: tuple[str, ...] = ()
    """Others in the same drama this character falls for (one-sided or not): never offered
    as a wrong answer to "who falls for ...?", since a fan could defend them."""


@dataclass(frozen=True)
class Couple:
    id: str
    obstacle: str
    partners: tuple[Person, Person]
    story: str | None = None


@dataclass(frozen=True)
class Drama:
    id: str
    title: str
    couples: tuple[Couple, ...]
    aliases: tuple[str, ...] = ()
    hangul: str | None = None
    year: int | None = None
    characters: tuple[Person, ...] = ()
    sources: tuple[str, ...] = ()
    """Where the drama's facts were checked (URLs or a short citation)."""


@dataclass(frozen=True)
class Deck:
    title: str
    dramas: tuple[Drama, ...]
    source: str | None = None

    def couples(self) -> Iterator[tuple[Drama, Couple]]:
        for drama in self.dramas:
            for couple in drama.couples:
                yield drama, couple

    def people(self) -> Iterator[tuple[Drama, Couple | None, Person]]:
        """Every character in the deck: couple partners first, then a drama's extra characters."""
        for drama in self.dramas:
            for couple in drama.couples:
                for person in couple.partners:
                    yield drama, couple, person
            for person in drama.characters:
                yield drama, None, person


MAX_DECK_BYTES = 5 * 1024 * 1024
"""Bigger files are refused before parsing: a real deck is a few hundred kilobytes at most."""

YEARS = range(1900, 2101)
GENDERS = ("female", "male")
def load_deck(path: str | Path) -> Deck:
    """Read and validate a deck file. Raises DeckError listing every problem found.

    Problems read `FILE:LINE: field.path: what is wrong`, with FILE the base name; problems
    about the file as a whole (missing, a directory, too big) read `FILE: what is wrong`.
    """
    path = Path(path)
    name = path.name or str(path)
    if path.is_dir():
        raise DeckError([f"{name}: is a directory, not a deck file ({path})"])
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_DECK_BYTES + 1)
    except FileNotFoundError:
        raise DeckError([f"{name}: no such deck file ({path})"]) from None
    except OSError as error:
        raise DeckError([f"{name}: cannot read the deck: {error.strerror or error}"]) from None
    if len(data) > MAX_DECK_BYTES:
        raise DeckError([f"{name}: {_too_big(max(path.stat().st_size, len(data)))}"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise DeckError(
            [
                f"{name}:{line}: deck: not UTF-8 text (byte 0x{data[error.start]:02x} in column "
                f"{column}); save the file as UTF-8"
            ]
        ) from None
    return parse_deck(text, name=name)


def parse_deck(text: str, name: str = "<deck>") -> Deck:
    """Validate deck text already in memory; `name` stands for FILE in the problems."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        bad = f"U+{ord(text[error.start]):04X}"
        raise DeckError(
            [f"{name}:{line}: deck: not valid Unicode (lone surrogate {bad})"]
        ) from None
    if size > MAX_DECK_BYTES:
        raise DeckError([f"{name}: {_too_big(size)}"])
    from game.core.deck_reader import Reader

    reader = Reader(name)
    deck = reader.read(text)
    problems = reader.problems
    if problems:
        raise DeckError(problems)
    assert deck is not None  # every way of ending up without a deck reports a problem
    return deck


def _too_big(size: int) -> str:
    return (
        f"the file is {size:,} bytes; a deck may be at most {MAX_DECK_BYTES:,} bytes "
        f"({MAX_DECK_BYTES >> 20} MB)"
    )
