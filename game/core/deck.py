"""The deck: dramas, their couples, the characters and the actors who play them.

Frozen dataclasses so a loaded deck can be shared by every generator and scene without
anyone changing it underneath the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml


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


def _person(raw: dict) -> Person:
    return Person(
        character=raw["character"],
        actor=raw["actor"],
        description=raw["description"],
        aliases=tuple(raw.get("aliases", ())),
        hangul=raw.get("hangul"),
        actor_aliases=tuple(raw.get("actor_aliases", ())),
        actor_hangul=raw.get("actor_hangul"),
        gender=raw.get("gender"),
    )


def load_deck(path: str | Path) -> Deck:
    """Read and validate a deck file. Raises DeckError listing every problem found."""
    # Provisional, permissive loader; the strict validator replaces this body.
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return Deck(
        title=raw["title"],
        source=raw.get("source"),
        dramas=tuple(
            Drama(
                id=d["id"],
                title=d["title"],
                aliases=tuple(d.get("aliases", ())),
                hangul=d.get("hangul"),
                year=d.get("year"),
                couples=tuple(
                    Couple(
                        id=c["id"],
                        obstacle=c["obstacle"],
                        story=c.get("story"),
                        partners=(_person(c["partners"][0]), _person(c["partners"][1])),
                    )
                    for c in d["couples"]
                ),
                characters=tuple(_person(p) for p in d.get("characters", ())),
            )
            for d in raw["dramas"]
        ),
    )
