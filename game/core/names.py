"""Typed-answer matching for actor names: any romanisation, a slip or two, but no other names.

Players type Korean names the way they learned them: Kim Soo-hyun, Kim Su-hyeon, Soo-hyun Kim,
kimsoohyun or 김수현. A deck cannot list all of those, so the spellings are generated from the
actor's Hangul (`game.core.romanization`), each with a cost, so when one spelling fits two
actors the more natural reading wins ("Su" is 수 before it is 서).

A judgement goes in three steps. The typed text is one of the deck's spellings or a generated
one: it names that actor. Otherwise, if it reads cleanly as a Korean name of the same length
(surname and given-name syllables in any romanisation, either order), it is somebody else's
name, whatever the letters it shares with the answer: "Son Ye-jun" reads as 손예준, and is not
a typo for 손예진. Part of the name ("Soo-hyun" for Kim Soo-hyun) is not the name either. Only
text that reads as no name gets typo tolerance: a dropped, doubled or changed letter, or a
swapped pair, when the actor's name is the one nearest to it.

Enumerating every spelling of every actor would take far more memory than the deck itself, so
the matcher never does that. It indexes the deck's syllables and names and reads the typed text
against them syllable by syllable. A typo budget of at most two edits means at most two
syllables of a name are misspelt, so a near match is always "an exactly spelt start, one or two
damaged syllables, an exactly spelt end" — which a few dictionary look-ups find.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import TypeVar

from rapidfuzz.distance import Levenshtein

from game.core.deck import Deck
from game.core.romanization import (
    Breaks,
    NameReader,
    is_korean_name,
    is_syllable,
    split_hangul,
    standard_reader,
    surname_spellings,
    syllable_spellings,
)

_T = TypeVar("_T")
_MAX_EDITS = 2  # the largest typo budget (_budget); the near-match search relies on it

_SURNAME, _GIVEN = "s", "g"  # the two roles a unit of a name can have
_FIRST, _LAST = "surname first", "surname last"  # the two orders a name can be typed in


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    exact: bool  # typed text matched a known variant exactly (after normalisation)
    expected: str  # the actor name as written in the deck
    message: str  # "" when exact, else a line the player can read
    # The Hangul name the typed text was taken for: the actor it names exactly, or the other
    # name it reads as ("" when it reads as no name: a slip, or a spelling without Hangul).
    reads_as: str = ""


def normalise(text: str) -> str:
    """The comparison key: accents gone, case folded, only letters and digits left.

    NFKD splits accents (and full-width IME letters) off; NFC then rebuilds the Hangul syllables
    that NFKD had taken apart. Hyphens, spaces, apostrophes and dots carry no meaning here.
    """
    if text.isascii():
        return "".join(filter(str.isalnum, text.lower()))
    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return "".join(filter(str.isalnum, unicodedata.normalize("NFC", bare).casefold()))


def _budget(length: int) -> int:
    """How many typing slips a key of this length may contain: none under 5 letters, one up to
    9, two from 10 (a swapped pair of letters counts as one)."""
    return 2 if length >= 10 else 1 if length >= 5 else 0


def _unit_roms(role: str, unit: str) -> tuple[tuple[str, int], ...]:
    return surname_spellings(unit) if role == _SURNAME else syllable_spellings(unit)


def _runs(items: list[_T]) -> list[list[_T]]:
    """Every unbroken run of the items shorter than all of them, shortest first."""
    return [
        items[start : start + size]
        for size in range(1, len(items))
        for start in range(len(items) - size + 1)
    ]


def _differences(name: str, other: str) -> int:
    """In how many syllables two names of the same length differ (more than any when not)."""
    if len(name) != len(other):
        return len(name) + len(other)
    return sum(a != b for a, b in zip(name, other, strict=True))


def _swaps(key: str) -> set[str]:
    """The key with one pair of neighbouring letters swapped back, every way that changes it."""
    return {
        key[:i] + key[i + 1] + key[i] + key[i + 2 :]
        for i in range(len(key) - 1)
        if key[i] != key[i + 1]
    }


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    """`normalise` for one word of a name: surnames and given names recur across a deck."""
    return normalise(word)


def _orders(text: str) -> set[str]:
    """A written name's keys in both name orders: as written, last word first, first word last."""
    words = [key for key in map(_word_key, text.split()) if key]
    if not words:
        return set()
    return {"".join(words), "".join(words[-1:] + words[:-1]), "".join(words[1:] + words[:1])}


