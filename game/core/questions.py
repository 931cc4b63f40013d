"""Multiple-choice questions generated from a deck, and a bag that deals them for a match.

The hard part is not writing a prompt but making sure that, given the WHOLE deck, exactly one
option is right: one actor plays characters in several dramas, one actor can play two
characters in one drama, names have aliases, two couples can share an obstacle. So every name
is reduced to a *class*: names linked by an alias (directly or through a chain) are one class,
compared without case, spaces or punctuation. A question works out the classes that would be
right for its prompt, never offers any of them as a distractor, and never offers two options
of one class. Being cautious only ever costs a distractor, never a wrong question.

Everything that depends on the size of the deck is indexed once, when a `QuestionBag` is
built, in flat lists of ints; dealing a question touches only the few entries it is about,
so a match on a deck of ten thousand couples stays instant.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple, TypeVar

from game.core.deck import Couple, Deck, Drama, Person

KINDS: tuple[str, ...] = ("actor", "character", "drama", "obstacle", "partner", "description")
DIFFICULTIES: tuple[str, ...] = ("easy", "normal", "hard")

MAX_OPTIONS = 4
_ACTOR, _CHARACTER, _DRAMA, _OBSTACLE, _PARTNER, _DESCRIPTION = range(len(KINDS))
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
_T = TypeVar("_T")


def _key(text: str) -> str:
    """Compare names the way a player reads them: no case, spaces or punctuation.

    The fast path covers almost every name; it matters on big decks, where this runs for
    every name and alias.
    """
    folded = "".join(text.casefold().split()).replace("-", "")
    if folded.isalnum():
        return folded
    return _NON_WORD.sub("", folded) or folded


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
            repeated.setdefault(value, [j]).append(i)
    return repeated


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
    kind: str
    prompt: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    subject: Subject

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


class _Classes:
    """Union-find over name keys: a name and its aliases, transitively, are one class."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._ids: dict[str, int] = {}

    def _find(self, key: str) -> str:
        parent = self._parent
        root = key
        while parent[root] != root:
            root = parent[root]
        while parent[key] != root:
            parent[key], key = root, parent[key]
        return root

    def link(self, text: str, aliases: Sequence[str]) -> str:
        key = _key(text)
        parent = self._parent
        root = parent.setdefault(key, key)
        if not aliases:
            return key
        if root != key or parent[root] != root:
            root = self._find(key)
        for alias in aliases:
            other = _key(alias)
            if parent.setdefault(other, root) != root:  # known already: merge the two classes
                found = self._find(other)
                if found != root:
                    parent[found] = root
        return key

    def ids(self, keys: list[str]) -> list[int]:
        """Small ints numbered in deck order, so nothing depends on string hashing."""
        ids, find = self._ids, self._find
        return [ids.setdefault(find(key), len(ids)) for key in keys]


