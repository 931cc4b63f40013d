"""The "match the couples" board: build boards from a deck, judge pairs, time and score them.

A board is a few columns of cards; the player links each card to its partner in the next
column. Two variants:

- "couples": couple (both characters' names) ↔ drama title;
- "chain" (hard): character ↔ partner ↔ drama title.

A drama with two couples appears once and takes both of them (its `slots`). Decks with more
couples than fit on a screen are split into several boards of at most MAX_COUPLES couples,
keeping a drama's couples together so the slot count stays meaningful.

Only titles and character names are shown: they are no spoilers (unlike obstacles and
stories), so dramas hidden by the spoiler-safe setting still take part in a board.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from game.core.deck import Couple, Deck, Drama, Person

MAX_COUPLES = 8  # couples on one board: more rows than this do not fit 800×600
PENALTY_SECONDS = 5.0  # added to the clock for each wrong pair
POINTS_PER_PAIR = 100
TIME_BONUS_PER_PAIR = 50
PAR_SECONDS_PER_PAIR = 6.0  # at or under par earns the whole time bonus; none at twice par
WRONG_POINTS = 25

COUPLES = "couples"
CHAIN = "chain"
VARIANTS = (COUPLES, CHAIN)


def variant_for(difficulty: str) -> str:
    """The hard difficulty plays three columns; easy and normal play couples ↔ dramas."""
    return CHAIN if difficulty == "hard" else COUPLES


@dataclass(frozen=True)
class Item:
    """One card. `slots` is how many links it takes with each neighbouring column: a drama
    takes one per couple of it on the board, every other card one per side."""

    id: str
    label: str
    column: int
    slots: int = 1
    hangul: str | None = None


@dataclass(frozen=True)
class Board:
    """Cards per column in the (shuffled) order shown, and the links that are right."""

    variant: str
    columns: tuple[tuple[Item, ...], ...]
    links: frozenset[frozenset[str]]

    def item(self, item_id: str) -> Item:
        for column in self.columns:
            for item in column:
                if item.id == item_id:
                    return item
        raise KeyError(item_id)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for column in self.columns for item in column)

    @property
    def pairs(self) -> int:
        """Links to make to clear the board."""
        return len(self.links)

    @property
    def couples(self) -> int:
        return len(self.columns[0])

    def partners(self, item_id: str) -> set[str]:
        """Every card `item_id` is rightly linked with."""
        return {other for link in self.links if item_id in link for other in link - {item_id}}


# -- building boards ---------------------------------------------------------------------------


def plan_boards(group_sizes: Sequence[int], seed: int | None = None,
                cap: int = MAX_COUPLES) -> list[list[tuple[int, int]]]:
    """Split groups (a drama's couples) over as few boards of at most `cap` as the greedy
    packing manages, balanced, each group whole. A group larger than `cap` is cut into
    near-equal pieces first. Returns per board its (group index, how many) pieces."""
    if cap < 1:
        raise ValueError("a board holds at least one couple")
    pieces: list[tuple[int, int]] = []
    for group, size in enumerate(group_sizes):
        parts = math.ceil(size / cap)
        pieces += [(group, size // parts + (i < size % parts)) for i in range(parts)]
    rng = random.Random(seed)
    rng.shuffle(pieces)
    pieces.sort(key=lambda piece: -piece[1])  # stable: equal sizes keep the seeded order
    total = sum(size for _, size in pieces)
    count = max(1, math.ceil(total / cap))
    while True:
        boards = _pack(pieces, count, cap)
        if boards is not None:
            return [board for board in boards if board]
        count += 1


def _pack(pieces: list[tuple[int, int]], count: int,
          cap: int) -> list[list[tuple[int, int]]] | None:
    """Each piece onto the least loaded of `count` boards (the lowest index on a tie), or None
    when one does not fit. The least loaded board has the most room, so if the piece does
    not fit there it fits nowhere: a heap finds it in log time instead of a scan of every
    board for every piece (473 ms for 10,000 couples)."""
    boards: list[list[tuple[int, int]]] = [[] for _ in range(count)]
    loads = [(0, index) for index in range(count)]  # already a heap
    for piece in pieces:
        load, target = loads[0]
        if load + piece[1] > cap:
            return None
        boards[target].append(piece)
        heapq.heapreplace(loads, (load + piece[1], target))
    return boards


def _couple_label(couple: Couple) -> str:
    return " & ".join(person.character for person in couple.partners)


def _couple_hangul(couple: Couple) -> str | None:
    first, second = (person.hangul for person in couple.partners)
    return f"{first} & {second}" if first and second else None


def _distinct(items: list[Item], suffixes: dict[str, str]) -> list[Item]:
    """Cards of one column that would read the same get their suffix (a year, an actor):
    two identical cards would make a right pair look wrong."""
    seen: dict[str, int] = {}
    for item in items:
        seen[item.label] = seen.get(item.label, 0) + 1
    return [
        Item(item.id, f"{item.label} ({suffixes[item.id]})", item.column, item.slots, item.hangul)
        if seen[item.label] > 1 else item
        for item in items
    ]


def _board(variant: str, chosen: list[tuple[Drama, list[Couple]]], rng: random.Random) -> Board:
    width = 2 if variant == COUPLES else 3
    columns: list[list[Item]] = [[] for _ in range(width)]
    links: set[frozenset[str]] = set()
    suffixes: dict[str, str] = {}
    for drama, couples in chosen:
        drama_id = f"drama:{drama.id}"
        columns[-1].append(Item(drama_id, drama.title, width - 1, len(couples), drama.hangul))
        suffixes[drama_id] = str(drama.year) if drama.year else drama.id
        for couple in couples:
            if variant == COUPLES:
                couple_id = f"couple:{couple.id}"
                columns[0].append(Item(couple_id, _couple_label(couple), 0, 1,
                                       _couple_hangul(couple)))
                suffixes[couple_id] = " & ".join(p.actor for p in couple.partners)
                links.add(frozenset({couple_id, drama_id}))
                continue
            people: list[Person] = list(couple.partners)
            rng.shuffle(people)  # which partner stands left is no clue
            ids = [f"person:{couple.id}:{i}" for i in range(2)]
            for column, (item_id, person) in enumerate(zip(ids, people, strict=True)):
                columns[column].append(Item(item_id, person.character, column, 1, person.hangul))
                suffixes[item_id] = person.actor
            links.add(frozenset(ids))
            links.add(frozenset({ids[1], drama_id}))
    shown = []
    for column in columns:
        rng.shuffle(column)
        shown.append(tuple(_distinct(column, suffixes)))
    return Board(variant, tuple(shown), frozenset(links))


def build_boards(deck: Deck, variant: str = COUPLES, seed: int | None = None,
                 cap: int = MAX_COUPLES) -> Boards:
    """Every couple of the deck on boards of at most `cap` couples, cards shuffled by `seed`."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown board variant {variant!r}")
    rng = random.Random(seed)
    plan = plan_boards([len(drama.couples) for drama in deck.dramas], rng.randrange(2**32), cap)
    return Boards(deck, variant, plan, rng)