def _spelled_by(key: str, units: list[tuple[str, str]]) -> bool:
    """Whether the units (in this order) can be romanised as exactly this key."""
    ends = {0}
    for role, unit in units:
        ends = {
            end + len(rom)
            for end in ends
            for rom, _ in _unit_roms(role, unit)
            if key.startswith(rom, end)
        }
    return len(key) in ends


def _units(surname: str, given: str, order: str) -> list[tuple[str, str]]:
    syllables = [(_GIVEN, syllable) for syllable in given]
    surname_unit = [(_SURNAME, surname)]
    return surname_unit + syllables if order == _FIRST else syllables + surname_unit


def _shortened(text: str, deletions: int) -> set[str]:
    """The text and everything left of it after deleting up to `deletions` letters."""
    found = frontier = {text}
    for _ in range(deletions):
        frontier = {rest[:i] + rest[i + 1 :] for rest in frontier for i in range(len(rest))}
        found = found | frontier
    return found


class _Thirds:
    """Finds stored keys within two edits of a query without comparing it with all of them.

    Every key is cut in three; two edits spoil at most two pieces, so a near query still holds
    one piece unchanged: the first at its start, the last at its end, the middle one shifted by
    at most the number of edits.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self._pieces: dict[tuple[int, int, str], list[str]] = defaultdict(list)
        for key in keys:
            a, b, n = self._cuts(len(key))
            for number, piece in enumerate((key[:a], key[a:b], key[b:])):
                self._pieces[(n, number, piece)].append(key)

    @staticmethod
    def _cuts(length: int) -> tuple[int, int, int]:
        return length // 3, 2 * length // 3, length

    def near(self, query: str, edits: int) -> Iterator[tuple[str, int]]:
        """Stored keys within `edits` (at most two) of the query, with their distance."""
        size = len(query)
        found: set[str] = set()
        for length in range(max(1, size - edits), size + edits + 1):
            a, b, _ = self._cuts(length)
            found.update(self._pieces.get((length, 0, query[:a]), ()))
            if length - b <= size:
                found.update(self._pieces.get((length, 2, query[size - (length - b) :]), ()))
            for start in range(max(0, a - edits), min(size - (b - a), a + edits) + 1):
                found.update(self._pieces.get((length, 1, query[start : start + b - a]), ()))
        for key in found:
            distance = Levenshtein.distance(query, key, score_cutoff=edits)
            if distance <= edits:
                yield key, distance


class NameMatcher:
    """Judges typed actor names against one deck. Build it once per deck (`from_deck`)."""

    def __init__(self, spellings: Mapping[str, Iterable[str]]) -> None:
        """`spellings`: each actor (as written in the deck) with every way the deck writes them,
        Latin and Hangul alike; the first Hangul listed is the one messages show."""
        self._keys: dict[str, tuple[str, ...]] = {}  # actor -> the keys of the deck's spellings
        self._names: dict[str, tuple[tuple[str, str], ...]] = {}  # actor -> Hangul names
        self._shown: dict[str, str] = {}  # actor -> the Hangul a message shows for them
        odd_keys: dict[str, list[str]] = {}
        for actor, listed in spellings.items():
            texts = (actor, *listed)
            # In the order given, so the Hangul the deck lists first comes first.
            self._names[actor] = tuple(dict.fromkeys(filter(None, map(split_hangul, texts))))
            shown = next((text for text in texts if any(map(is_syllable, text))), "")
            if shown:
                self._shown[actor] = shown
            self._keys[actor] = tuple(sorted({key for text in set(texts) for key in _orders(text)}))
            odd_keys[actor] = self._not_generated(actor, self._keys[actor])
            if any(key.isascii() for key in odd_keys[actor]):
                self._name_from_latin(actor, texts, odd_keys)
        owners: dict[tuple[str, str], set[str]] = defaultdict(set)  # Hangul name -> actors
        for actor, names in self._names.items():
            for name in names:
                owners[name].add(actor)
        # Tuples, not sets: a big deck holds tens of thousands of these.
        self._owners = {name: tuple(sorted(actors)) for name, actors in owners.items()}
        self._index_names()
        # The deck's spellings that reading the syllables cannot produce (the Hangul itself,
        # "Gianna Jun", names given without Hangul) -> their actors. Reading finds the rest.
        odd: dict[str, set[str]] = defaultdict(set)
        for actor, keys in odd_keys.items():
            for key in keys:
                odd[key].add(actor)
        self._odd = {key: tuple(sorted(actors)) for key, actors in odd.items()}
        self._odd_near = _Thirds(key for key in self._odd if key.isascii())
        # The parts of the deck's own spellings that reading cannot take apart ("Gianna" of
        # "Gianna Jun"), so that typing one of them is known as typing part of the name.
        parts: dict[str, set[str]] = defaultdict(set)
        for actor, listed in spellings.items():
            for text in (actor, *listed):
                words = [word for word in map(_word_key, text.split()) if word]
                if len(words) > 1 and "".join(words) in self._odd:
                    parts[actor].update("".join(run) for run in _runs(words))
        self._parts = {actor: frozenset(found) for actor, found in parts.items()}
        # Reads typed text as any Korean name; the deck's own surnames and syllables count as
        # name parts too, so a deck with a rare syllable still has its near names read.
        korean = [name for name in self._owners if is_korean_name(*name)]
        self._reader = NameReader(
            {surname for surname, _ in korean},
            {syllable for _, given in korean for syllable in given},
        )

    def _not_generated(self, actor: str, keys: Iterable[str]) -> list[str]:
        """The keys that no spelling generated from the actor's Hangul names produces."""
        return [
            key
            for key in keys
            if not (key.isascii() and key.isalpha() and self._generates(actor, key))
        ]

    def _name_from_latin(
        self, actor: str, texts: tuple[str, ...], odd_keys: dict[str, list[str]]
    ) -> None:
        """Add the Korean names the actor's other Latin spellings read as, so that a stage
        name's real name ("Jung Ji-hoon" for Rain, 비) gets every spelling and the same
        protection from near names as a name the deck gives in Hangul. Only a full name of
        three syllables is read this way: shorter text ("Uee") too easily reads as something.
        A reading one syllable from a Hangul name the deck gives is that name spelt loosely
        ("Ji Hye-ra" for 지헤라), not another one."""
        known = ["".join(name) for name in self._names[actor]]
        found = []
        for text in texts:
            if normalise(text) in odd_keys[actor]:
                name = standard_reader().read(normalise(text), 3, Breaks.of(text))
                if name is not None and not any(
                    _differences("".join(name), other) <= 1 for other in known
                ):
                    found.append(name)
        if found:
            self._names[actor] += tuple(dict.fromkeys(found))
            odd_keys[actor] = self._not_generated(actor, odd_keys[actor])

    @classmethod
    def from_deck(cls, deck: Deck) -> NameMatcher:
        """A matcher for the deck's actors; each one's `actor_hangul` is the Hangul shown."""
        spellings: dict[str, list[str]] = defaultdict(list)
        for _, _, person in deck.people():
            texts = spellings[person.actor]
            if person.actor_hangul:
                texts.append(person.actor_hangul)
            texts.extend(person.actor_aliases)
        return cls(spellings)

    def _index_names(self) -> None:
        """The look-up tables the syllable-by-syllable reading needs (see the module docstring)."""
        surnames = {surname for surname, _ in self._owners}
        givens = {given for _, given in self._owners}
        self._given_starts = frozenset(g[:i] for g in givens for i in range(1, len(g) + 1))
        self._given_ends = frozenset(g[i:] for g in givens for i in range(len(g)))
        masked: dict[str, set[str]] = defaultdict(set)  # a name with one unit blanked -> fillers
        for surname, given in self._owners:
            masked[f"*|{given}"].add(surname)
            for i, syllable in enumerate(given):
                masked[f"{surname}|{given[:i]}*{given[i + 1 :]}"].add(syllable)
        self._masked = {key: tuple(sorted(fills)) for key, fills in masked.items()}
        roms: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        units = [(_SURNAME, surname) for surname in surnames]
        units += [(_GIVEN, syllable) for syllable in {ch for given in givens for ch in given}]
        for role, unit in units:
            for rom, cost in _unit_roms(role, unit):
                roms[rom].append((role, unit, cost))
        self._roms = {rom: tuple(found) for rom, found in roms.items()}
        self._longest_rom = max(map(len, self._roms), default=0)
        # Per role, each spelling and what is left of it after deleting up to n letters -> the
        # spellings, for n = 1 and 2. Two strings within n edits leave a common string after n
        # deletions each, so the spellings near a piece of typed text are found by look-ups.
        self._near_roms: dict[tuple[str, int], dict[str, tuple[str, ...]]] = {}
        self._rom_units: dict[tuple[str, str], tuple[str, ...]] = {}
        for role in (_SURNAME, _GIVEN):
            for rom, found in self._roms.items():
                units = tuple(unit for unit_role, unit, _ in found if unit_role == role)
                if units:
                    self._rom_units[(role, rom)] = units
            for edits in range(1, _MAX_EDITS + 1):
                near: dict[str, set[str]] = defaultdict(set)
                for _, rom in filter(lambda key: key[0] == role, self._rom_units):
                    for variant in _shortened(rom, edits):
                        near[variant].add(rom)
                self._near_roms[(role, edits)] = {k: tuple(found) for k, found in near.items()}

    def _generates(self, actor: str, key: str) -> bool:
        return any(
            _spelled_by(key, _units(surname, given, order))
            for surname, given in self._names.get(actor, ())
            for order in (_FIRST, _LAST)
        )

    def variants(self, actor_name: str) -> frozenset[str]:
        """Every normalised spelling that counts as this actor's name (for tests and debugging).

        A spelling shared with another actor of the deck is settled by `judge`."""
        self._require(actor_name)
        keys = set(self._keys[actor_name])
        for surname, given in self._names.get(actor_name, ()):
            for order in (_FIRST, _LAST):
                choices = [_unit_roms(role, unit) for role, unit in _units(surname, given, order)]
                keys.update("".join(rom for rom, _ in parts) for parts in product(*choices))
        return frozenset(keys)

    def hangul_names(self, actor_name: str) -> tuple[tuple[str, str], ...]:
        """The actor's names in Hangul as (surname, given name): the deck's own, then the ones
        its Latin spellings read as (a stage name's real name: 정지훈 for Rain)."""
        self._require(actor_name)
        return self._names[actor_name]

    def check(self, typed: str, actor_name: str) -> bool:
        return self.judge(typed, actor_name).accepted

    def judge(self, typed: str, actor_name: str) -> Verdict:
        """Accept the actor's name in any known spelling, or with a slip or two when the text
        reads as no other name; reject other actors, other names and fragments of the name."""
        self._require(actor_name)
        key = normalise(typed)
        if not key:
            return self._no(actor_name, f"Not quite — it is {actor_name}")
        exact = self._exact(key)
        if exact:
            return self._settle(actor_name, exact, exact_match=True)
        if self._fragment(key, actor_name):
            return self._no(actor_name, f"Not quite — it is {actor_name}")
        other = self._other_name(typed, actor_name)
        if other is not None:
            return other
        edits = _budget(len(key)) if key.isascii() else 0  # a Hangul syllable is no small slip
        near = self._near_or_swapped(key, edits, actor_name) if edits else {}
        return self._settle(actor_name, near, exact_match=False)

    def reads_as(self, typed: str, syllables: int) -> str:
        """The Korean name of `syllables` syllables (surname included) that the typed text
        reads as, cheapest reading first; "" when it reads as none. Hangul reads as itself."""
        key = normalise(typed)
        if key and all(map(is_syllable, key)):
            return key if len(key) == syllables else ""
        if not (key.isascii() and key.isalpha()):
            return ""
        return "".join(self._reader.read(key, syllables, Breaks.of(typed)) or ())

    def _fragment(self, key: str, actor: str) -> bool:
        """Whether the key spells only part of the actor's name: "Soo-hyun" or "Kim" for
        김수현, "Gianna" for Gianna Jun. Such text is not the name, and reading it as a whole
        name ("Soo-hyun" as 현소오) would only confuse."""
        for surname, given in self._names[actor]:
            for order in (_FIRST, _LAST):
                units = _units(surname, given, order)
                if any(_spelled_by(key, run) for run in _runs(units)):
                    return True
        return key in self._parts.get(actor, ())

    def _other_name(self, typed: str, actor: str) -> Verdict | None:
        """A rejection when the text reads as a name as long as the actor's but not theirs.

        Called only for text that is none of the actor's spellings, so any reading it has
        names someone else. Readings of another length are left to the typo rules: a doubled
        vowel ("Hyun Biin") easily makes an extra syllable, but one syllable changed for
        another ("Son Ye-jun" for 손예진) is a different person. Only the actor's Korean
        names count: 크리스탈 is no name of four syllables that others could be read against."""
        for surname, given in self._names[actor]:
            if not is_korean_name(surname, given):
                continue
            mine = surname + given
            other = self.reads_as(typed, len(mine))
            if other and other != mine:
                return Verdict(False, False, actor, f"That reads as {other}, not {mine}", other)
        return None

    def _settle(self, actor: str, scores: dict[str, int], *, exact_match: bool) -> Verdict:
        """Decide from each candidate actor's score (a spelling cost for exact matches, an edit
        distance for near ones; lower is closer). The deck's own spellings score -1 and win."""
        mine = scores.get(actor)
        rivals = sorted((score, name) for name, score in scores.items() if name != actor)
        if mine is not None and (not rivals or mine < rivals[0][0] or (exact_match and mine < 0)):
            message = "" if exact_match else f"close — it is spelled {actor}"
            return Verdict(True, exact_match, actor, message, self._hangul(actor, exact_match))
        if not rivals:
            return self._no(actor, f"Not quite — it is {actor}")
        score, rival = rivals[0]
        if mine is not None and score == mine:
            return self._no(actor, f"That could also be {rival} — it is spelled {actor}")
        verb = "is" if exact_match else "looks like"
        message = f"That {verb} {rival}, not {actor}"
        return Verdict(False, False, actor, message, self._hangul(rival, exact_match))

    def _hangul(self, actor: str, exact_match: bool) -> str:
        """The actor's Hangul as the deck gives it, for text that named them exactly; a near
        miss reads as no name."""
        return self._shown.get(actor, "") if exact_match else ""

    @staticmethod
    def _no(actor: str, message: str) -> Verdict:
        return Verdict(False, False, actor, message)

    def _require(self, actor_name: str) -> None:
        if actor_name not in self._keys:
            raise KeyError(f"{actor_name!r} is not an actor in this deck")

    def _exact(self, key: str) -> dict[str, int]:
        """Actors with a spelling equal to the key, each with its cheapest spelling's cost."""
        found = {actor: -1 for actor in self._odd.get(key, ())}
        if key.isascii() and key.isalpha():
            reading = _Reading(self, key)
            for order in (_FIRST, _LAST):
                for name, cost in reading.whole_names(order).items():
                    for actor in self._owners[name]:
                        score = -1 if key in self._keys[actor] else cost
                        found[actor] = min(found.get(actor, score), score)
        elif all(map(is_syllable, key)):  # a Hangul name read from a Latin one (정지훈, Rain)
            for actor in self._owners.get(split_hangul(key) or ("", ""), ()):
                found.setdefault(actor, 0)
        return found

    def _near_or_swapped(self, key: str, edits: int, actor: str) -> dict[str, int]:
        """`_near`, where a swapped pair of neighbouring letters also counts as one slip
        (plus up to `edits - 1` more): "Son Yejni" is one slip from "Son Yejin".

        Only as far as the verdict on `actor` needs: a swap costs a slip, so once the actor is
        found one slip away, only rivals a lone swap away could still tie with it."""
        found = self._near(key, edits)
        swaps = _swaps(key)

        def note(nearby: Iterable[tuple[str, int]]) -> None:
            for rival, distance in nearby:
                found[rival] = min(found.get(rival, distance + 1), distance + 1)

        for swapped in swaps:
            note((rival, 0) for rival in self._exact(swapped))
        if edits >= 2 and found.get(actor, edits) > 1:
            for swapped in swaps:
                note(self._near(swapped, edits - 1).items())
        return found

    def _near(self, key: str, edits: int) -> dict[str, int]:
        """Actors with a spelling within `edits` of the key, each with its smallest distance."""
        found: dict[str, int] = {}

        def note(actors: Iterable[str], distance: int) -> None:
            for actor in actors:
                found[actor] = min(found.get(actor, distance), distance)

        for spelling, distance in self._odd_near.near(key, edits):
            note(self._odd[spelling], distance)
        if key.isascii() and key.isalpha():
            reading = _Reading(self, key)
            for order in (_FIRST, _LAST):
                for name, distance in reading.near_names(order, edits).items():
                    note(self._owners[name], distance)
        return found


