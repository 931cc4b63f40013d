"""Judging practice answers: typed names in either direction, and four names to choose from.

A practice card asks for one actor (or one character), but the deck can make a second option
right too: one actor is written "Seo Yea-ji" in one entry and "Seo Ye-ji" in another, a drama
can list the same character twice (played young and old by two actors), and one actor can
play two characters in one drama. So names are grouped into classes (a name, its aliases and
its Hangul, linked transitively, compared the way `names.normalise` compares typed text), the
classes that would answer the card are never offered as distractors, and no two options share
a class. Distractors are of the answer's gender, or of unknown gender, never of the other one.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from game.core.deck import Deck, Person
from game.core.deck_caches import settle
from game.core.gradual import Gradual, Steps, run
from game.core.names import NameMatcher, Verdict, actor_spellings_in_steps, normalise
from game.core.practice import Card

OPTION_COUNT = 4
_SLICE = 200  # names indexed between two yields of a gradual build
# The indexes `Answers` keeps: judging typed actors, typed characters, and easy mode's options.
ACTOR_NAMES, CHARACTER_NAMES, CHOOSER = "actor names", "character names", "chooser"
_SAMPLE_TRIES = 24  # random picks before falling back to a walk over the whole pool


@dataclass(frozen=True)
class Choices:
    options: tuple[str, ...]
    answer: int  # index of the right option

    @property
    def correct(self) -> str:
        return self.options[self.answer]


class _Classes:
    """Union-find over normalised names; each class is named by its first spelling in the deck."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self.text: dict[str, str] = {}  # root key -> the name shown for the class
        self._keys: dict[str, str] = {}  # a spelling -> its normalised key (names recur a lot)

    def _key(self, text: str) -> str:
        """`normalise`, once per distinct spelling: a big deck names each actor many times."""
        key = self._keys.get(text)
        if key is None:
            key = self._keys[text] = normalise(text)
        return key

    def find(self, key: str) -> str:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def link(self, name: str, others: Iterable[str | None]) -> None:
        root = self._add(name)
        self.text.setdefault(root, name)
        for other in others:
            if other and self._key(other):
                self._union(root, self._add(other))

    def _union(self, a: str, b: str) -> None:
        a, b = self.find(a), self.find(b)
        if a == b:
            return
        self._parent[b] = a
        moved = self.text.pop(b, None)
        if moved is not None:
            self.text.setdefault(a, moved)

    def _add(self, text: str) -> str:
        key = self._key(text) or text
        if key not in self._parent:
            self._parent[key] = key
        return self.find(key)

    def of(self, name: str) -> str:
        return self.find(self._key(name) or name)


class _Kind:
    """One kind of option (actors or characters): its classes, their genders, the pools."""

    def __init__(self, entries: list[tuple[str, tuple[str | None, ...], str | None]]) -> None:
        for _ in self._build(entries):
            pass

    def _build(
        self, entries: Iterable[tuple[str, tuple[str | None, ...], str | None]]
    ) -> Iterator[None]:
        listed: list[tuple[str, tuple[str | None, ...], str | None]] = []
        for count, entry in enumerate(entries):
            if count % _SLICE == 0:
                yield
            listed.append(entry)
        entries = listed
        self.classes = _Classes()
        for count, (name, others, _) in enumerate(entries):
            if count % _SLICE == 0:
                yield
            self.classes.link(name, others)
        genders: dict[str, str | None] = {}
        order: list[str] = []
        for count, (name, _, gender) in enumerate(entries):
            if count % _SLICE == 0:
                yield
            cls = self.classes.of(name)
            if cls not in genders:
                order.append(cls)
                genders[cls] = gender
            elif genders[cls] != gender:
                genders[cls] = None  # entries disagree: only ever offered as "unknown"
        self.gender = genders
        self.pools: dict[str | None, list[str]] = {"female": [], "male": [], None: []}
        for count, cls in enumerate(order):
            if count % _SLICE == 0:
                yield
            self.pools[genders[cls] if genders[cls] in ("female", "male") else None].append(cls)

    def name(self, cls: str) -> str:
        return self.classes.text[cls]

    def candidates(self, gender: str | None, answer: str) -> list[list[str]]:
        """Pools to draw from, best first: the answer's gender, then the unknowns."""
        if gender not in ("female", "male"):
            gender = self.gender.get(answer)
        if gender in ("female", "male"):
            return [self.pools[gender], self.pools[None]]
        return [[cls for pool in self.pools.values() for cls in pool]]


