"""Multiple-choice questions generated from a deck, and a bag that deals them for a match.

The hard part is not writing a prompt but making sure that, given the WHOLE deck, exactly one
option is right: one actor plays characters in several dramas, one actor can play two
characters in one drama, names have aliases, two couples can share an obstacle. So every name
is reduced to a *class*: names linked by an alias (directly or through a chain) are one class,
compared without case, spaces or punctuation. A question works out the classes that would be
right for its prompt, never offers any of them as a distractor, and never offers two options
of one class. Being cautious only ever costs a distractor, never a wrong question.

A sharp player must not be able to game what is left either: no option is written in the
prompt; the answer is never the only option sharing a surname or word stem with the prompt
(the drama is dropped from the prompt when that is what gives it away, else a sharer is
offered too, else the question is not asked); rivals (`also_loves`) and characters described
with the same content words are never wrong answers; a prompt that names a drama offers that
drama's own cast; the answer's slot is drawn afresh; nothing shown earlier in a round answers
a later question (game.core.leaks); and what the players have seen least comes first.

Everything that depends on the size of the deck is indexed once, when a `QuestionBag` is
built, in flat lists of ints; dealing a question touches only the few entries it is about,
and a couple's questions are listed only when a round first reaches it, so a match on a deck
of ten thousand couples stays instant.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cached_property
from itertools import compress, count
from operator import attrgetter
from typing import NamedTuple, TypeVar

from game.core.deck import Couple, Deck, Drama, Person
from game.core.gradual import Steps
from game.core.leaks import leak_source, shown
from game.core.stems import (
    content_stems,
    folded_words,
    matches,
    mentions,
    name_clues,
    shared,
    text_clues,
)


class Kind(str, Enum):
    """The question kinds. A str, so JSON, stored records and comparisons keep the bare
    names ("actor"); an enum, so a new kind shows every place that must handle it."""

    ACTOR = "actor"
    CHARACTER = "character"
    DRAMA = "drama"
    OBSTACLE = "obstacle"
    PARTNER = "partner"
    DESCRIPTION = "description"
    HANGUL = "hangul"
    YEAR = "year"

    __str__ = str.__str__  # "actor", not "Kind.ACTOR", wherever a kind is written out
    __format__ = str.__format__


KINDS: tuple[str, ...] = tuple(kind.value for kind in Kind)
HARD_ONLY_KINDS = frozenset({Kind.HANGUL, Kind.YEAR})
"""Reading a name in Hangul and dating a drama are for fans: only the hard level asks."""
DIFFICULTIES: tuple[str, ...] = ("easy", "normal", "hard")
ROUND_SIZE = 10
"""Questions in a row that form a round, for the leak rule, unless a match says otherwise."""
Exposure = Mapping[tuple[str, str], tuple[int, int]]
"""(kind, prompt) -> (times seen by the players, times missed): what a store reports."""

MAX_OPTIONS = 4
_ACTOR, _CHARACTER, _DRAMA, _OBSTACLE, _PARTNER, _DESCRIPTION, _HANGUL, _YEAR = range(len(KINDS))
_PERSON_KINDS = frozenset({_ACTOR, _CHARACTER, _DESCRIPTION, _HANGUL})  # asked of an extra too
_YEAR_SPREAD = 4  # year distractors lie this close to the answer
_WALK = 1024  # clue-sharing distractors are looked for in full in pools up to this size
_SAMPLE = 256  # and among this many candidates of a bigger pool
_PATIENCE = 12  # new questions tried for one slot before a round accepts the least leaky
_KIND_BITS = 8  # a spec is the int `ref * _KIND_BITS + kind`: cheap to keep by the hundred thousand
_MIXED = "mixed"  # a name whose entries disagree on gender
# Gender buckets of candidate names. A mixed name is offered only when the answer's gender is
# unknown: it could read as either, so it fits no known gender.
_FEMALE, _MALE, _UNKNOWN, _MIXED_BUCKET = range(4)
_BUCKET = {"female": _FEMALE, "male": _MALE}
_BUCKET_OF = {"female": _FEMALE, "male": _MALE, _MIXED: _MIXED_BUCKET, None: _UNKNOWN}
_UNDATED = 1 << 30  # sorts undated entries after every real year
_ERA = 5  # easy rounds look first for distractors at least this many years away
_NEAR = 8  # hard rounds then look this many entries either side of the answer's year
_SMALL_TIER = 16  # a tier this small is walked in full rather than sampled

_NON_WORD = re.compile(r"[\W_]+")
_JOIN = "\0"  # joins the texts `_keys` folds at once; no deck the loader accepts has it
_ASCII_KEY = b"0123456789abcdefghijklmnopqrstuvwxyz\0"  # what folded ASCII keys may hold
_T = TypeVar("_T")


def _key(text: str) -> str:
    """Compare names the way a player reads them: no case, spaces or punctuation."""
    folded = "".join(text.casefold().split()).replace("-", "")
    if folded.isalnum():
        return folded
    return _NON_WORD.sub("", folded) or folded


def _keys(texts: Sequence[str]) -> list[str]:
    """`_key` of every text, worked out in bulk: on a big deck folding one long string costs
    a fraction of folding each name.

    Once plain spaces and hyphens are gone, a text left with only letters and digits (or
    nothing) had no other whitespace or punctuation, so `_key` would return just that.
    """
    folded = _JOIN.join(texts).casefold().replace(" ", "").replace("-", "")
    parts = folded.split(_JOIN)
    if len(parts) != len(texts):  # a text held the joiner (or there are no texts)
        return [_key(text) for text in texts]
    if folded.isascii() and not folded.encode().translate(None, _ASCII_KEY):  # usual, at once
        return parts
    return [
        part if part.isalnum() or not part else _key(text)
        for part, text in zip(parts, texts, strict=True)
    ]


def _ids(values: Sequence[Hashable]) -> list[int]:
    """Small ints numbered in order of first appearance, so nothing depends on hashing."""
    number = dict(zip(dict.fromkeys(values), count()))
    return list(map(number.__getitem__, values))


def _text_ids(texts: Sequence[str]) -> list[int]:
    """Texts numbered by key, folding each distinct text once: on a big deck descriptions
    and obstacles repeat by the thousand."""
    distinct = list(dict.fromkeys(texts))
    number = dict(zip(distinct, _ids(_keys(distinct)), strict=True))
    return list(map(number.__getitem__, texts))


def _classes(names: Sequence[str], aliases: Sequence[Sequence[str]]) -> list[int]:
    """Per name, its class: names linked by an alias, directly or through a chain, are one.

    Classes are small ints numbered in order of first appearance, so nothing depends on
    string hashing. Most names have no alias, so the union-find only ever holds the few that
    do (and the names their aliases reach); every other name is its own root.
    """
    keys = _keys(names)
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        root = key
        while parent[root] != root:
            root = parent[root]
        while key != root:  # point the whole path straight at the root
            parent[key], key = root, parent[key]
        return root

    for key, others in compress(zip(keys, aliases, strict=True), aliases):
        root = parent.setdefault(key, key)
        if root != key:
            root = find(key)
        for other in map(_key, others):
            found = parent.setdefault(other, root)  # a new alias joins at once
            if found != root:  # known already: this name joins the alias's class
                found = find(other)
                if found != root:
                    parent[root] = found
                    root = found
    ids: dict[str, int] = {}
    return [ids.setdefault(find(key) if key in parent else key, len(ids)) for key in keys]


def _repeats(values: Sequence[_T]) -> dict[_T, list[int]]:
    """Positions of the values that occur more than once.

    Most names are unique; keeping lists only for the repeated ones spares a big deck tens of
    thousands of little lists (and the garbage collector the work of scanning them).
    """
    first: dict[_T, int] = {}
    repeated: dict[_T, list[int]] = {}
    for i, value in enumerate(values):
        j = first.setdefault(value, i)
        if j != i:
            found = repeated.get(value)
            if found is None:
                repeated[value] = [j, i]
            else:
                found.append(i)
    return repeated


class _Memo(dict):
    """Text -> what a function makes of it, worked out once per bag. A bag asks about the
    same few names again and again, and its memo goes when the bag does."""

    def __init__(self, compute: Callable[[str], object]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, text: str) -> object:
        value = self[text] = self._compute(text)
        return value


def _count(classes: list[int]) -> int:
    """How many classes there are: ids are dense, numbered from 0."""
    return max(classes, default=-1) + 1


def _year(drama: Drama) -> int | None:
    year = drama.year
    return year if isinstance(year, int) and not isinstance(year, bool) else None


@dataclass(frozen=True)
class Subject:
    """What a question turns on, so callers can track facts (practice, spreading, stats)."""

    drama: str
    couple: str | None
    character: str | None


@dataclass(frozen=True)
class Question:
    kind: Kind
    prompt: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    subject: Subject
    cues: tuple[str, ...] = field(default=(), compare=False, repr=False)
    """The names or text the prompt turns on: an earlier item of the round that shows one of
    them beside the answer gives the answer away (see game.core.leaks)."""

    @property
    def correct(self) -> str:
        return self.options[self.answer]

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "prompt": self.prompt,
            "options": list(self.options),
            "answer": self.answer,
            "explanation": self.explanation,
            "subject": {
                "drama": self.subject.drama,
                "couple": self.subject.couple,
                "character": self.subject.character,
            },
        }


class _Index:
    """The deck flattened into parallel lists of ints, built once per bag.

    People are numbered drama by drama: each couple's two partners (always `first` and
    `first + 1`), then the drama's extra characters. So a drama's people and its couples are
    contiguous ranges, and "who else is in this drama" never needs a search.
    """

    def __init__(self, deck: Deck) -> None:
        self.dramas: tuple[Drama, ...] = deck.dramas
        self.years = [_year(drama) for drama in deck.dramas]
        # Per drama d, its people are range(people_start[d], people_start[d + 1]); couples
        # likewise. Filled through locals: on a big deck this loop runs ten thousand times.
        people: list[Person] = []
        person_couple: list[int] = []  # -1 for a drama's extra characters
        person_drama: list[int] = []
        couple_first: list[int] = []
        people_start, couple_start = [0], [0]
        extras_start: list[int] = []
        for d, drama in enumerate(deck.dramas):
            for couple in drama.couples:
                k = len(couple_first)
                person_couple += (k, k)
                couple_first.append(len(people))
                people += couple.partners
            end = len(people)
            extras_start.append(end)
            if extras := drama.characters:  # most dramas have none
                person_couple += [-1] * len(extras)
                people += extras
                end = len(people)
            person_drama += [d] * (end - people_start[-1])
            people_start.append(end)
            couple_start.append(len(couple_first))
        self.people = people
        self.person_couple = person_couple
        self.person_drama = person_drama
        self.people_start = people_start
        self.extras_start = extras_start
        self.couples: list[Couple] = [couple for drama in deck.dramas for couple in drama.couples]
        self.couple_drama = [d for d, drama in enumerate(deck.dramas) for _ in drama.couples]
        self.couple_first = couple_first
        self.couple_start = couple_start
        self.characters = [person.character for person in people]
        self.char = _classes(self.characters, [person.aliases for person in people])
        self.shared_char = _repeats(self.char)  # a class -> its people, if more than one
        self.loves = self._also_loves()
        self._description_words: dict[int, frozenset[str]] = {}

    def _also_loves(self) -> dict[int, frozenset[int]]:
        """Per person with `also_loves`, the name classes of the people they love besides
        their partner. Names are looked up in the person's own drama (the loader insists)."""
        loves: dict[int, frozenset[int]] = {}
        for pid in compress(count(), map(attrgetter("also_loves"), self.people)):
            d = self.person_drama[pid]
            cast = range(self.people_start[d], self.people_start[d + 1])
            by_name = {
                _key(name): self.char[q]
                for q in cast
                for name in (self.people[q].character, *self.people[q].aliases)
            }
            loves[pid] = frozenset(
                by_name[key] for key in map(_key, self.people[pid].also_loves) if key in by_name
            )
        return loves

    def loves_back(self, pid: int) -> bool:
        """Whether the deck lets "Who falls for <pid>?" be answered with their partner.

        A couple is mutual unless one partner lists the other in `also_loves` and is not
        listed back: that is how a deck says the love is one-sided, and then only the lover
        is ever the answer. Being listed back must be said with one of pid's own names (a
        chain of aliases is not enough), so a doubtful love is never asserted.
        """
        partner = self.other(pid)
        if self.char[partner] not in self.loves.get(pid, ()):
            return True  # pid does not say they love their partner: nothing one-sided
        person = self.people[pid]
        names = {_key(name) for name in (person.character, *person.aliases)}
        return not names.isdisjoint(map(_key, self.people[partner].also_loves))

    @property
    def annotated(self) -> bool:
        """Whether the deck says who else loves whom. Only then can a drama's extra
        characters be offered as wrong answers to "who falls for ...?"."""
        return bool(self.loves)

    @cached_property
    def actors(self) -> list[str]:
        return [person.actor for person in self.people]

    @cached_property
    def actor(self) -> list[int]:
        return _classes(self.actors, [person.actor_aliases for person in self.people])

    @cached_property
    def titles(self) -> list[str]:
        return [drama.title for drama in self.dramas]

    @cached_property
    def title(self) -> list[int]:
        return _classes(self.titles, [drama.aliases for drama in self.dramas])

    @cached_property
    def label(self) -> list[str | None]:
        """How prompts name each drama: its title, with the year when another drama goes by
        the same title; None when even that would not say which drama is meant."""
        titles = self.title
        by_title = Counter(titles)
        by_title_year = Counter(zip(titles, self.years, strict=True))
        labels: list[str | None] = []
        for title, cls, year in zip(self.titles, titles, self.years, strict=True):
            if by_title[cls] == 1:
                labels.append(title)
            elif year is not None and by_title_year[(cls, year)] == 1:
                labels.append(f"{title} ({year})")
            else:
                labels.append(None)
        return labels

    @cached_property
    def obstacles(self) -> list[str]:
        return [couple.obstacle for couple in self.couples]

    @cached_property
    def obstacle(self) -> list[int]:
        return _text_ids(self.obstacles)

    @cached_property
    def description(self) -> list[int]:
        return _text_ids([person.description for person in self.people])

    @cached_property
    def shared_description(self) -> dict[int, list[int]]:
        return _repeats(self.description)

    def same_char(self, pid: int) -> Sequence[int]:
        """Everyone in the deck whose name is (an alias of) this person's."""
        return self.shared_char.get(self.char[pid]) or (pid,)

    def same_description(self, pid: int) -> Sequence[int]:
        return self.shared_description.get(self.description[pid]) or (pid,)

    def description_words(self, pid: int) -> frozenset[str]:
        """The content words of this person's description, worked out once per text: a big
        deck repeats a few dozen descriptions (texts that fold alike have the same words)."""
        number = self.description[pid]
        words = self._description_words.get(number)
        if words is None:
            words = self._description_words[number] = content_stems(self.people[pid].description)
        return words

    def described_alike(self, pid: int, number: int, stems: frozenset[str]) -> bool:
        """Whether anyone going by this person's name is described with the same text
        (`number`) or a content word of it: a fan could defend them as the answer."""
        description = self.description
        return any(
            description[q] == number or not self.description_words(q).isdisjoint(stems)
            for q in self.same_char(pid)
        )

    @cached_property
    def shared_actor(self) -> dict[int, list[int]]:
        return _repeats(self.actor)

    @cached_property
    def shared_hangul(self) -> dict[int, list[int]]:
        return _repeats(self.hangul)

    @cached_property
    def hangul(self) -> list[int]:
        """Per person, their Hangul name numbered by text (-1 when the deck gives none)."""
        spelled = [person.hangul or "" for person in self.people]
        numbers = _text_ids(spelled)
        blank = numbers[spelled.index("")] if "" in spelled else -1
        return [-1 if n == blank else n for n in numbers]

    def genders(self, classes: list[int]) -> list[str | None]:
        """Per class: the gender its entries give, `_MIXED` if they disagree, else None."""
        found: list[str | None] = [None] * _count(classes)
        for gender, flags in self._gender_flags.items():
            for cls in set(compress(classes, flags)):
                found[cls] = gender if found[cls] is None else _MIXED
        return found

    @cached_property
    def _gender_flags(self) -> dict[str, list[bool]]:
        """Per known gender, whether each person has it: ready for `compress`."""
        genders = [person.gender for person in self.people]
        return {gender: [g == gender for g in genders] for gender in _BUCKET}

    def other(self, pid: int) -> int:
        first = self.couple_first[self.person_couple[pid]]
        return first + 1 if pid == first else first

    def same_actor_in_drama(self, pid: int) -> list[int]:
        actor, d = self.actor, self.person_drama[pid]
        return [
            q
            for q in range(self.people_start[d], self.people_start[d + 1])
            if actor[q] == actor[pid]
        ]

    def pair_dramas(self, couple: int) -> set[int]:
        """Every drama in which both partners' names turn up, in any role."""
        a = self.couple_first[couple]
        if self.char[a] not in self.shared_char or self.char[a + 1] not in self.shared_char:
            return {self.couple_drama[couple]}  # the usual case: a name found nowhere else
        found = {self.person_drama[q] for q in self.same_char(a)}
        return found & {self.person_drama[q] for q in self.same_char(a + 1)}

    def same_pair(self, couple: int) -> list[int]:
        """Couples anywhere whose partners carry the same two names."""
        a = self.couple_first[couple]
        if self.char[a] not in self.shared_char or self.char[a + 1] not in self.shared_char:
            return [couple]  # the usual case: a name found nowhere else
        b_class = self.char[a + 1]
        return [
            self.person_couple[q]
            for q in self.same_char(a)
            if self.person_couple[q] >= 0 and self.char[self.other(q)] == b_class
        ]