class _Index:
    """The deck flattened into parallel lists of ints, built once per bag.

    People are numbered drama by drama: each couple's two partners (always `first` and
    `first + 1`), then the drama's extra characters. So a drama's people and its couples are
    contiguous ranges, and "who else is in this drama" never needs a search.
    """

    def __init__(self, deck: Deck) -> None:
        self.dramas: tuple[Drama, ...] = deck.dramas
        self.years = [_year(drama) for drama in deck.dramas]
        self.people: list[Person] = []
        self.person_drama: list[int] = []
        self.person_couple: list[int] = []  # -1 for a drama's extra characters
        self.couples: list[Couple] = []
        self.couple_drama: list[int] = []
        self.couple_first: list[int] = []
        self.people_span: list[tuple[int, int]] = []
        self.couple_span: list[tuple[int, int]] = []
        self.extras_start: list[int] = []
        for d, drama in enumerate(deck.dramas):
            first_person, first_couple = len(self.people), len(self.couples)
            for couple in drama.couples:
                self.couple_first.append(len(self.people))
                self.couple_drama.append(d)
                self.person_couple += (len(self.couples), len(self.couples))
                self.people += couple.partners
                self.couples.append(couple)
            self.extras_start.append(len(self.people))
            self.person_couple += [-1] * len(drama.characters)
            self.people += drama.characters
            self.people_span.append((first_person, len(self.people)))
            self.person_drama += [d] * (len(self.people) - first_person)
            self.couple_span.append((first_couple, len(self.couples)))
        chars = _Classes()
        self.char = chars.ids([chars.link(p.character, p.aliases) for p in self.people])
        self.char_count = _count(self.char)
        self._shared_char = _repeats(self.char)

    @cached_property
    def actor(self) -> list[int]:
        actors = _Classes()
        return actors.ids([actors.link(p.actor, p.actor_aliases) for p in self.people])

    @cached_property
    def title(self) -> list[int]:
        titles = _Classes()
        return titles.ids([titles.link(d.title, d.aliases) for d in self.dramas])

    @cached_property
    def label(self) -> list[str | None]:
        """How prompts name each drama: its title, with the year when another drama goes by
        the same title; None when even that would not say which drama is meant."""
        titles = self.title
        by_title = Counter(titles)
        by_title_year = Counter(zip(titles, self.years, strict=True))
        labels: list[str | None] = []
        for drama, cls, year in zip(self.dramas, titles, self.years, strict=True):
            if by_title[cls] == 1:
                labels.append(drama.title)
            elif year is not None and by_title_year[(cls, year)] == 1:
                labels.append(f"{drama.title} ({year})")
            else:
                labels.append(None)
        return labels

    @cached_property
    def obstacle(self) -> list[int]:
        ids: dict[str, int] = {}
        return [ids.setdefault(_key(c.obstacle), len(ids)) for c in self.couples]

    @cached_property
    def description(self) -> list[str]:
        return [_key(person.description) for person in self.people]

    @cached_property
    def _shared_description(self) -> dict[str, list[int]]:
        return _repeats(self.description)

    def same_char(self, pid: int) -> Sequence[int]:
        """Everyone in the deck whose name is (an alias of) this person's."""
        return self._shared_char.get(self.char[pid]) or (pid,)

    def same_description(self, pid: int) -> Sequence[int]:
        return self._shared_description.get(self.description[pid]) or (pid,)

    def genders(self, classes: list[int]) -> list[str | None]:
        """Per class: the gender its entries give, `_MIXED` if they disagree, else None."""
        found: list[str | None] = [None] * _count(classes)
        for cls, person in zip(classes, self.people, strict=True):
            gender = person.gender
            if gender in _BUCKET:
                known = found[cls]
                if known is None:
                    found[cls] = gender
                elif known != gender:
                    found[cls] = _MIXED
        return found

    def other(self, pid: int) -> int:
        first = self.couple_first[self.person_couple[pid]]
        return first + 1 if pid == first else first

    def same_actor_in_drama(self, pid: int) -> list[int]:
        actor, (first, end) = self.actor, self.people_span[self.person_drama[pid]]
        return [q for q in range(first, end) if actor[q] == actor[pid]]

    def pair_dramas(self, couple: int) -> set[int]:
        """Every drama in which both partners' names turn up, in any role."""
        a = self.couple_first[couple]
        if self.char[a] not in self._shared_char or self.char[a + 1] not in self._shared_char:
            return {self.couple_drama[couple]}  # the usual case: a name found nowhere else
        found = {self.person_drama[q] for q in self.same_char(a)}
        return found & {self.person_drama[q] for q in self.same_char(a + 1)}

    def same_pair(self, couple: int) -> list[int]:
        """Couples anywhere whose partners carry the same two names."""
        a = self.couple_first[couple]
        b_class = self.char[a + 1]
        return [self.person_couple[q] for q in self.same_char(a)
                if self.person_couple[q] >= 0 and self.char[self.other(q)] == b_class]


class _Pool:
    """Candidates of one gender bucket, sorted by year (undated last) for the tiers."""

    def __init__(self, refs: list[int], year_keys: list[int], covers: frozenset[int],
                 count: int) -> None:
        self.refs = refs
        self.years = [year_keys[ref] for ref in refs]  # _UNDATED for the undated tail
        self.covers = covers  # the buckets it draws from
        self.count = count  # distinct classes in it