# A place in the typed key and the part of a name read so far: (position, surname, given).
# The surname is "" until it has been read; `given` holds the given-name syllables read so far.
_State = tuple[int, str, str]
_Name = tuple[str, str] | None  # (surname, given) read so far, or None for a dead end


class _Reading:
    """One typed key read against a matcher's tables, in either name order.

    Reading forwards from the start gives states "key[:i] spells this start of a name"; reading
    backwards gives "key[j:] spells this end of a name". A whole name read without slips is an
    exact match; a start and an end with one damaged unit between them (looked up in the
    blanked-name table) is a near one; two damaged units need a second slip after the first.
    """

    def __init__(self, matcher: NameMatcher, key: str) -> None:
        self.m = matcher
        self.key = key
        self._near: dict[tuple[int, int, int, str], dict[str, int]] = {}
        size = len(key)
        self.starting: list[list[tuple[int, str, str, int]]] = [[] for _ in range(size + 1)]
        self.ending: list[list[tuple[int, str, str, int]]] = [[] for _ in range(size + 1)]
        for i in range(size):
            for j in range(i + 1, min(size, i + matcher._longest_rom) + 1):
                for role, unit, cost in matcher._roms.get(key[i:j], ()):
                    self.starting[i].append((j, role, unit, cost))
                    self.ending[j].append((i, role, unit, cost))

    def _step(self, state: _State, role: str, unit: str, order: str, *, ahead: bool) -> _Name:
        """The part of a name read after adding `unit` to `state` (after it when reading ahead,
        before it when reading back), or None when no name of the deck goes on like that."""
        _, surname, given = state
        m = self.m
        if (order == _FIRST) != ahead:  # the surname is the last unit read this way
            if surname:
                return None
            if role == _SURNAME:
                return (unit, given) if (unit, given) in m._owners else None
            grown = given + unit if ahead else unit + given
            return ("", grown) if grown in (m._given_starts if ahead else m._given_ends) else None
        if not surname:  # the surname is the first unit read this way
            return (unit, "") if role == _SURNAME else None
        grown = given + unit if ahead else unit + given
        if role == _GIVEN and grown in (m._given_starts if ahead else m._given_ends):
            return (surname, grown)
        return None

    def forward(
        self, seeds: dict[_State, int], order: str, *, given_only: bool = False
    ) -> dict[_State, int]:
        """Every state reachable from the seeds by reading units exactly, with its least cost."""
        states = dict(seeds)
        stack = list(seeds)
        while stack:
            state = stack.pop()
            cost = states[state]
            for j, role, unit, extra in self.starting[state[0]]:
                if given_only and role != _GIVEN:
                    continue
                step = self._step(state, role, unit, order, ahead=True)
                if step is not None:
                    new = (j, *step)
                    if cost + extra < states.get(new, cost + extra + 1):
                        states[new] = cost + extra
                        stack.append(new)
        return states

    def backward(self, order: str) -> list[_State]:
        states = {(len(self.key), "", "")}
        stack = list(states)
        while stack:
            state = stack.pop()
            for i, role, unit, _ in self.ending[state[0]]:
                step = self._step(state, role, unit, order, ahead=False)
                if step is not None and (i, *step) not in states:
                    states.add((i, *step))
                    stack.append((i, *step))
        return list(states)

    def whole_names(self, order: str) -> dict[tuple[str, str], int]:
        """Names the whole key spells exactly in this order, with the cheapest spelling's cost."""
        size = len(self.key)
        found: dict[tuple[str, str], int] = {}
        for (i, surname, given), cost in self.forward({(0, "", ""): 0}, order).items():
            if i == size and surname and (surname, given) in self.m._owners:
                found[(surname, given)] = min(found.get((surname, given), cost), cost)
        return found

    def near_names(self, order: str, edits: int) -> dict[tuple[str, str], int]:
        """Names with a spelling within `edits` of the key, with the distance."""
        found: dict[tuple[str, str], int] = {}
        # A start that already holds the surname last read, or an end that holds the surname
        # first read, is a whole name: nothing can go after or before it.
        starts = [s for s in self.forward({(0, "", ""): 0}, order) if order == _FIRST or not s[1]]
        ends: dict[int, list[_State]] = defaultdict(list)
        for state in self.backward(order):
            if order == _LAST or not state[1]:
                ends[state[0]].append(state)
        self._join(starts, ends, order, edits, 0, found)
        if edits >= 2:
            self._join(self._after_one_slip(starts, order), ends, order, 1, 1, found)
        return found

    def _after_one_slip(self, starts: list[_State], order: str) -> list[_State]:
        """States reached by reading one unit with one slip, then more given syllables exactly."""
        seeds: dict[_State, int] = {}
        for state in starts:
            i, surname, _ = state
            role = _SURNAME if order == _FIRST and not surname else _GIVEN
            for j in range(i, min(len(self.key), i + self.m._longest_rom + 1) + 1):
                for unit, distance in self._units_near(i, j, 1, role).items():
                    step = self._step(state, role, unit, order, ahead=True)
                    if distance == 1 and step is not None:
                        seeds[(j, *step)] = 0
        return list(self.forward(seeds, order, given_only=True))

    def _join(
        self,
        starts: list[_State],
        ends: dict[int, list[_State]],
        order: str,
        edits: int,
        spent: int,
        found: dict[tuple[str, str], int],
    ) -> None:
        """Names made of a start, one unit within `edits` of the text between, and an end."""
        reach = self.m._longest_rom + edits
        masked = self.m._masked
        by_place: dict[int, list[_State]] = defaultdict(list)
        for state in starts:
            by_place[state[0]].append(state)
        for i, group in by_place.items():
            for j in range(i, min(len(self.key), i + reach) + 1):
                for _, start_surname, start_given in group:
                    for _, end_surname, end_given in ends.get(j, ()):
                        role, pattern = _blank(
                            order, start_surname, start_given, end_surname, end_given
                        )
                        fills = masked.get(pattern)
                        if not fills:
                            continue
                        for unit, distance in self._units_near(i, j, edits, role).items():
                            if unit in fills:
                                surname, given = pattern.replace("*", unit).split("|")
                                total = spent + distance
                                best = found.get((surname, given), total)
                                found[(surname, given)] = min(best, total)

    def _units_near(self, i: int, j: int, edits: int, role: str) -> dict[str, int]:
        """Unit -> distance for the units of this role with a spelling within `edits` of
        key[i:j]; remembered, because many starts and ends meet at the same two places."""
        memo = (i, j, edits, role)
        found = self._near.get(memo)
        if found is None:
            chunk = self.key[i:j]
            index = self.m._near_roms[(role, edits)]
            found = {}
            for rom in {rom for probe in _shortened(chunk, edits) for rom in index.get(probe, ())}:
                distance = Levenshtein.distance(chunk, rom, score_cutoff=edits)
                if distance <= edits:
                    for unit in self.m._rom_units[(role, rom)]:
                        if distance < found.get(unit, edits + 1):
                            found[unit] = distance
            self._near[memo] = found
        return found


def _blank(
    order: str, start_surname: str, start_given: str, end_surname: str, end_given: str
) -> tuple[str, str]:
    """The role of the one unit missing between a start and an end of a name, and the
    blanked-name pattern to look its candidates up by (see `NameMatcher._index_names`).
    Callers pass only starts and ends that can sit on either side of a gap."""
    if order == _FIRST:
        if not start_surname:
            return _SURNAME, f"*|{end_given}"
        return _GIVEN, f"{start_surname}|{start_given}*{end_given}"
    if not end_surname:
        return _SURNAME, f"*|{start_given}"
    return _GIVEN, f"{end_surname}|{start_given}*{end_given}"