class Boards(Sequence[Board]):
    """The boards of a run, each built when it is first looked at.

    A 10,000-couple deck makes 1,250 boards and a match shows one at a time, so building them
    all before the first could be played cost 130 ms. Boards are built strictly in order from
    one random generator, so a seed gives the same boards however far the run gets."""

    def __init__(self, deck: Deck, variant: str, plan: list[list[tuple[int, int]]],
                 rng: random.Random) -> None:
        self._deck = deck
        self._variant = variant
        self._plan = plan
        self._rng = rng
        self._used = [0] * len(deck.dramas)  # couples of each drama placed so far
        self._built: list[Board] = []
        self.couples = sum(size for pieces in plan for _group, size in pieces)
        self.pairs = self.couples * (1 if variant == COUPLES else 2)
        """Links to make over every board (one per couple, two in the chain variant)."""

    def __len__(self) -> int:
        return len(self._plan)

    def __getitem__(self, index):  # type: ignore[override]  # int or slice, as a Sequence
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("board index out of range")
        while len(self._built) <= index:
            self._built.append(self._next())
        return self._built[index]

    def _next(self) -> Board:
        chosen = []
        for group, size in self._plan[len(self._built)]:
            drama = self._deck.dramas[group]
            start = self._used[group]
            chosen.append((drama, list(drama.couples[start:start + size])))
            self._used[group] += size
        return _board(self._variant, chosen, self._rng)


# -- playing a board ---------------------------------------------------------------------------


class Verdict(Enum):
    RIGHT = "right"
    WRONG = "wrong"
    SAME_COLUMN = "same column"  # the player changed their mind: pick the new card instead
    NOT_NEIGHBOURS = "not neighbours"  # chain variant: character and drama are not linked
    FULL = "full"  # one of the cards has no link left on that side