class _Pool:
    """Candidates of one gender bucket, sorted by year (undated last) for the tiers."""

    def __init__(
        self, refs: list[int], year_keys: list[int], covers: frozenset[int], count: int
    ) -> None:
        self.refs = refs
        self.years = list(map(year_keys.__getitem__, refs))  # _UNDATED for the undated tail
        self.covers = covers  # the buckets it draws from
        self.count = count  # distinct classes in it


def _year_order(years: list[int | None], dramas: Sequence[int]) -> tuple[list[int], list[int]]:
    """Per ref, the year it sorts by (`_UNDATED` when its drama has none), and every ref in
    that order, deck order within a year. Actors and characters share one: both are people."""
    year_of = [_UNDATED if year is None else year for year in years]
    year_keys = list(map(year_of.__getitem__, dramas))
    return year_keys, sorted(range(len(year_keys)), key=year_keys.__getitem__)


class _Options:
    """One type of option (actors, characters, titles or obstacles) and its candidate pools.

    Pools are sorted out when first asked for: most decks give every person a gender, so
    the pool that mixes them all is never needed for actors or characters.
    """

    def __init__(
        self,
        texts: list[str],
        classes: list[int],
        dramas: Sequence[int],
        starts: Sequence[int],
        year_order: tuple[list[int], list[int]],
        genders: list[str | None] | None,
        clues: Mapping[str, frozenset[str]],
        withheld: frozenset[int] = frozenset(),
    ) -> None:
        """`year_order` comes from `_year_order`; `clues`: what a player matches in each text
        (surnames too, for names); `withheld`: dramas whose entries are never offered."""
        self.texts = texts
        self.clues = clues
        self.classes = classes
        self.dramas = dramas
        self.starts = starts  # drama d's refs are range(starts[d], starts[d + 1])
        self.genders = genders
        if genders is None:
            class_bucket = [_UNKNOWN] * _count(classes)
        else:
            class_bucket = list(map(_BUCKET_OF.__getitem__, genders))
        ref_bucket = list(map(class_bucket.__getitem__, classes))
        self._year_keys, ordered = year_order
        if withheld:  # -1: never offered (only a withheld drama has it)
            offered = {cls for cls, d in zip(classes, dramas, strict=True) if d not in withheld}
            class_bucket = [b if cls in offered else -1 for cls, b in enumerate(class_bucket)]
            ref_bucket = [
                -1 if d in withheld else b for b, d in zip(ref_bucket, dramas, strict=True)
            ]
            ordered = [r for r in ordered if ref_bucket[r] >= 0]
        self.class_bucket, self.ref_bucket = class_bucket, ref_bucket
        self._ordered = ordered
        self._counts = [class_bucket.count(b) for b in (_FEMALE, _MALE, _UNKNOWN, _MIXED_BUCKET)]

    @cached_property
    def any(self) -> _Pool:
        every = frozenset((_FEMALE, _MALE, _UNKNOWN, _MIXED_BUCKET))
        return _Pool(self._ordered, self._year_keys, every, sum(self._counts))

    @cached_property
    def buckets(self) -> list[_Pool]:
        """Female, male and unknown; mixed names only ever come from `any`."""
        ref_bucket, pools = self.ref_bucket, []
        for b in (_FEMALE, _MALE, _UNKNOWN):
            refs = [r for r in self._ordered if ref_bucket[r] == b] if self._counts[b] else []
            pools.append(_Pool(refs, self._year_keys, frozenset((b,)), self._counts[b]))
        return pools

    def pools_for(self, gender: str | None, answer_class: int) -> list[_Pool]:
        """Same gender first, then the unknowns; never the other gender.

        An answer of unknown gender may still get one from its name's class. A class whose
        entries disagree is matched only with unknowns, which no reading of the deck can call
        implausible.
        """
        if self.genders is None:
            return [self.any]
        if gender not in _BUCKET:
            gender = self.genders[answer_class]
            if gender == _MIXED:
                return [self.buckets[_UNKNOWN]]
            if gender not in _BUCKET:
                return [self.any]
        return [self.buckets[_BUCKET[gender]], self.buckets[_UNKNOWN]]


