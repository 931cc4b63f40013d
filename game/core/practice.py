"""Practising actor names until they stick, scheduled by FSRS (see game.core.scheduler).

A name recalled right goes out of sight for longer each time, so known names stop eating
practice time. A name missed comes back in the same sitting after a few other cards:
recalling a name minutes after getting it wrong is what makes it stick.

The progress is plain data with a JSON round trip; reading and writing the file is the store's
job. Loading forgives: one damaged entry costs only that card, never the player's whole history.
Progress written by the older Leitner-box version is carried over card by card.

"Due today" is decided in one place, `is_due_today`, and every screen and `scores --json`
count through `due_today`, so the figures agree everywhere.
"""

from __future__ import annotations

import itertools
import random
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import overload

from game.core.deck import Deck
from game.core.scheduler import (
    CardState,
    FsrsScheduler,
    Rating,
    Scheduler,
    end_of_today,
    local_day,
    rate,
)

DIRECTIONS = ("actor", "character")  # type the actor for a character, or the character
FORMAT_VERSION = 2  # 1 was the Leitner boxes; read and carried over
LEITNER_FORMAT = 1
FORECAST_DAYS = 7


@dataclass(frozen=True)
class Card:
    id: str  # stable across deck edits that keep the drama id and the character's name
    direction: str  # "actor" (character -> type the actor) or "character" (actor -> character)
    drama_id: str
    drama_title: str
    character: str
    actor: str
    description: str
    gender: str | None
    shared_role: bool = False  # the actor plays another character in this drama too

    @property
    def answer(self) -> str:
        """The text to type."""
        return self.actor if self.direction == "actor" else self.character

    @property
    def prompt(self) -> str:
        """The question in words. An actor with two roles in one drama (My Holo Love) makes
        "whom does X play?" ambiguous, so that prompt names the character's description."""
        if self.direction == "actor":
            return f"Who plays {self.character} ({self.description}) in {self.drama_title}?"
        hint = f" ({self.description})" if self.shared_role else ""
        return f"Whom does {self.actor} play in {self.drama_title}{hint}?"


CARD_FIELDS = tuple(field.name for field in fields(Card))


def card_column(cards: Sequence[Card], name: str) -> list:
    """One field of every card; from a `CardList` without making the cards (the mastery
    view of a 10,000-couple deck needs the ids and actors of 21,000 cards, and shows 20)."""
    if isinstance(cards, CardList):
        return cards.column(name)
    return [getattr(card, name) for card in cards]


class CardList(Sequence[Card]):
    """A deck's practice cards, each made the first time it is looked at.

    A 10,000-couple deck has 21,000 cards a direction; making them all takes longer than
    opening a screen should, and a practice sitting looks at a few dozen. The ids are known
    at once (`ids`), so a session can be ordered without making the cards it has not reached.
    """

    def __init__(self, rows: list[tuple]) -> None:
        """`rows`: each card's fields, in `Card`'s order."""
        self._rows = rows
        self._made: list[Card | None] = [None] * len(rows)
        self._all: list[Card] | None = None  # every card, once all are made
        self.ids: list[str] = [row[0] for row in rows]

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Card: ...

    @overload
    def __getitem__(self, index: slice) -> list[Card]: ...

    def __getitem__(self, index: int | slice) -> Card | list[Card]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._rows)))]
        card = self._made[index]
        if card is None:
            card = self._made[index] = Card(*self._rows[index])
        return card

    def column(self, name: str) -> list:
        """One field of every card, read from the rows: no card is made."""
        at = CARD_FIELDS.index(name)
        return [row[at] for row in self._rows]

    def __iter__(self) -> Iterator[Card]:
        """Every card: a screen that walks them all walks them more than once, so they are
        all made at once, and kept."""
        if self._all is None:
            made, rows = self._made, self._rows
            self._all = self._made = [
                card if card is not None else Card(*rows[i]) for i, card in enumerate(made)
            ]
        return iter(self._all)


