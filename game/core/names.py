"""Typed-answer matching for actor names: any romanisation, a slip or two, but no look-alikes.

Players type Korean names the way they learned them: Kim Soo-hyun, Kim Su-hyeon, Soo-hyun Kim,
kimsoohyun or 김수현. A deck cannot list all of those, so the spellings are generated from the
actor's Hangul: every syllable is split into its jamo and every jamo has the Latin letters people
really write for it (ㅓ -> eo/u/o, ㅈ -> j/ch), and surnames have a table of their traditional
spellings (이 -> Lee/Yi/Rhee). Each spelling has a cost, the sum of how far down those lists it
reaches, so when one spelling fits two actors the more natural reading wins ("Su" is 수 before
it is 서).

Enumerating every spelling of every actor would take far more memory than the deck itself, so
the matcher never does that. It indexes the deck's syllables and names and reads the typed text
against them syllable by syllable. A typo budget of at most two edits means at most two
syllables of a name are misspelt, so a near match is always "an exactly spelt start, one or two
damaged syllables, an exactly spelt end" — which a few dictionary look-ups find.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from rapidfuzz.distance import Levenshtein

from game.core.deck import Deck

# Jamo in Unicode order, each with the Latin spellings people use, most usual first.
_INITIALS: tuple[tuple[str, ...], ...] = (
    ("g", "k"), ("kk", "gg"), ("n",), ("d", "t"), ("tt", "dd"), ("r", "l"), ("m",),
    ("b", "p"), ("pp", "bb"), ("s",), ("ss", "s"), ("",), ("j", "ch"), ("jj",), ("ch",),
    ("k",), ("t",), ("p",), ("h",),
)  # fmt: skip
_MEDIALS: tuple[tuple[str, ...], ...] = (
    ("a",), ("ae", "ai"), ("ya",), ("yae",), ("eo", "u", "o"), ("e",),
    ("yeo", "yu", "yo", "you"), ("ye",), ("o",), ("wa",), ("wae",), ("oe", "oi"), ("yo",),
    ("u", "oo"), ("wo", "weo"), ("we",), ("wi",), ("yu", "yoo"), ("eu", "u"),
    ("ui", "eui", "i", "ee"), ("i",),
)  # fmt: skip
_FINALS: tuple[str, ...] = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
    "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
_SIOT, _IEUNG = 9, 11  # initial ㅅ and ㅇ
_SH_VOWELS = frozenset({2, 3, 6, 7, 12, 16, 17, 20})  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅟ ㅠ ㅣ: "Shin", "Shi"
_U, _I = 13, 20  # medial ㅜ and ㅣ: 우 is often "Woo", 이 in a given name often "Yi"

# Traditional surname spellings, most usual first; the syllable rules are added after these.
_SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"), "이": ("lee", "yi", "rhee", "i", "ri", "rhie"),
    "리": ("ri", "lee", "li", "rhee"), "박": ("park", "pak", "bak", "bahk"),
    "정": ("jung", "jeong", "chung"), "최": ("choi", "choe"), "조": ("jo", "cho"),
    "강": ("kang", "gang"), "윤": ("yoon", "yun"), "장": ("jang", "chang"),
    "임": ("lim", "im", "yim", "rim"), "한": ("han",), "오": ("oh", "o"),
    "서": ("seo", "suh"), "신": ("shin", "sin"), "권": ("kwon", "gwon"), "황": ("hwang",),
    "안": ("ahn", "an"), "송": ("song",), "류": ("ryu", "yoo", "yu", "ryoo", "lyu", "rhyu"),
    "유": ("yoo", "yu", "you"), "전": ("jun", "jeon", "chun"), "홍": ("hong",),
    "고": ("ko", "go"), "문": ("moon", "mun"), "양": ("yang",), "손": ("son", "sohn"),
    "배": ("bae", "pae"), "백": ("baek", "paik", "baik"), "허": ("heo", "huh"),
    "남": ("nam",), "심": ("shim", "sim"), "노": ("noh", "no", "roh", "ro"), "하": ("ha",),
    "곽": ("kwak", "gwak"), "성": ("sung", "seong"), "차": ("cha",), "주": ("joo", "ju", "chu"),
    "우": ("woo", "u"), "구": ("koo", "gu", "ku"), "진": ("jin", "chin"), "지": ("ji", "chi"),
    "엄": ("eom", "um", "uhm"), "천": ("cheon", "chun"), "현": ("hyun", "hyeon"),
    "변": ("byun", "byeon"), "공": ("kong", "gong"), "도": ("do", "doh"),
    "석": ("seok", "suk"), "선": ("sun", "seon"), "설": ("seol", "sul"),
    "길": ("gil", "kil"), "나": ("na", "ra"), "라": ("ra", "na"), "육": ("yook", "yuk"),
    "남궁": ("namgoong", "namgung"), "황보": ("hwangbo",), "제갈": ("jegal",),
    "선우": ("sunwoo", "seonu"), "독고": ("dokgo", "tokko"),
}  # fmt: skip
_COMPOUND_SURNAMES = frozenset(name for name in _SURNAMES if len(name) == 2)
_MAX_EDITS = 2  # the largest typo budget (_budget); the near-match search relies on it

_SURNAME, _GIVEN = "s", "g"  # the two roles a unit of a name can have
_FIRST, _LAST = "surname first", "surname last"  # the two orders a name can be typed in


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    exact: bool  # typed text matched a known variant exactly (after normalisation)
    expected: str  # the actor name as written in the deck
    message: str  # "" when exact, else a line the player can read


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
    """How many typing slips a key of this length may contain: none in a short one."""
    return 2 if length >= 10 else 1 if length >= 6 else 0


def _is_syllable(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


@lru_cache(maxsize=4096)
def _syllable_roms(syllable: str) -> tuple[tuple[str, int], ...]:
    """Every romanisation of one Hangul syllable with its cost, cheapest first."""
    initial, rest = divmod(ord(syllable) - 0xAC00, 588)
    medial, final = divmod(rest, 28)
    initials = _INITIALS[initial] + (("sh",) if initial == _SIOT and medial in _SH_VOWELS else ())
    medials = _MEDIALS[medial]
    if initial == _IEUNG and medial == _U:
        medials += ("woo",)
    elif initial == _IEUNG and medial == _I:
        medials += ("yi",)
    best: dict[str, int] = {}
    for (a, head), (b, vowel) in product(enumerate(initials), enumerate(medials)):
        rom = head + vowel + _FINALS[final]
        best[rom] = min(best.get(rom, a + b), a + b)
    return tuple(sorted(best.items(), key=lambda item: (item[1], item[0])))


def _word_roms(word: str) -> dict[str, int]:
    best: dict[str, int] = {"": 0}
    for syllable in word:
        best = _cheapest(
            (head + rom, cost + extra)
            for head, cost in best.items()
            for rom, extra in _syllable_roms(syllable)
        )
    return best


def _cheapest(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    best: dict[str, int] = {}
    for rom, cost in pairs:
        if cost < best.get(rom, cost + 1):
            best[rom] = cost
    return best


@lru_cache(maxsize=1024)
def _surname_roms(surname: str) -> tuple[tuple[str, int], ...]:
    """The table's spellings first, then whatever the syllable rules add."""
    table = _SURNAMES.get(surname, ())
    pairs = [(rom, cost) for cost, rom in enumerate(table)]
    pairs += [(rom, len(table) + cost) for rom, cost in _word_roms(surname).items()]
    return tuple(sorted(_cheapest(pairs).items(), key=lambda item: (item[1], item[0])))