class BoardProgress:
    """One board being played: the links made, the wrong tries and the clock."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self.linked: list[frozenset[str]] = []  # in the order they were made
        self.wrong = 0
        self.elapsed = 0.0

    def tick(self, dt: float) -> None:
        self.elapsed += dt

    @property
    def clock(self) -> float:
        """Seconds on the clock: time taken plus PENALTY_SECONDS per wrong pair."""
        return self.elapsed + self.wrong * PENALTY_SECONDS

    @property
    def done(self) -> bool:
        return len(self.linked) == self.board.pairs

    def filled(self, item_id: str, toward: int) -> int:
        """Links made from `item_id` to cards in column `toward`."""
        count = 0
        for link in self.linked:
            if item_id in link:
                (other,) = link - {item_id}
                count += self.board.item(other).column == toward
        return count

    def _sides(self, item: Item) -> list[int]:
        last = len(self.board.columns) - 1
        return [c for c in (item.column - 1, item.column + 1) if 0 <= c <= last]

    def has_room(self, item_id: str, toward: int) -> bool:
        return self.filled(item_id, toward) < self.board.item(item_id).slots

    def is_open(self, item_id: str) -> bool:
        """Whether the card still takes a link on some side."""
        item = self.board.item(item_id)
        return any(self.has_room(item_id, side) for side in self._sides(item))

    def attempt(self, first: str, second: str) -> Verdict:
        """Judge the pair; a right one is locked in, a wrong one counted (and timed)."""
        a, b = self.board.item(first), self.board.item(second)
        if a.column == b.column:
            return Verdict.SAME_COLUMN
        if abs(a.column - b.column) != 1:
            return Verdict.NOT_NEIGHBOURS
        if not (self.has_room(a.id, b.column) and self.has_room(b.id, a.column)):
            return Verdict.FULL
        link = frozenset({a.id, b.id})
        if link in self.board.links:
            self.linked.append(link)
            return Verdict.RIGHT
        self.wrong += 1
        return Verdict.WRONG


class BoardRun:
    """One player's go at the deck: the boards in turn, with totals over all of them."""

    def __init__(self, boards: Sequence[Board]) -> None:
        if not boards:
            raise ValueError("a run needs at least one board")
        self.boards = boards if isinstance(boards, Boards) else tuple(boards)
        self.played: list[BoardProgress] = []
        self.current = BoardProgress(self.boards[0])

    @property
    def index(self) -> int:
        return len(self.played)

    @property
    def done(self) -> bool:
        return self.index == len(self.boards)

    def next_board(self) -> None:
        """Move on once the current board is cleared."""
        if self.done or not self.current.done:
            raise RuntimeError("the current board is not cleared")
        self.played.append(self.current)
        if not self.done:
            self.current = BoardProgress(self.boards[self.index])

    def _all(self) -> list[BoardProgress]:
        return self.played if self.done else [*self.played, self.current]

    @property
    def right(self) -> int:
        return sum(len(p.linked) for p in self._all())

    @property
    def wrong(self) -> int:
        return sum(p.wrong for p in self._all())

    @property
    def couples(self) -> int:
        if isinstance(self.boards, Boards):
            return self.boards.couples  # without building boards not reached yet
        return sum(board.couples for board in self.boards)

    @property
    def pairs(self) -> int:
        if isinstance(self.boards, Boards):
            return self.boards.pairs  # without building boards not reached yet
        return sum(board.pairs for board in self.boards)

    @property
    def seconds(self) -> float:
        return sum(p.clock for p in self._all())

    def score(self) -> BoardScore:
        return score_boards(self.right, self.wrong, self.seconds)

    def to_json(self) -> dict:
        """The pairs made, wrong tries and time per board, so a paused run can go on."""
        return {"boards": [{"linked": [sorted(link) for link in p.linked], "wrong": p.wrong,
                            "elapsed": round(p.elapsed, 2)} for p in self._all()]}

    def restore(self, data: object) -> bool:
        """Replay what `to_json` saved onto this run (built from the same seed); False, and
        the run left as it was, when the saved pairs do not fit these boards."""
        saved = data.get("boards") if isinstance(data, dict) else None
        if not isinstance(saved, list) or not 0 < len(saved) <= len(self.boards):
            return False
        progress: list[BoardProgress] = []
        try:
            for board, entry in zip(self.boards, saved, strict=False):
                step = BoardProgress(board)
                for first, second in entry["linked"]:
                    if step.attempt(first, second) is not Verdict.RIGHT:
                        return False
                step.wrong = int(entry["wrong"])
                step.elapsed = float(entry["elapsed"])
                progress.append(step)
        except (KeyError, TypeError, ValueError):
            return False
        if any(not step.done for step in progress[:-1]):
            return False
        self.played, self.current = progress[:-1], progress[-1]
        if self.current.done and len(progress) < len(self.boards):
            self.next_board()
        return True


# -- scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardScore:
    """Points for a run, broken down so the screen can explain them."""

    right: int
    wrong: int
    seconds: float
    par: float
    base: int
    time_bonus: int
    penalty: int
    total: int


def score_boards(right: int, wrong: int, seconds: float) -> BoardScore:
    """POINTS_PER_PAIR per right pair, a time bonus of up to TIME_BONUS_PER_PAIR per pair
    (whole at or under par, falling to nothing at twice par), minus WRONG_POINTS per wrong
    pair; never below zero. `seconds` is the clock, penalties included."""
    if min(right, wrong) < 0 or seconds < 0:
        raise ValueError("counts and time are never negative")
    par = PAR_SECONDS_PER_PAIR * right
    share = min(1.0, max(0.0, (2 * par - seconds) / par)) if par else 0.0
    base = POINTS_PER_PAIR * right
    bonus = round(TIME_BONUS_PER_PAIR * right * share)
    penalty = WRONG_POINTS * wrong
    return BoardScore(right, wrong, seconds, par, base, bonus, penalty,
                      max(0, base + bonus - penalty))


def format_clock(seconds: float) -> str:
    """0:42, 1:05, 12:30: whole seconds, rounded down like a stopwatch."""
    whole = int(max(0.0, seconds))
    return f"{whole // 60}:{whole % 60:02d}"


# -- best times --------------------------------------------------------------------------------


def record_key(deck_title: str, variant: str) -> str:
    return f"{deck_title} | {variant}"


@dataclass(frozen=True)
class BestTime:
    seconds: float
    player: str
    date: str