class _Options:
    """One type of option (actors, characters, titles or obstacles) and its candidate pools."""

    def __init__(self, texts: list[str], classes: list[int], dramas: list[int],
                 spans: list[tuple[int, int]], years: list[int | None],
                 genders: list[str | None] | None, offered: Iterable[int]) -> None:
        self.texts = texts
        self.classes = classes
        self.dramas = dramas
        self.spans = spans  # per drama, the range of refs that belong to it
        self.genders = genders
        year_keys = [_UNDATED if years[d] is None else years[d] for d in dramas]
        # -1: never offered (no entry, or only a hidden drama's obstacle)
        self.class_bucket = [-1] * _count(classes)
        self.ref_bucket = [-1] * len(texts)
        for ref in offered:
            cls = classes[ref]
            bucket = self.class_bucket[cls]
            if bucket < 0:
                gender = genders[cls] if genders is not None else None
                bucket = self.class_bucket[cls] = _BUCKET_OF[gender]
            self.ref_bucket[ref] = bucket
        ordered = sorted((r for r, b in enumerate(self.ref_bucket) if b >= 0),
                         key=year_keys.__getitem__)
        every = (_FEMALE, _MALE, _UNKNOWN, _MIXED_BUCKET)
        counts = [self.class_bucket.count(b) for b in every]
        self.any = _Pool(ordered, year_keys, frozenset(every), sum(counts))
        self.buckets = [  # titles and obstacles have no gender: they only need `any`
            _Pool([r for r in ordered if self.ref_bucket[r] == b], year_keys, frozenset((b,)),
                  counts[b])
            for b in (_FEMALE, _MALE, _UNKNOWN)  # mixed names only ever come from `any`
        ] if genders is not None else []

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
    available: int  # distinct classes there are to offer as distractors