def _unit_roms(role: str, unit: str) -> tuple[tuple[str, int], ...]:
    return _surname_roms(unit) if role == _SURNAME else _syllable_roms(unit)


def split_hangul(text: str) -> tuple[str, str] | None:
    """(surname, given name) of a Korean name written in Hangul, or None if it is not one.

    A space marks the split when there is one; otherwise the surname is the first syllable, or
    the first two for the compound surnames (남궁, 선우, ...). Names outside the usual shape
    (foreign names in Hangul, stage names) get no generated spellings, only the deck's own.
    """
    tokens = text.split()
    if not tokens or not all(_is_syllable(ch) for token in tokens for ch in token):
        return None
    if len(tokens) > 1:
        surname, given = tokens[0], "".join(tokens[1:])
    else:
        cut = 2 if len(tokens[0]) >= 3 and tokens[0][:2] in _COMPOUND_SURNAMES else 1
        surname, given = tokens[0][:cut], tokens[0][cut:]
    if 1 <= len(surname) <= 2 and 1 <= len(given) <= 3:
        return sys.intern(surname), sys.intern(given)  # a big deck repeats them thousands of times
    return None


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
        Latin and Hangul alike."""
        owners: dict[tuple[str, str], set[str]] = defaultdict(set)  # Hangul name -> actors
        self._keys: dict[str, tuple[str, ...]] = {}  # actor -> the keys of the deck's spellings
        self._names: dict[str, tuple[tuple[str, str], ...]] = {}  # actor -> Hangul names
        for actor, texts in spellings.items():
            every = {actor, *texts}
            names = {name for name in map(split_hangul, every) if name is not None}
            self._keys[actor] = tuple(sorted({key for text in every for key in _orders(text)}))
            self._names[actor] = tuple(sorted(names))
            for name in names:
                owners[name].add(actor)
        # Tuples, not sets: a big deck holds tens of thousands of these.
        self._owners = {name: tuple(sorted(actors)) for name, actors in owners.items()}
        self._index_names()
        # The deck's spellings that reading the syllables cannot produce (the Hangul itself,
        # "Gianna Jun", names given without Hangul) -> their actors. Reading finds the rest.
        odd: dict[str, set[str]] = defaultdict(set)
        for actor, keys in self._keys.items():
            for key in keys:
                if not (key.isascii() and key.isalpha() and self._generates(actor, key)):
                    odd[key].add(actor)
        self._odd = {key: tuple(sorted(actors)) for key, actors in odd.items()}
        self._odd_near = _Thirds(key for key in self._odd if key.isascii())

    @classmethod
    def from_deck(cls, deck: Deck) -> NameMatcher:
        spellings: dict[str, list[str]] = defaultdict(list)
        for _, _, person in deck.people():
            texts = spellings[person.actor]
            texts.extend(person.actor_aliases)
            if person.actor_hangul:
                texts.append(person.actor_hangul)
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

    def check(self, typed: str, actor_name: str) -> bool:
        return self.judge(typed, actor_name).accepted

    def judge(self, typed: str, actor_name: str) -> Verdict:
        """Accept the actor's name in any known spelling or with a slip or two; reject anything
        that is as close to another actor of the deck, and fragments of the name."""
        self._require(actor_name)
        key = normalise(typed)
        if not key:
            return self._no(actor_name, f"Not quite — it is {actor_name}")
        exact = self._exact(key)
        if exact:
            return self._settle(actor_name, exact, exact_match=True)
        edits = _budget(len(key)) if key.isascii() else 0  # a Hangul syllable is no small slip
        near = self._near(key, edits) if edits else {}
        return self._settle(actor_name, near, exact_match=False)

    def _settle(self, actor: str, scores: dict[str, int], *, exact_match: bool) -> Verdict:
        """Decide from each candidate actor's score (a spelling cost for exact matches, an edit
        distance for near ones; lower is closer). The deck's own spellings score -1 and win."""
        mine = scores.get(actor)
        rivals = sorted((score, name) for name, score in scores.items() if name != actor)
        if mine is not None and (not rivals or mine < rivals[0][0] or (exact_match and mine < 0)):
            message = "" if exact_match else f"close — it is spelled {actor}"
            return Verdict(True, exact_match, actor, message)
        if not rivals:
            return self._no(actor, f"Not quite — it is {actor}")
        score, rival = rivals[0]
        if mine is not None and score == mine:
            return self._no(actor, f"That could also be {rival} — it is spelled {actor}")
        verb = "is" if exact_match else "looks like"
        return self._no(actor, f"That {verb} {rival}, not {actor}")

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