def cards_from_deck(
    deck: Deck,
    directions: Sequence[str] = ("actor",),
    *,
    shared: frozenset[tuple[str, str]] | None = None,
) -> CardList:
    """One card per character of the deck and direction, in deck order (built once per
    choice of decks: see game.core.deck_caches). `shared`: the deck's `shared_roles`, when
    the caller has them already."""
    unknown = [direction for direction in directions if direction not in DIRECTIONS]
    if unknown:
        raise ValueError(f"unknown practice direction {unknown[0]!r}; use one of {DIRECTIONS}")
    if shared is None:
        shared = shared_roles(deck)
    rows: dict[str, tuple] = {}
    # One pass, nothing looked up twice: a 10,000-couple deck makes 21,000 cards a direction.
    for drama, _, person in deck.people():
        drama_id, character, actor = drama.id, person.character, person.actor
        for direction in directions:
            key = f"{direction}:{drama_id}:{character}"  # card_id, inlined
            if key not in rows:
                rows[key] = (
                    key,
                    direction,
                    drama_id,
                    drama.title,
                    character,
                    actor,
                    person.description,
                    person.gender,
                    (drama_id, actor) in shared,
                )
    return CardList(list(rows.values()))


def shared_roles(deck: Deck) -> frozenset[tuple[str, str]]:
    """(drama id, actor) pairs where the actor plays more than one character."""
    first_role: dict[tuple[str, str], str] = {}
    shared: set[tuple[str, str]] = set()
    for drama, _, person in deck.people():
        pair = (drama.id, person.actor)
        if first_role.setdefault(pair, person.character) != person.character:
            shared.add(pair)
    return frozenset(shared)


class Progress:
    """Each card's schedule, by card id. Cards never answered have no state."""

    def __init__(self, states: Mapping[str, CardState] | None = None) -> None:
        self._states: dict[str, CardState] = dict(states or {})

    def state(self, card_id: str) -> CardState | None:
        return self._states.get(card_id)

    def record(self, card_id: str, state: CardState) -> None:
        self._states[card_id] = state

    def items(self) -> list[tuple[str, CardState]]:
        return list(self._states.items())

    def to_json(self) -> dict:
        return {
            "format": FORMAT_VERSION,  # the file's own "version" belongs to the store
            "cards": {card_id: state.to_json() for card_id, state in sorted(self._states.items())},
        }

    @classmethod
    def from_json(cls, data: object) -> tuple[Progress, list[str]]:
        """Read what `to_json` wrote, or the Leitner format before it. Never raises: a damaged
        entry is skipped with a warning naming it, and anything unreadable as a whole gives
        empty progress and one warning."""
        if not isinstance(data, dict):
            return cls(), [f"practice progress: expected an object, found {_show(data)}"]
        version = data.get("format", LEITNER_FORMAT)
        if version not in (LEITNER_FORMAT, FORMAT_VERSION):
            return cls(), [f"practice progress: unknown format version {_show(version)}"]
        cards = data.get("cards", {})
        if not isinstance(cards, dict):
            return cls(), [f"practice progress: 'cards' should be an object, found {_show(cards)}"]
        read = CardState.from_leitner if version == LEITNER_FORMAT else CardState.from_json
        states: dict[str, CardState] = {}
        warnings: list[str] = []
        for card_id, raw in cards.items():
            try:
                states[card_id] = read(raw)
            except ValueError as problem:
                warnings.append(f"practice progress: skipped card {_show(card_id)}: {problem}")
        return cls(states), warnings


def progress_json(states: Mapping[str, object]) -> dict:
    """What `Progress.from_json` reads, from the card states the store keeps one row each."""
    return {"format": FORMAT_VERSION, "cards": dict(states)}


def is_due_today(state: CardState | None, now: datetime) -> bool:
    """THE rule for "due today": answered before, and due before local midnight tonight.
    A card never answered is new, not due; screens count new cards separately."""
    return state is not None and state.due < end_of_today(now)


def due_today(progress: Progress, cards: Iterable[Card | str], now: datetime) -> int:
    """How many of `cards` (cards, or their ids) are due today, by `is_due_today`'s rule;
    every screen and `scores` count with this."""
    return forecast(progress, cards, now, days=1)[0]


def forecast(
    progress: Progress, cards: Iterable[Card | str], now: datetime, days: int = FORECAST_DAYS
) -> list[int]:
    """Reviews falling due on each of the next `days` local days; day 0 is today and holds
    everything overdue too (so it is `due_today`). Only answered cards are looked at, so a
    big deck with little progress costs little."""
    if isinstance(cards, CardList):
        ids = set(cards.ids)
    else:
        ids = {card if isinstance(card, str) else card.id for card in cards}
    tonight = end_of_today(now)  # is_due_today's rule, with its bound worked out once
    today = local_day(now)
    counts = [0] * days
    for card_id, state in progress.items():
        if card_id not in ids:
            continue
        offset = 0 if state.due < tonight else (local_day(state.due) - today).days
        if 0 <= offset < days:
            counts[offset] += 1
    return counts