# A stretch of a candidate list, and a tier: segments to sample and a drama to avoid.
_Segment = tuple[list[int], int, int]
_Tier = tuple[list[_Segment], int | None]


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


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _check_choice(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; choose from: {', '.join(allowed)}")


class QuestionBag:
    """Deals questions for a whole match: never repeats a question until the pool is used up."""

    def __init__(self, deck: Deck, *, seed: int | None = None,
                 kinds: Sequence[str] | None = None, difficulty: str = "normal",
                 hidden_dramas: frozenset[str] = frozenset()) -> None:
        wanted = KINDS if kinds is None else tuple(kinds)
        if not wanted:
            raise ValueError(f"no question kinds given; choose from: {', '.join(KINDS)}")
        for kind in wanted:
            _check_choice(kind, KINDS, "question kind")
        _check_choice(difficulty, DIFFICULTIES, "difficulty")
        self._rng = random.Random(seed)
        self._difficulty = difficulty
        self._hidden = frozenset(hidden_dramas)
        self._ix = _Index(deck)
        self._qualified: set[int] = set()  # specs whose prompt names the drama to be unambiguous
        kind_ids = frozenset(KINDS.index(kind) for kind in wanted)
        self._groups = self._collect(kind_ids)
        for kind in kind_ids:
            self._options_for(kind)  # build the candidate pools now, not mid-match
        self._dead: set[int] = set()
        self._pool_size: int | None = None
        self._queue: list[int] = []  # the groups of the current round
        self._next = 0
        self._round = -1
        self._kind_rank: list[int] = []
        self._touched = 0
        self._last_members: list[int] | None = None  # the group of the last question
        self._positions: dict[int, list[int]] = {}

    # -- what can be asked -----------------------------------------------------------------

    def _collect(self, wanted: frozenset[int]) -> list[list[int]]:
        """Specs grouped by the couple (or extra character) they are about.

        Entries whose prompts would read the same (same kind, same names, same drama) give
        one spec: the first in the deck.
        """
        ix = self._ix
        group: list[int] = []  # a couple's index, or one group per extra character
        extra = len(ix.couples)
        for k in ix.person_couple:
            group.append(k if k >= 0 else extra)
            extra += k < 0
        groups: list[list[int]] = [[] for _ in range(extra)]
        # Prompts that name a drama need a name that says which drama is meant.
        named = [label is not None for label in ix.label]
        for kind in (_ACTOR, _CHARACTER, _PARTNER):
            if kind not in wanted:
                continue
            classes = ix.actor if kind == _CHARACTER else ix.char
            couples = ix.person_couple if kind == _PARTNER else group  # >= 0 for everyone
            # A drama's people are contiguous, so (class, drama) was seen before exactly
            # when the class was last seen in this same drama.
            last_drama = [-1] * _count(classes)
            for pid, (cls, d) in enumerate(zip(classes, ix.person_drama, strict=True)):
                if last_drama[cls] != d and named[d] and couples[pid] >= 0:
                    last_drama[cls] = d
                    groups[group[pid]].append(pid * _KIND_BITS + kind)
        if _DESCRIPTION in wanted:
            # For a shared description: how many of its sharers are in each drama, counted
            # once per description, so a big deck costs no pairwise comparisons.
            sharers_in: dict[str, Counter[int]] = {}
            for pid, d in enumerate(ix.person_drama):
                sharers = ix.same_description(pid)
                if len(sharers) == 1:
                    groups[group[pid]].append(pid * _KIND_BITS + _DESCRIPTION)
                    continue
                description = ix.description[pid]
                if description not in sharers_in:
                    sharers_in[description] = Counter(ix.person_drama[q] for q in sharers)
                if named[d] and sharers_in[description][d] == 1:
                    spec = pid * _KIND_BITS + _DESCRIPTION
                    groups[group[pid]].append(spec)
                    self._qualified.add(spec)
        # Cues are ints: the couple's two names as an unordered pair, then (for obstacles)
        # the drama the prompt names, or none.
        pairs, stride = set(), len(ix.dramas) + 1
        obstacle_cues: set[int] = set()
        for k, (a, d) in enumerate(zip(ix.couple_first, ix.couple_drama, strict=True)):
            low, high = sorted((ix.char[a], ix.char[a + 1]))
            pair = low * ix.char_count + high
            if _DRAMA in wanted and pair not in pairs:
                pairs.add(pair)
                groups[k].append(k * _KIND_BITS + _DRAMA)
            if _OBSTACLE not in wanted or ix.dramas[d].id in self._hidden:
                continue
            qualified = len(ix.pair_dramas(k)) > 1
            cue = pair * stride + (d if qualified else stride - 1)
            if cue not in obstacle_cues and (not qualified or named[d]):
                obstacle_cues.add(cue)
                groups[k].append(k * _KIND_BITS + _OBSTACLE)
                if qualified:
                    self._qualified.add(k * _KIND_BITS + _OBSTACLE)
        return [members for members in groups if members]

    @cached_property
    def _actors(self) -> _Options:
        ix = self._ix
        return _Options([p.actor for p in ix.people], ix.actor, ix.person_drama, ix.people_span,
                        ix.years, ix.genders(ix.actor), range(len(ix.people)))

    @cached_property
    def _characters(self) -> _Options:
        ix = self._ix
        return _Options([p.character for p in ix.people], ix.char, ix.person_drama,
                        ix.people_span, ix.years, ix.genders(ix.char), range(len(ix.people)))

    @cached_property
    def _titles(self) -> _Options:
        ix = self._ix
        count = len(ix.dramas)
        return _Options([d.title for d in ix.dramas], ix.title, list(range(count)),
                        [(d, d + 1) for d in range(count)], ix.years, None, range(count))

    @cached_property
    def _obstacles(self) -> _Options:
        """Obstacles of hidden dramas are never offered: they would spoil the story."""
        ix = self._ix
        visible = (k for k, d in enumerate(ix.couple_drama)
                   if ix.dramas[d].id not in self._hidden)
        return _Options([c.obstacle for c in ix.couples], ix.obstacle, ix.couple_drama,
                        ix.couple_span, ix.years, None, visible)

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
        if kind == _ACTOR:
            excluded = {ix.actor[q] for q in ix.same_char(ref)}
            return self._finish(self._actors, ref, excluded, ix.people[ref].gender)
        if kind == _CHARACTER:
            excluded = {ix.char[q] for q in ix.same_actor_in_drama(ref)}
            return self._finish(self._characters, ref, excluded, ix.people[ref].gender)
        if kind == _PARTNER:
            answer, cue = ix.other(ref), ix.char[ref]
            if ix.char[answer] == cue:
                return None  # "Who falls for X? X" reads as a trick, whatever the deck says
            excluded = {cue}
            excluded.update(ix.char[ix.other(q)] for q in ix.same_char(ref)
                            if ix.person_couple[q] >= 0)
            # The deck does not say whom a drama's extra characters love.
            d = ix.person_drama[ref]
            excluded.update(ix.char[q] for q in range(ix.extras_start[d], ix.people_span[d][1]))
            return self._finish(self._characters, answer, excluded, ix.people[answer].gender)
        if kind == _DRAMA:
            excluded = {ix.title[d] for d in ix.pair_dramas(ref)}
            return self._finish(self._titles, ix.couple_drama[ref], excluded, None)
        if kind == _OBSTACLE:
            excluded = {ix.obstacle[k] for k in ix.same_pair(ref)}
            return self._finish(self._obstacles, ref, excluded, None)
        excluded = {ix.char[q] for q in ix.same_description(ref)}
        return self._finish(self._characters, ref, excluded, ix.people[ref].gender)

    def _finish(self, options: _Options, answer: int, excluded: set[int],
                gender: str | None) -> _Plan | None:
        cls = options.classes[answer]
        excluded.add(cls)
        pools = options.pools_for(gender, cls)
        covered = frozenset().union(*(pool.covers for pool in pools))
        blocked = sum(1 for c in excluded if options.class_bucket[c] in covered)
        available = sum(pool.count for pool in pools) - blocked
        if available < 1:
            return None
        return _Plan(options, answer, excluded, pools, options.dramas[answer], available)

    @property
    def pool_size(self) -> int:
        """How many distinct questions this bag can ask before it starts over."""
        if self._pool_size is None:
            self._pool_size = sum(1 for members in self._groups for spec in members
                                  if self._plan(spec) is not None)
        return self._pool_size

    # -- dealing -----------------------------------------------------------------------------

    def draw(self, count: int) -> list[Question]:
        if count < 0:
            raise ValueError(f"cannot draw a negative number of questions ({count})")
        questions: list[Question] = []
        while len(questions) < count:
            spec = self._next_spec()
            if spec is None:
                break
            question = self._build(spec)
            if question is None:
                self._dead.add(spec)  # dropped when the next cycle starts
            else:
                questions.append(question)
        return questions

    def _next_spec(self) -> int | None:
        """Round-robin over couples: each round visits every couple with questions left once.

        So a couple comes back only after all the others have had a turn. The order within a
        round is a lazy Fisher-Yates shuffle: a big deck never shuffles its whole pool.
        None when nothing in the deck can be asked.
        """
        rng, queue = self._rng, self._queue
        while self._next >= len(queue):
            self._round += 1
            queue = [g for g in queue if len(self._groups[g]) > self._round]
            if not queue:
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
        members = self._last_members = self._groups[queue[i]]
        if self._round == 0:
            self._arrange(members)
        return members[self._round]

    def _start_cycle(self) -> None:
        """Forget specs found unaskable, so every spec fails at most once and draw ends."""
        if self._dead:
            for members in self._groups:  # in place: the last question's group stays itself
                members[:] = [s for s in members if s not in self._dead]
            self._groups = [members for members in self._groups if members]
            self._dead.clear()
        self._round = 0
        self._kind_rank = self._rng.sample(range(len(KINDS)), len(KINDS))
        self._touched = 0

    def _arrange(self, members: list[int]) -> None:
        """Order a couple's questions so the kinds take turns across the round.

        Each couple gets a rotation one step on from the previous couple's, so every round
        holds a fair mix of kinds instead of whatever the shuffle happened to bunch up.
        """
        rank, rng, turn = self._kind_rank, self._rng, self._touched % len(KINDS)
        self._touched += 1
        keyed = [((rank[spec % _KIND_BITS] - turn) % len(KINDS), rng.random(), spec)
                 for spec in members]
        keyed.sort()
        members[:] = [spec for _, _, spec in keyed]

    def _position(self, size: int) -> int:
        """Answer slots dealt from a shuffled cycle, so every slot comes up equally often."""
        cycle = self._positions.get(size)
        if not cycle:
            cycle = self._positions[size] = list(range(size))
            self._rng.shuffle(cycle)
        return cycle.pop()

    def _build(self, spec: int) -> Question | None:
        plan = self._plan(spec)
        if plan is None:
            return None
        texts = plan.options.texts
        others = [texts[ref] for ref in self._distractors(plan)]
        self._rng.shuffle(others)
        slot = self._position(len(others) + 1)
        options = (*others[:slot], texts[plan.answer], *others[slot:])
        kind, prompt, explanation, subject = self._words(spec, plan)
        return Question(kind, prompt, options, slot, explanation, subject)

    # -- distractors -------------------------------------------------------------------------

    def _tiers(self, options: _Options, pool: _Pool, drama: int) -> list[_Tier]:
        """Where to look first, per difficulty: (segments of candidates, drama to avoid)."""
        refs, years = pool.refs, pool.years
        whole: list[_Segment] = [(refs, 0, len(refs))]
        if self._difficulty == "normal":
            return [(whole, None)]
        year = self._ix.years[drama]
        if self._difficulty == "easy":
            tiers: list[_Tier] = []
            if year is not None:
                dated = bisect_left(years, _UNDATED)
                tiers.append(([(refs, 0, bisect_left(years, year - _ERA + 1)),
                               (refs, bisect_right(years, year + _ERA - 1), dated)], drama))
                tiers.append(([(refs, 0, bisect_left(years, year)),
                               (refs, bisect_right(years, year), dated)], drama))
            return [*tiers, (whole, drama), (whole, None)]
        first, end = options.spans[drama]
        same = [r for r in range(first, end) if options.ref_bucket[r] in pool.covers]
        lo = bisect_left(years, _UNDATED if year is None else year)
        hi = bisect_right(years, _UNDATED if year is None else year)
        return [([(same, 0, len(same))], None),
                ([(refs, lo, hi)], None),
                ([(refs, max(0, lo - _NEAR), min(len(refs), hi + _NEAR))], None),
                (whole, None)]

    def _distractors(self, plan: _Plan) -> list[int]:
        """Up to three refs of distinct, allowed classes, from the closest tier first.

        Tiers are sampled at random, so a big pool is never scanned; if sampling comes up
        short, a final walk over the pools makes the option count depend on the deck alone.
        """
        need = min(MAX_OPTIONS - 1, plan.available)
        taken = set(plan.excluded)
        picked: list[int] = []
        options, rng = plan.options, self._rng
        classes, dramas = options.classes, options.dramas

        def offer(ref: int, avoid: int | None) -> bool:
            cls = classes[ref]
            if cls not in taken and dramas[ref] != avoid:
                taken.add(cls)
                picked.append(ref)
            return len(picked) >= need

        for pool in plan.pools:
            for segments, avoid in self._tiers(options, pool, plan.drama):
                live = [s for s in segments if s[2] > s[1]]
                total = sum(hi - lo for _, lo, hi in live)
                if total <= _SMALL_TIER:
                    members = [seq[i] for seq, lo, hi in live for i in range(lo, hi)]
                    rng.shuffle(members)
                    if any(offer(ref, avoid) for ref in members):
                        return picked
                    continue
                for _ in range(4 * (need - len(picked)) + 4):
                    if offer(_nth(live, rng.randrange(total)), avoid):
                        return picked
        for pool in plan.pools:
            size = len(pool.refs)
            start = rng.randrange(size) if size else 0
            for i in range(size):
                if offer(pool.refs[(start + i) % size], None):
                    return picked
        return picked

    # -- words -------------------------------------------------------------------------------

    def _words(self, spec: int, plan: _Plan) -> tuple[str, str, str, Subject]:
        """Kind, prompt, explanation and subject; a hidden drama's story and obstacle stay out."""
        ix = self._ix
        ref, kind = divmod(spec, _KIND_BITS)
        if kind in (_DRAMA, _OBSTACLE):
            return self._couple_words(ref, kind, spec in self._qualified)
        person, drama = ix.people[ref], ix.dramas[ix.person_drama[ref]]
        named = ix.label[ix.person_drama[ref]]
        couple = ix.person_couple[ref]
        subject = Subject(drama.id, ix.couples[couple].id if couple >= 0 else None,
                          person.character)
        plays = (f"{person.actor} plays {person.character}, {person.description.strip()}, "
                 f"in {_title_and_year(drama)}.")
        if kind == _ACTOR:
            return ("actor", f"Who plays {person.character} in {named}?",
                    plays + self._also(ref), subject)
        if kind == _CHARACTER:
            return ("character", f"Whom does {person.actor} play in {named}?",
                    plays + self._also(ref), subject)
        if kind == _PARTNER:
            other = ix.people[plan.answer]
            return ("partner", f"Who falls for {person.character} in {named}?",
                    f"{other.character} ({other.actor}), {other.description.strip()}, falls for "
                    f"{person.character} ({person.actor}) in {_title_and_year(drama)}.",
                    subject)
        where = f" in {named}" if spec in self._qualified else ""
        return ("description",
                f"Which character{where} is {person.description.strip().rstrip('.')}?",
                f"{person.character} ({person.actor}) in {_title_and_year(drama)} is "
                f"{_sentence(person.description)}", subject)

    def _also(self, pid: int) -> str:
        """Name the actor's other roles in the same drama: the fact the question steps round."""
        others = [self._ix.people[q].character for q in self._ix.same_actor_in_drama(pid)
                  if q != pid]
        if not others:
            return ""
        return f" {self._ix.people[pid].actor} also plays {' and '.join(others)} there."

    def _couple_words(self, k: int, kind: int, qualified: bool) -> tuple[str, str, str, Subject]:
        ix = self._ix
        couple, drama = ix.couples[k], ix.dramas[ix.couple_drama[k]]
        a, b = couple.partners
        subject = Subject(drama.id, couple.id, None)
        visible = drama.id not in self._hidden
        story = f" {_sentence(couple.story)}" if visible and couple.story else ""
        if kind == _DRAMA:
            return ("drama", f"Which drama are {a.character} and {b.character} from?",
                    f"{a.character} ({a.actor}) and {b.character} ({b.actor}) are a couple "
                    f"in {_title_and_year(drama)}.{story}", subject)
        where = f" in {ix.label[ix.couple_drama[k]]}" if qualified else ""
        return ("obstacle", f"What stands between {a.character} and {b.character}{where}?",
                f"{a.character} and {b.character} in {_title_and_year(drama)}: "
                f"{_sentence(couple.obstacle)}{story}", subject)


def make_round(deck: Deck, count: int, *, seed: int | None = None,
               kinds: Sequence[str] | None = None, difficulty: str = "normal",
               hidden_dramas: frozenset[str] = frozenset()) -> list[Question]:
    """A single round: the first `count` questions of a fresh bag."""
    bag = QuestionBag(deck, seed=seed, kinds=kinds, difficulty=difficulty,
                      hidden_dramas=hidden_dramas)
    return bag.draw(count)


def count_questions(deck: Deck, kinds: Sequence[str] | None = None) -> int:
    """Distinct askable questions in a deck (what `kdrama-quiz check` reports)."""
    return QuestionBag(deck, seed=0, kinds=kinds).pool_size