class _Plan(NamedTuple):
    options: _Options
    answer: int
    excluded: set[int]  # classes never offered as distractors (the answer's among them)
    pools: list[_Pool]
    drama: int
    need: int  # distractors to find: as many as there are allowed classes, up to three
    fits: Callable[[int], bool]  # what a distractor must pass besides its class (the prompt)
    clues: frozenset[str]  # what the answer shares with the prompt: a distractor must too
    cues: tuple[str, ...]  # what the prompt turns on (see Question.cues)
    named: str | None  # the drama as the prompt names it, if it does


# A stretch of a candidate list, and a tier: segments to sample, a drama to avoid and how
# many distractors at most to take from it.
_Segment = tuple[list[int], int, int]
_Tier = tuple[list[_Segment], int | None, int]


def _nth(segments: list[_Segment], index: int) -> int:
    """The index-th candidate across segments, as if they were one list."""
    for seq, lo, hi in segments:
        if index < hi - lo:
            return seq[lo + index]
        index -= hi - lo
    raise IndexError(index)


def _title_and_year(drama: Drama) -> str:
    year = _year(drama)
    return drama.title if year is None else f"{drama.title} ({year})"


_last_index: list[tuple[Deck, _Index]] = []  # the last deck indexed, and its index


def _index_of(deck: Deck) -> _Index:
    """The deck's index, shared by the bags of one deck: the set-up screen counts what the
    deck can deal, then the match deals from it, and on a 10,000-couple deck each index
    took a tenth of a second. An index only ever adds what it works out on first use, so
    sharing it changes nothing a bag deals. Only the last deck's is kept."""
    if _last_index and _last_index[0][0] is deck:
        return _last_index[0][1]
    index = _Index(deck)
    _last_index[:] = [(deck, index)]
    return index