class ChoiceMaker:
    """Builds the four options for any card of one deck. Build once per deck: it indexes the
    whole deck, and then each card costs a few look-ups."""

    def __init__(self, deck: Deck) -> None:
        for _ in self._build(deck):
            pass

    @classmethod
    def gradually(cls, deck: Deck) -> Gradual[ChoiceMaker]:
        """The same options maker, built a slice at a time (see `game.core.gradual`)."""
        maker = cls.__new__(cls)

        def steps() -> Steps[ChoiceMaker]:
            yield from maker._build(deck)
            return maker

        return Gradual(steps())

    def _build(self, deck: Deck) -> Iterator[None]:
        people: list[tuple[str, Person]] = []
        for count, (drama, _, person) in enumerate(deck.people()):
            if count % _SLICE == 0:
                yield
            people.append((drama.id, person))
        self._actors = _Kind.__new__(_Kind)
        yield from self._actors._build(
            (p.actor, (*p.actor_aliases, p.actor_hangul), p.gender) for _, p in people
        )
        self._characters = _Kind.__new__(_Kind)
        yield from self._characters._build(
            (p.character, (*p.aliases, p.hangul), p.gender) for _, p in people
        )
        # drama id -> (character class, actor class) of everyone in it
        self._cast: dict[str, list[tuple[str, str]]] = {}
        for count, (drama_id, person) in enumerate(people):
            if count % _SLICE == 0:
                yield
            self._cast.setdefault(drama_id, []).append(
                (
                    self._characters.classes.of(person.character),
                    self._actors.classes.of(person.actor),
                )
            )

    def choices(self, card: Card, rng: random.Random, count: int = OPTION_COUNT) -> Choices:
        """`count` options (fewer only when the deck has too few names) with exactly one right.

        Raises KeyError for a card whose drama is not in this deck.
        """
        cast = self._cast[card.drama_id]
        character = self._characters.classes.of(card.character)
        actor = self._actors.classes.of(card.actor)
        if card.direction == "actor":
            kind, answer = self._actors, actor
            excluded = {a for c, a in cast if c == character}  # whoever else plays this role
        else:
            kind, answer = self._characters, character
            excluded = {c for c, a in cast if a == actor}  # this actor's other roles here
        excluded.add(answer)
        picked = _pick(kind.candidates(card.gender, answer), excluded, count - 1, rng)
        slot = rng.randrange(len(picked) + 1)
        names = [kind.name(cls) for cls in picked]
        names.insert(slot, card.answer)
        return Choices(tuple(names), slot)


def _pick(pools: list[list[str]], excluded: set[str], need: int, rng: random.Random) -> list[str]:
    """Up to `need` distinct classes not in `excluded`, from the first pool that has them."""
    taken = set(excluded)
    picked: list[str] = []
    for pool in pools:
        for _ in range(_SAMPLE_TRIES if pool else 0):
            if len(picked) == need:
                return picked
            cls = pool[rng.randrange(len(pool))]
            if cls not in taken:
                taken.add(cls)
                picked.append(cls)
        if len(picked) < need and pool:
            start = rng.randrange(len(pool))
            for i in range(len(pool)):
                cls = pool[(start + i) % len(pool)]
                if cls not in taken:
                    taken.add(cls)
                    picked.append(cls)
                    if len(picked) == need:
                        return picked
    return picked


def character_spellings(deck: Deck) -> dict[str, list[str]]:
    """Every character with the deck's other ways of writing them (aliases, Hangul), in the
    shape `NameMatcher` takes, so typed character names get the same romanisation and typo
    rules as actor names."""
    return run(character_spellings_in_steps(deck))


def character_spellings_in_steps(deck: Deck) -> Steps[dict[str, list[str]]]:
    """`character_spellings`, yielding now and then (see `game.core.gradual`)."""
    spellings: dict[str, list[str]] = {}
    for count, (_, _, person) in enumerate(deck.people()):
        if count % _SLICE == 0:
            yield
        spellings.setdefault(person.character, []).extend(_other_spellings(person))
    return spellings


def _other_spellings(person: Person) -> list[str]:
    return [*person.aliases, *([person.hangul] if person.hangul else [])]


class Answers:
    """Everything that judges a practice answer, for one deck.

    Each index costs time proportional to the deck, so it is built on first use and then kept:
    a player who never switches direction or opens easy mode never pays for those. A screen
    can also build one a slice at a time beforehand (`warm`), so on a big deck no frame holds
    the whole build.
    """

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self._builds: dict[str, Gradual] = {}

    def _build(self, index: str) -> Gradual:
        build = self._builds.get(index)
        if build is None:
            if index == ACTOR_NAMES:
                build = NameMatcher.gradually(actor_spellings_in_steps(self.deck))
            elif index == CHARACTER_NAMES:
                build = NameMatcher.gradually(character_spellings_in_steps(self.deck))
            elif index == CHOOSER:
                build = ChoiceMaker.gradually(self.deck)
            else:
                raise ValueError(f"unknown answer index {index!r}")
            self._builds[index] = build
        return build

    def warm(self, index: str, seconds: float) -> bool:
        """Build some more of one index (ACTOR_NAMES, CHARACTER_NAMES or CHOOSER) for about
        `seconds`; True once it is ready."""
        build = self._build(index)
        if build.done:
            return True
        done = build.advance(seconds)
        settle(
            self.deck, collect=True
        )  # what the slice made, out of the collector's way (no hitches)
        return done

    def _result(self, index: str) -> Any:  # each caller's property names the type
        build = self._build(index)
        if not build.done:
            build.result()
            settle(self.deck)
        return build.result()

    def ready(self, index: str) -> bool:
        return index in self._builds and self._builds[index].done

    @property
    def actor_names(self) -> NameMatcher:
        return self._result(ACTOR_NAMES)

    @property
    def character_names(self) -> NameMatcher:
        return self._result(CHARACTER_NAMES)

    @property
    def chooser(self) -> ChoiceMaker:
        return self._result(CHOOSER)

    def judge(self, card: Card, typed: str) -> Verdict:
        """A typed answer to `card`, judged by the rules for the kind of name it asks for."""
        names = self.actor_names if card.direction == "actor" else self.character_names
        return names.judge(typed, card.answer)

    def choices(self, card: Card, rng: random.Random) -> Choices:
        return self.chooser.choices(card, rng)