def card_ids(deck: Deck, directions: Sequence[str] = ("actor",)) -> list[str]:
    """The ids `cards_from_deck` gives, without building the cards (counting is cheaper)."""
    ids = [
        f"{direction}:{drama.id}:{person.character}"  # card_id, inlined: 21,000 a direction
        for drama, _, person in deck.people()
        for direction in directions
    ]
    return list(dict.fromkeys(ids))


def card_id(direction: str, drama_id: str, character: str) -> str:
    """Stable across deck edits that keep the drama id and the character's name."""
    return f"{direction}:{drama_id}:{character}"


def _show(value: object) -> str:
    """A short repr for a warning, so one huge bad value cannot flood the log."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class PracticeSession:
    """One sitting: the cards due today, then new ones, with missed cards coming back.

    `next_card` keeps offering the same card until it is answered, so a screen may ask again
    (after a resize, say) without skipping anything. The clock is passed in (`now`), so a
    test can replay weeks of answers in a moment.
    """

    def __init__(
        self,
        cards: Sequence[Card],
        progress: Progress,
        *,
        now: datetime,
        seed: int | None = None,
        relearn_gap: int = 3,
        scheduler: Scheduler | None = None,
    ) -> None:
        if relearn_gap < 0:
            raise ValueError("relearn_gap cannot be negative")
        self._progress = progress
        self._now = now
        self._gap = relearn_gap
        self.scheduler: Scheduler = scheduler or FsrsScheduler()
        rng = random.Random(seed)
        # Ordered by id and position, so a CardList makes only the cards the sitting reaches.
        self._cards = cards
        self._ids = cards.ids if isinstance(cards, CardList) else [card.id for card in cards]
        first: dict[str, int] = {}
        for place, card_id in enumerate(self._ids):
            first.setdefault(card_id, place)
        due: list[tuple[datetime, float, float, int]] = []
        new: list[int] = []
        for card_id, place in first.items():
            state = progress.state(card_id)
            if state is None:
                new.append(place)
            elif is_due_today(state, now):
                due.append((state.due, state.stability or 0.0, rng.random(), place))
        due.sort(key=lambda item: item[:3])  # most overdue first, then the least stable
        rng.shuffle(new)
        self._queue = deque([place for *_, place in due] + new)  # places in `cards`
        # Cards waiting to come back: (back once `reviewed` reaches this, order, card).
        self._relearn: list[tuple[int, int, Card]] = []
        self._order = itertools.count()
        self._reviewed = 0

    @property
    def now(self) -> datetime:
        return self._now

    @property
    def reviewed(self) -> int:
        """Answers given in this session, repeats of missed cards included."""
        return self._reviewed

    @property
    def remaining(self) -> int:
        """Cards still to answer in this session, missed cards waiting to come back included."""
        return len(self._queue) + len(self._relearn)

    def next_card(self) -> Card | None:
        """The card to ask now, or None when the session is done."""
        waiting = min(self._relearn, default=None, key=lambda item: item[:2])
        if waiting is not None and (waiting[0] <= self._reviewed or not self._queue):
            return waiting[2]
        return self._cards[self._queue[0]] if self._queue else None

    def learning(self, card: Card) -> bool:
        """The card is new, or missed and not relearnt yet: a right answer is no "Hard"."""
        state = self._progress.state(card.id)
        return state is None or state.phase != "review"

    def answer(
        self,
        card: Card,
        correct: bool,
        *,
        seconds: float = 0.0,
        exact: bool = True,
        chosen: bool = False,
        now: datetime | None = None,
    ) -> CardState:
        """Record an answer to `card` (rated by `rate`) and return its new state. A card
        still due today afterwards (a miss) comes back after `relearn_gap` other cards."""
        rating = rate(correct, seconds, learning=self.learning(card), exact=exact, chosen=chosen)
        return self.review(card, rating, now=now)

    def review(self, card: Card, rating: Rating, *, now: datetime | None = None) -> CardState:
        if now is not None:
            self._now = now
        ids = self._ids
        if self._queue and ids[self._queue[0]] == card.id:
            self._queue.popleft()
        elif any(ids[place] == card.id for place in self._queue):
            self._queue = deque(place for place in self._queue if ids[place] != card.id)
        self._relearn = [item for item in self._relearn if item[2].id != card.id]
        state = self.scheduler.review(self._progress.state(card.id), rating, self._now)
        self._progress.record(card.id, state)
        self._reviewed += 1
        if is_due_today(state, self._now):
            self._relearn.append((self._reviewed + self._gap, next(self._order), card))
        return state