def prepare(deck: Deck, difficulty: str, hidden_dramas: frozenset[str]) -> Steps[None]:
    """The deck's index, then what a bag of this difficulty works out from it (both shared
    with the bags that follow), a step each: a screen can have them ready before a match is
    set up (see game.ui.warm_up). On a 10,000-couple deck each step takes tens of ms."""
    _index_of(deck)
    yield
    QuestionBag(deck, seed=0, difficulty=difficulty, hidden_dramas=hidden_dramas)
    yield


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _check_choice(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; choose from: {', '.join(allowed)}")


class QuestionBag:
    """Deals questions for a whole match: never repeats a question until the pool is used up.

    Dealing also keeps rounds fair: a question that something shown earlier in the same
    round already answers waits for a later round (see game.core.leaks), and with an
    `exposure` the questions the players have seen least (then missed most) come first.
    """

    def __init__(
        self,
        deck: Deck,
        *,
        seed: int | None = None,
        kinds: Sequence[str] | None = None,
        difficulty: str = "normal",
        hidden_dramas: frozenset[str] = frozenset(),
        exposure: Exposure | None = None,
        round_size: int = ROUND_SIZE,
    ) -> None:
        wanted = KINDS if kinds is None else tuple(kinds)
        if not wanted:
            raise ValueError(f"no question kinds given; choose from: {', '.join(KINDS)}")
        for kind in wanted:
            _check_choice(kind, KINDS, "question kind")
        _check_choice(difficulty, DIFFICULTIES, "difficulty")
        if round_size < 1:
            raise ValueError(f"a round needs at least one question ({round_size})")
        self._rng = random.Random(seed)
        self._difficulty = difficulty
        self._hidden = frozenset(hidden_dramas)
        self._ix = _index_of(deck)
        self._fold = _Memo(folded_words)
        self._first_words = _Memo(_first_word)
        self._name_clues = _Memo(name_clues)
        self._text_clues = _Memo(text_clues)
        self._hidden_dramas = frozenset(
            d for d, drama in enumerate(deck.dramas) if drama.id in self._hidden
        )
        self._wanted = frozenset(KINDS.index(kind) for kind in wanted)
        if difficulty != "hard":
            self._wanted -= {KINDS.index(kind) for kind in HARD_ONLY_KINDS}
        # One group of questions per subject. Until a group is first listed it is None, and
        # its index is also its subject's: groups are only ever dropped once all are listed.
        self._subjects = self._find_subjects()
        self._groups: list[list[int] | None] = [None] * len(self._subjects)
        for kind in self._wanted - {_YEAR}:
            self._options_for(kind)  # classes and genders now; pools when first dealt from
        self._dead: set[int] = set()
        self._pool_size: int | None = None
        self._queue: list[int] = []  # the groups of the current round
        self._next = 0
        self._round = -1
        self._cycles = 0
        self._kind_rank: list[int] = []
        self._touched = 0
        self._last_members: list[int] = []  # the group of the last question (no group yet)
        self._exposure: Exposure = exposure or {}
        self._round_size = round_size
        self._shown: list[str] = []  # what the current round has shown, question by question
        self._held: list[Question] = []  # built, but they would leak into the current round
        self._stale: list[tuple[tuple[int, int], int, Question]] = []  # seen before: last
        self._last_about: str | None = None  # the couple (or character) last dealt about

    # -- what can be asked -----------------------------------------------------------------

    def _find_subjects(self) -> list[int]:
        """Whom questions can be about: each couple by its number, then each extra character
        by the number of couples plus its person number (not on easy: it keeps to the main
        couples).

        Their questions are listed only when a round first reaches them (`_members`): a match
        deals a few hundred, a big deck has a hundred thousand. Only kinds that could apply
        count, so an obstacle-only bag skips hidden dramas' couples.
        """
        ix, wanted = self._ix, self._wanted
        couples = len(ix.couples)
        if wanted - {_OBSTACLE}:
            subjects = list(range(couples))
        else:
            subjects = [k for k, d in enumerate(ix.couple_drama) if d not in self._hidden_dramas]
        if wanted & _PERSON_KINDS and self._difficulty != "easy":
            subjects += [couples + pid for pid, k in enumerate(ix.person_couple) if k < 0]
        return subjects

    def _members(self, g: int) -> list[int]:
        """Group g's specs, listed the first time they are needed."""
        members = self._groups[g]
        if members is None:
            members = self._groups[g] = self._specs_about(self._subjects[g])
        return members

    def _specs_about(self, subject: int) -> list[int]:
        """A couple's specs (kind by kind, each partner's, then the couple's own) or an extra
        character's.

        Entries whose prompts would read the same (same kind, same names, same drama) give
        one spec: the first in the deck. A drama's people are contiguous, so for a person
        that is the first in their drama.
        """
        ix, wanted = self._ix, self._wanted
        couple = subject if subject < len(ix.couples) else -1
        if couple >= 0:
            people: tuple[int, ...] = (ix.couple_first[couple], ix.couple_first[couple] + 1)
        else:
            people = (subject - len(ix.couples),)
        d = ix.person_drama[people[0]]
        start, end = ix.people_start[d], ix.people_start[d + 1]
        # Prompts that name a drama need a name that says which drama is meant.
        named = ix.label[d] is not None
        specs: list[int] = []
        if named:
            # Actor and partner prompts name the character, so they share one reading.
            by_character = [pid for pid in people if ix.char[pid] not in ix.char[start:pid]]
            if _ACTOR in wanted:
                specs += [pid * _KIND_BITS + _ACTOR for pid in by_character]
            if _CHARACTER in wanted:
                actor = ix.actor
                specs += [
                    pid * _KIND_BITS + _CHARACTER
                    for pid in people
                    if actor[pid] not in actor[start:pid]
                ]
            # The deck does not say whom a drama's extra characters love.
            if _PARTNER in wanted and couple >= 0:
                specs += [pid * _KIND_BITS + _PARTNER for pid in by_character if ix.loves_back(pid)]
            if _HANGUL in wanted:
                hangul = ix.hangul
                specs += [
                    pid * _KIND_BITS + _HANGUL
                    for pid in people
                    if hangul[pid] >= 0 and hangul[pid] not in hangul[start:pid]
                ]
        if _DESCRIPTION in wanted:
            # A shared description needs the drama named, and no other sharer in it.
            descriptions, shared_ = ix.description, ix.shared_description
            specs += [
                pid * _KIND_BITS + _DESCRIPTION
                for pid in people
                if descriptions[pid] not in shared_
                or (named and descriptions[start:end].count(descriptions[pid]) == 1)
            ]
        if couple < 0:
            return specs
        same_pair = ix.same_pair(couple)
        if _DRAMA in wanted and min(same_pair) == couple:
            specs.append(couple * _KIND_BITS + _DRAMA)
        # A pair found in several dramas needs the drama named; there, the first couple with
        # it asks. Otherwise all its couples share this drama, and the first of them asks.
        if (
            _OBSTACLE in wanted
            and d not in self._hidden_dramas
            and (named or len(ix.pair_dramas(couple)) == 1)
            and all(k >= couple for k in same_pair if ix.couple_drama[k] == d)
        ):
            specs.append(couple * _KIND_BITS + _OBSTACLE)
        # A drama's year is asked once, with its first couple, where the title alone names it.
        if (
            _YEAR in wanted
            and couple == ix.couple_start[d]
            and ix.years[d] is not None
            and ix.label[d] == ix.titles[d]
        ):
            specs.append(couple * _KIND_BITS + _YEAR)
        return specs

    @cached_property
    def _actors(self) -> _Options:
        ix = self._ix
        return _Options(
            ix.actors,
            ix.actor,
            ix.person_drama,
            ix.people_start,
            self._people_by_year,
            ix.genders(ix.actor),
            self._name_clues,
        )

    @cached_property
    def _characters(self) -> _Options:
        ix = self._ix
        return _Options(
            ix.characters,
            ix.char,
            ix.person_drama,
            ix.people_start,
            self._people_by_year,
            ix.genders(ix.char),
            self._name_clues,
        )

    @cached_property
    def _people_by_year(self) -> tuple[list[int], list[int]]:
        return _year_order(self._ix.years, self._ix.person_drama)

    @cached_property
    def _titles(self) -> _Options:
        ix = self._ix
        dramas = range(len(ix.dramas))
        return _Options(
            ix.titles,
            ix.title,
            dramas,
            range(len(ix.dramas) + 1),
            _year_order(ix.years, dramas),
            None,
            self._text_clues,
        )

    @cached_property
    def _obstacles(self) -> _Options:
        """Obstacles of hidden dramas are never offered: they would spoil the story."""
        ix = self._ix
        return _Options(
            ix.obstacles,
            ix.obstacle,
            ix.couple_drama,
            ix.couple_start,
            _year_order(ix.years, ix.couple_drama),
            None,
            self._text_clues,
            self._hidden_dramas,
        )

    def _options_for(self, kind: int) -> _Options:
        if kind == _ACTOR:
            return self._actors
        if kind == _DRAMA:
            return self._titles
        if kind == _OBSTACLE:
            return self._obstacles
        return self._characters

    def _plan(self, spec: int) -> _Plan | None:
        """The answer and the classes that must not be offered; None when it cannot be asked."""
        ix = self._ix
        ref, kind = divmod(spec, _KIND_BITS)
        if kind == _YEAR:
            d = ix.couple_drama[ref]
            title = (self._ix.titles[d],)
            return _Plan(
                self._titles, d, set(), [], d, MAX_OPTIONS - 1, _anything, frozenset(), title, None
            )
        if kind == _ACTOR:
            excluded = {ix.actor[q] for q in ix.same_char(ref)}
            return self._finish(spec, self._actors, ref, excluded, ix.people[ref].gender)
        if kind == _CHARACTER:
            excluded = {ix.char[q] for q in ix.same_actor_in_drama(ref)}
            return self._finish(spec, self._characters, ref, excluded, ix.people[ref].gender)
        if kind == _HANGUL:
            d, spelled = ix.person_drama[ref], ix.hangul[ref]
            excluded = {
                ix.char[q]
                for q in range(ix.people_start[d], ix.people_start[d + 1])
                if ix.hangul[q] == spelled
            }
            return self._finish(spec, self._characters, ref, excluded, ix.people[ref].gender)
        if kind == _PARTNER:
            answer, cue = ix.other(ref), ix.char[ref]
            if ix.char[answer] == cue:
                return None  # "Who falls for X? X" reads as a trick, whatever the deck says
            excluded = {cue}
            d = ix.person_drama[ref]
            cast = range(ix.people_start[d], ix.people_start[d + 1])
            same = [q for q in ix.same_char(ref) if ix.person_drama[q] == d or q == ref]
            excluded.update(
                ix.char[ix.other(q)] for q in ix.same_char(ref) if ix.person_couple[q] >= 0
            )
            if ix.annotated:  # a fan could defend anyone who loves X, or whom X loves
                for q in same:
                    excluded.update(ix.loves.get(q, ()))
                excluded.update(ix.char[q] for q in cast if cue in ix.loves.get(q, ()))
            else:  # the deck does not say whom a drama's extra characters love
                excluded.update(ix.char[q] for q in range(ix.extras_start[d], cast.stop))
            return self._finish(spec, self._characters, answer, excluded, ix.people[answer].gender)
        if kind == _DRAMA:
            excluded = {ix.title[d] for d in ix.pair_dramas(ref)}
            return self._finish(spec, self._titles, ix.couple_drama[ref], excluded, None)
        if kind == _OBSTACLE:
            excluded = {ix.obstacle[k] for k in ix.same_pair(ref)}
            return self._finish(spec, self._obstacles, ref, excluded, None)
        return self._finish(spec, self._characters, ref, set(), ix.people[ref].gender)

    def _finish(
        self, spec: int, options: _Options, answer: int, excluded: set[int], gender: str | None
    ) -> _Plan | None:
        cues, named = self._prompt_texts(spec)
        fits, clues = self._prompt_rules(spec, options, answer, cues, named)
        if fits is None:
            return None
        cls = options.classes[answer]
        excluded.add(cls)
        pools = options.pools_for(gender, cls)
        offered = sum(pool.count for pool in pools)
        need = MAX_OPTIONS - 1
        if offered <= _SMALL_TIER * 4:
            # A small pool is counted exactly: the prompt's rules may leave too few.
            need = min(need, _allowed_classes(options.classes, pools, excluded, fits, need))
        elif offered - len(excluded) < need:
            # Only then can the excluded classes leave too few, and only those in these pools
            # count. A big pool skips this.
            covered = frozenset().union(*(pool.covers for pool in pools))
            blocked = sum(1 for c in excluded if options.class_bucket[c] in covered)
            need = min(need, offered - blocked)
        if need < 1:
            return None
        plan = _Plan(
            options, answer, excluded, pools, options.dramas[answer], need, fits, clues, cues, named
        )
        if clues and self._sharing(plan, None) is None:
            return None  # only the answer would share a name or word with the prompt
        return plan

    def _prompt_rules(
        self, spec: int, options: _Options, answer: int, cues: tuple[str, ...], label: str | None
    ) -> tuple[Callable[[int], bool] | None, frozenset[str]]:
        """What the prompt forbids: a test every distractor must pass, and the clues (surname
        or word stem) the answer shares with the prompt, which a distractor must share too.
        No test at all when the prompt names the answer itself."""
        ix, texts, fold, firsts = self._ix, options.texts, self._fold, self._first_words
        ref, kind = divmod(spec, _KIND_BITS)
        words = "".join(map(fold.__getitem__, cues))
        if label:
            words += fold[label]
        if mentions(words, fold[texts[answer]]):
            return None, frozenset()
        clues = self._text_clues[label] if label else frozenset()
        cue_clues = self._text_clues if kind == _DESCRIPTION else self._name_clues
        for text in cues:
            clues = clues | cue_clues[text]
        shares = shared(options.clues[texts[answer]], clues)
        if kind == _DESCRIPTION:
            number = ix.description[ref]
            stems = ix.description_words(ref)

            def fits(r: int) -> bool:
                first = firsts[texts[r]]
                named = (not first or first in words) and mentions(words, fold[texts[r]])
                return not named and not ix.described_alike(r, number, stems)

            return fits, shares

        def unnamed(r: int) -> bool:
            first = firsts[texts[r]]
            return (bool(first) and first not in words) or not mentions(words, fold[texts[r]])

        if kind == _HANGUL:
            # Counting syllables must not pick the answer: 루나 is not one of three-syllable names.
            people, length = ix.people, _syllables(ix.people[ref].hangul)

            def spelled_alike(r: int) -> bool:
                return _syllables(people[r].hangul) == length and unnamed(r)

            return spelled_alike, shares
        return unnamed, shares

    def _sharing(self, plan: _Plan, rng: random.Random | None) -> list[int] | None:
        """Distractors that between them share every clue the answer shares with the prompt
        (from a random start when `rng` is given); None when some clue has none."""
        options, classes = plan.options, plan.options.classes
        picked: list[int] = []
        taken = set(plan.excluded)
        missing = set(plan.clues)
        for pool in plan.pools:
            refs = pool.refs
            size = len(refs)
            start = rng.randrange(size) if rng is not None and size else 0
            # A big pool is sampled, not walked: a clue shared by none of a few hundred
            # candidates is too rare to make a fair question of.
            for i in range(size if size <= _WALK else _SAMPLE):
                ref = refs[(start + i) % size]
                cls = classes[ref]
                if cls in taken or not plan.fits(ref):
                    continue
                covers = {
                    clue for clue in missing if matches(clue, options.clues[options.texts[ref]])
                }
                if covers:
                    taken.add(cls)
                    picked.append(ref)
                    missing -= covers
                    if not missing:
                        return picked if len(picked) <= plan.need else None
        return None

    @property
    def pool_size(self) -> int:
        """How many distinct questions this bag can ask before it starts over."""
        if self._pool_size is None:
            self._pool_size = sum(
                1
                for g in range(len(self._groups))
                for spec in self._members(g)
                if self._plan(spec) is not None
            )
        return self._pool_size

    # -- dealing -----------------------------------------------------------------------------

    def new_round(self) -> None:
        """Start a round: what earlier rounds showed no longer counts as giving answers away."""
        self._shown = []

    def draw(self, count: int) -> list[Question]:
        """The next `count` questions (fewer only if the deck has nothing to ask). Every
        `round_size` questions dealt form a round, unless `new_round` starts one sooner."""
        if count < 0:
            raise ValueError(f"cannot draw a negative number of questions ({count})")
        questions: list[Question] = []
        while len(questions) < count:
            if len(self._shown) >= self._round_size:
                self.new_round()
            question = self._next_question()
            if question is None:
                break
            questions.append(question)
            self._shown.append(shown(question))
        return questions

    def _next_question(self) -> Question | None:
        """A question that nothing shown in this round answers, if patience allows.

        Questions that would leak wait (held) and go first once they no longer do; questions
        the players have seen before wait until this cycle's fresh ones are dealt. A cycle
        ends only once both are empty, so every question of the pool is dealt once a cycle.
        """
        for i, question in enumerate(self._held):
            if self._fits_round(question):
                return self._dealt(self._held.pop(i))
        tried = 0
        while tried < _PATIENCE:
            spec = self._next_spec(new_cycle=not (self._held or self._stale))
            if spec is None:
                return self._dealt(self._leftover())
            question = self._build(spec)
            if question is None:
                self._dead.add(spec)  # dropped when the next cycle starts
                continue
            seen = self._exposure.get((question.kind, question.prompt))
            if seen and seen[0] > 0:
                self._stale.append(((seen[0], -seen[1]), len(self._stale), question))
                continue
            if self._fits_round(question):
                return self._dealt(question)
            self._held.append(question)
            tried += 1
        return self._dealt(self._least_leaky(self._held))

    def _fits_round(self, question: Question) -> bool:
        """Nothing shown this round answers it, and it is not about the last one's couple."""
        return _about(question) != self._last_about and leak_source(self._shown, question) is None

    def _dealt(self, question: Question | None) -> Question | None:
        self._last_about = None if question is None else _about(question)
        return question

    def _leftover(self) -> Question | None:
        """At the end of a cycle: seen questions, least seen and most missed first, those
        that do not leak before those that do."""
        if self._stale:
            self._stale.sort(key=lambda entry: entry[:2])
            for i, (_, _, question) in enumerate(self._stale):
                if self._fits_round(question):
                    return self._stale.pop(i)[2]
        if self._held:
            return self._least_leaky(self._held)
        if self._stale:
            return self._stale.pop(0)[2]
        return None

    def _least_leaky(self, waiting: list[Question]) -> Question:
        """When every candidate leaks: the one whose giveaway lies furthest back."""

        def far(i: int) -> tuple[bool, int]:
            source = leak_source(self._shown, waiting[i])
            return _about(waiting[i]) == self._last_about, -1 if source is None else source

        return waiting.pop(min(range(len(waiting)), key=far))

    def _next_spec(self, *, new_cycle: bool = True) -> int | None:
        """Round-robin over couples: each round visits every couple with questions left once.

        So a couple comes back only after all the others have had a turn. The order within a
        round is a lazy Fisher-Yates shuffle: a big deck never shuffles its whole pool.
        None when nothing in the deck can be asked, or at the end of a cycle when
        `new_cycle` is false.
        """
        rng, queue = self._rng, self._queue
        members: list[int] = []
        while not members:  # a group listed with nothing to ask is passed over
            while self._next >= len(queue):
                self._round += 1
                queue = [g for g in queue if len(self._members(g)) > self._round]
                if not queue:
                    if not new_cycle:
                        self._queue, self._next = queue, 0
                        return None
                    self._start_cycle()
                    if not self._groups:
                        return None
                    queue = list(range(len(self._groups)))
                self._queue, self._next = queue, 0
            i = self._next
            j = rng.randrange(i, len(queue))
            if self._groups[queue[j]] is self._last_members and len(queue) - i > 1:
                j = i + (j - i + 1 + rng.randrange(len(queue) - i - 1)) % (len(queue) - i)
            queue[i], queue[j] = queue[j], queue[i]
            self._next += 1
            members = self._members(queue[i])
        self._last_members = members
        if self._round == 0:
            self._arrange(members)
        return members[self._round]

    def _start_cycle(self) -> None:
        """Forget specs found unaskable and groups found empty, so every spec fails at most
        once and draw ends. From the second cycle on, what the players saw before no longer
        orders anything: the whole pool has been dealt since.

        Groups not listed yet stay as they are: only the first cycle has any, and nothing
        has been found out when it starts.
        """
        if self._dead:
            # In place: the last question's group stays itself. Empty lists need no filter.
            for members in filter(None, self._groups):
                members[:] = [s for s in members if s not in self._dead]
            self._dead.clear()
        self._groups = [members for members in self._groups if members is None or members]
        self._round = 0
        self._cycles += 1
        if self._cycles > 1:
            self._exposure = {}
        self._kind_rank = self._rng.sample(range(len(KINDS)), len(KINDS))
        self._touched = 0

    def _arrange(self, members: list[int]) -> None:
        """Order a couple's questions so the kinds take turns across the round.

        Each couple gets a rotation one step on from the previous couple's, so every round
        holds a fair mix of kinds instead of whatever the shuffle happened to bunch up.
        """
        rank, rng, turn = self._kind_rank, self._rng, self._touched % len(KINDS)
        self._touched += 1
        keyed = [
            ((rank[spec % _KIND_BITS] - turn) % len(KINDS), rng.random(), spec) for spec in members
        ]
        keyed.sort()
        members[:] = [spec for _, _, spec in keyed]

    def _build(self, spec: int) -> Question | None:
        plan = self._plan(spec)
        if plan is None:
            return None
        if spec % _KIND_BITS == _YEAR:
            # Years read best in order (a deck's are four digits, so text sorts them); how
            # many come before the answer was drawn at random.
            answer = str(self._ix.years[plan.drama])
            options = tuple(sorted((answer, *self._year_distractors(plan.drama))))
            slot = options.index(answer)
        else:
            texts = plan.options.texts
            answer, others = texts[plan.answer], [texts[r] for r in self._distractors(plan)]
            if not others:
                return None
            self._rng.shuffle(others)
            # Each question's slot is drawn afresh: no pattern across questions to read.
            slot = self._rng.randrange(len(others) + 1)
            options = (*others[:slot], answer, *others[slot:])
        kind, prompt, explanation, subject = self._words(spec, plan)
        return Question(kind, prompt, options, slot, explanation, subject, plan.cues)

    def _year_distractors(self, d: int) -> list[str]:
        """Three other years close to the drama's, none still to come (a player would rule
        it out). How many lie before the answer is drawn at random, so its rank among the
        four years gives nothing away (only this year's dramas must be the latest)."""
        year = self._ix.years[d]
        assert year is not None
        rng, need = self._rng, MAX_OPTIONS - 1
        below = list(range(year - _YEAR_SPREAD, year))
        above = [y for y in range(year + 1, year + _YEAR_SPREAD + 1) if y <= date.today().year]
        earlier = rng.choice([n for n in range(need + 1) if need - n <= len(above)])
        picked = rng.sample(below, earlier) + rng.sample(above, need - earlier)
        return [str(y) for y in picked]

    # -- distractors -------------------------------------------------------------------------

    def _tiers(self, options: _Options, pool: _Pool, drama: int) -> list[_Tier]:
        """Where to look first, per difficulty: (segments of candidates, drama to avoid, how
        many to take at most).

        Normal takes one from the named drama when it can, so knowing which drama a name
        belongs to no longer picks the answer; hard takes all it can from there, then the
        closest years; easy keeps to other dramas, far away in time first.
        """
        refs, years = pool.refs, pool.years
        whole: list[_Segment] = [(refs, 0, len(refs))]
        every = MAX_OPTIONS
        if self._difficulty == "easy":
            year = self._ix.years[drama]
            tiers: list[_Tier] = []
            if year is not None:
                dated = bisect_left(years, _UNDATED)
                tiers.append(
                    (
                        [
                            (refs, 0, bisect_left(years, year - _ERA + 1)),
                            (refs, bisect_right(years, year + _ERA - 1), dated),
                        ],
                        drama,
                        every,
                    )
                )
                tiers.append(
                    (
                        [
                            (refs, 0, bisect_left(years, year)),
                            (refs, bisect_right(years, year), dated),
                        ],
                        drama,
                        every,
                    )
                )
            return [*tiers, (whole, drama, every), (whole, None, every)]
        first, end = options.starts[drama], options.starts[drama + 1]
        same = [r for r in range(first, end) if options.ref_bucket[r] in pool.covers]
        if self._difficulty == "normal":
            return [([(same, 0, len(same))], None, 1), (whole, None, every)]
        year = self._ix.years[drama]
        lo = bisect_left(years, _UNDATED if year is None else year)
        hi = bisect_right(years, _UNDATED if year is None else year)
        return [
            ([(same, 0, len(same))], None, every),
            ([(refs, lo, hi)], None, every),
            ([(refs, max(0, lo - _NEAR), min(len(refs), hi + _NEAR))], None, every),
            (whole, None, every),
        ]

    def _distractors(self, plan: _Plan) -> list[int]:
        """Up to `need` refs of distinct, allowed classes: first those sharing what the answer
        shares with the prompt, then from the closest tier on.

        Tiers are sampled at random, so a big pool is never scanned; if sampling comes up
        short, a final walk over the pools makes the option count depend on the deck alone.
        """
        need, fits = plan.need, plan.fits
        options, rng = plan.options, self._rng
        classes, dramas = options.classes, options.dramas
        picked: list[int] = []
        if plan.clues:
            # The plan found sharers from the pool's start; a random start may miss them in a
            # big pool's sample, and then the plan's own find stands.
            picked = self._sharing(plan, rng) or self._sharing(plan, None) or []
        taken = set(plan.excluded).union(map(classes.__getitem__, picked))
        if len(picked) >= need:
            return picked

        def offer(ref: int, avoid: int | None) -> bool:
            cls = classes[ref]
            if cls not in taken and dramas[ref] != avoid and fits(ref):
                taken.add(cls)
                picked.append(ref)
            return len(picked) >= need

        for pool in plan.pools:
            for segments, avoid, cap in self._tiers(options, pool, plan.drama):
                live = [s for s in segments if s[2] > s[1]]
                total = sum(hi - lo for _, lo, hi in live)
                stop = min(need, len(picked) + cap)
                if total <= _SMALL_TIER:
                    members = [seq[i] for seq, lo, hi in live for i in range(lo, hi)]
                    rng.shuffle(members)
                    for ref in members:
                        if offer(ref, avoid) or len(picked) >= stop:
                            break
                else:
                    for _ in range(4 * (stop - len(picked)) + 4):
                        if offer(_nth(live, rng.randrange(total)), avoid) or len(picked) >= stop:
                            break
                if len(picked) >= need:
                    return picked
        for pool in plan.pools:
            size = len(pool.refs)
            start = rng.randrange(size) if size else 0
            for i in range(size):
                if offer(pool.refs[(start + i) % size], None):
                    return picked
        return picked

    # -- words -------------------------------------------------------------------------------

    def _named(self, spec: int) -> str | None:
        """The drama as the prompt names it, or None when the prompt names no drama."""
        ix = self._ix
        ref, kind = divmod(spec, _KIND_BITS)
        if kind in (_DRAMA, _YEAR):
            return None  # the drama is the answer, or (a year's) the whole subject
        if kind == _OBSTACLE:
            if len(ix.pair_dramas(ref)) == 1:
                return None  # a pair found in several dramas is told apart by naming one
            return ix.label[ix.couple_drama[ref]]
        if kind == _DESCRIPTION:
            # A description others share is told apart by naming the drama.
            return None if len(ix.same_description(ref)) == 1 else ix.label[ix.person_drama[ref]]
        label = ix.label[ix.person_drama[ref]]
        if (
            label is not None
            and self._label_gives_away(label, self._answer_text(ref, kind))
            and self._unique_cue(ref, kind)
        ):
            return None  # "Whom does Yoon Hyun-min play?" rather than "... in My Holo Love?"
        return label

    def _answer_text(self, ref: int, kind: int) -> str:
        ix = self._ix
        if kind == _ACTOR:
            return ix.actors[ref]
        if kind == _PARTNER:
            return ix.characters[ix.other(ref)]
        return ix.characters[ref]

    def _label_gives_away(self, label: str, answer: str) -> bool:
        """Whether naming the drama names the answer, or shares a surname or stem with it."""
        return mentions(self._fold[label], self._fold[answer]) or bool(
            shared(self._name_clues[answer], self._text_clues[label])
        )

    def _unique_cue(self, ref: int, kind: int) -> bool:
        """Whether the prompt's name (or Hangul) is found in one drama of the whole deck, so
        the prompt can leave the drama out and still say which one it means."""
        ix = self._ix
        d = ix.person_drama[ref]
        if kind == _CHARACTER:
            same = ix.shared_actor.get(ix.actor[ref], ())
        elif kind == _HANGUL:
            same = ix.shared_hangul.get(ix.hangul[ref], ())
        else:
            same = ix.same_char(ref)
        return all(ix.person_drama[q] == d for q in same)

    def _prompt_texts(self, spec: int) -> tuple[tuple[str, ...], str | None]:
        """What the prompt turns on (names, a description, a title), and the drama it names."""
        ix = self._ix
        ref, kind = divmod(spec, _KIND_BITS)
        named = self._named(spec)
        if kind in (_DRAMA, _OBSTACLE):
            a, b = ix.couples[ref].partners
            return (a.character, b.character), named
        if kind == _YEAR:
            return (ix.titles[ix.couple_drama[ref]],), None
        person = ix.people[ref]
        if kind == _CHARACTER:
            return (person.actor,), named
        if kind == _DESCRIPTION:
            return (person.description.strip().rstrip("."),), named
        if kind == _HANGUL:
            return (person.hangul or "",), named
        return (person.character,), named

    def _words(self, spec: int, plan: _Plan) -> tuple[Kind, str, str, Subject]:
        """Kind, prompt, explanation and subject; a hidden drama's story and obstacle stay out."""
        ix = self._ix
        ref, kind = divmod(spec, _KIND_BITS)
        named = plan.named
        if kind in (_DRAMA, _OBSTACLE, _YEAR):
            return self._couple_words(ref, kind, named)
        person, drama = ix.people[ref], ix.dramas[ix.person_drama[ref]]
        where = f" in {named}" if named else ""
        couple = ix.person_couple[ref]
        subject = Subject(
            drama.id, ix.couples[couple].id if couple >= 0 else None, person.character
        )
        plays = (
            f"{person.actor} plays {person.character}, {person.description.strip()}, "
            f"in {_title_and_year(drama)}."
        )
        if kind == _ACTOR:
            return (
                Kind.ACTOR,
                f"Who plays {person.character}{where}?",
                plays + self._also(ref),
                subject,
            )
        if kind == _CHARACTER:
            return (
                Kind.CHARACTER,
                f"Whom does {person.actor} play{where}?",
                plays + self._also(ref),
                subject,
            )
        if kind == _HANGUL:
            return (
                Kind.HANGUL,
                f"Which character{where} is written {person.hangul} in Hangul?",
                f"{person.hangul} is {person.character} ({person.actor}), "
                f"{person.description.strip()}, in {_title_and_year(drama)}.",
                subject,
            )
        if kind == _PARTNER:
            other = ix.people[plan.answer]
            return (
                Kind.PARTNER,
                f"Who falls for {person.character}{where}?",
                f"{other.character} ({other.actor}), {other.description.strip()}, falls for "
                f"{person.character} ({person.actor}) in {_title_and_year(drama)}.",
                subject,
            )
        return (
            Kind.DESCRIPTION,
            f"Which character{where} is {person.description.strip().rstrip('.')}?",
            f"{person.character} ({person.actor}) in {_title_and_year(drama)} is "
            f"{_sentence(person.description)}",
            subject,
        )

    def _also(self, pid: int) -> str:
        """Name the actor's other roles in the same drama: the fact the question steps round."""
        others = [
            self._ix.people[q].character for q in self._ix.same_actor_in_drama(pid) if q != pid
        ]
        if not others:
            return ""
        return f" {self._ix.people[pid].actor} also plays {' and '.join(others)} there."

    def _couple_words(self, k: int, kind: int, named: str | None) -> tuple[Kind, str, str, Subject]:
        ix = self._ix
        couple, drama = ix.couples[k], ix.dramas[ix.couple_drama[k]]
        a, b = couple.partners
        subject = Subject(drama.id, couple.id, None)
        visible = drama.id not in self._hidden
        story = f" {_sentence(couple.story)}" if visible and couple.story else ""
        if kind == _YEAR:  # about the drama as a whole: no couple of its own
            return (
                Kind.YEAR,
                f"In which year did {drama.title} first air?",
                f"{drama.title} first aired in {drama.year}. {a.character} ({a.actor}) and "
                f"{b.character} ({b.actor}) are a couple in it.",
                Subject(drama.id, None, None),
            )
        if kind == _DRAMA:
            return (
                Kind.DRAMA,
                f"Which drama are {a.character} and {b.character} from?",
                f"{a.character} ({a.actor}) and {b.character} ({b.actor}) are a couple "
                f"in {_title_and_year(drama)}.{story}",
                subject,
            )
        where = f" in {named}" if named else ""
        return (
            Kind.OBSTACLE,
            f"What stands between {a.character} and {b.character}{where}?",
            f"{a.character} and {b.character} in {_title_and_year(drama)}: "
            f"{_sentence(couple.obstacle)}{story}",
            subject,
        )


def _allowed_classes(
    classes: list[int],
    pools: list[_Pool],
    excluded: set[int],
    fits: Callable[[int], bool],
    enough: int,
) -> int:
    """How many classes the pools could offer, counting no further than `enough`: a few
    obstacles can stand for thousands of couples."""
    allowed: set[int] = set()
    for pool in pools:
        for r in pool.refs:
            cls = classes[r]
            if cls not in excluded and cls not in allowed and fits(r):
                allowed.add(cls)
                if len(allowed) >= enough:
                    return enough
    return len(allowed)


def _syllables(hangul: str | None) -> int:
    """How many syllable blocks a Hangul name has (spaces and punctuation aside)."""
    return sum(1 for ch in hangul or "" if "\uac00" <= ch <= "\ud7a3")


def _first_word(text: str) -> str:
    """' word ' for a text's first word when it is letters and digits only (as folded_words
    would write it), else "": a quick first look before folding the whole text."""
    first = text.split(None, 1)[0].casefold().replace("-", "") if text.strip() else ""
    return f" {first} " if first.isalnum() else ""


def _about(question: Question) -> str:
    """Which couple (or, for an extra character, whom) a question is about."""
    subject = question.subject
    return f"{subject.drama}/{subject.couple or subject.character}"


def _anything(_ref: int) -> bool:
    return True


def make_round(
    deck: Deck,
    count: int,
    *,
    seed: int | None = None,
    kinds: Sequence[str] | None = None,
    difficulty: str = "normal",
    hidden_dramas: frozenset[str] = frozenset(),
) -> list[Question]:
    """The first `count` questions of a fresh bag, dealt as a match deals them: every
    ROUND_SIZE in a row form a round."""
    bag = QuestionBag(
        deck, seed=seed, kinds=kinds, difficulty=difficulty, hidden_dramas=hidden_dramas
    )
    return bag.draw(count)


def count_questions(deck: Deck, kinds: Sequence[str] | None = None) -> int:
    """Distinct askable questions in a deck (what `kdrama-quiz check` reports)."""
    return QuestionBag(deck, seed=0, kinds=kinds).pool_size
