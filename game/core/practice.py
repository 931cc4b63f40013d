"""Leitner boxes for practising actor names until they stick.

Every card sits in one of five boxes. A name recalled right moves its card up a box and out of
sight for longer (1, 2, 4, 8, 16 days for boxes 1–5), so known names stop eating practice time.
A name missed drops its card to box 1 and brings it back in the same session after a few other
cards: recalling a name minutes after getting it wrong is what makes it stick. Getting it right
then only earns box 1 (due tomorrow), because a name seen three cards ago is not yet known.

The progress is plain data with a JSON round trip; reading and writing the file is the store's
job. Loading forgives: one damaged entry costs only that card, never the player's whole history.
"""

from __future__ import annotations

import itertools
import random
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from game.core.deck import Deck

DIRECTIONS = ("actor", "character")  # type the actor for a character, or the character
INTERVALS = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}  # box -> days until the card is due again
TOP_BOX = max(INTERVALS)
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Card:
    id: str  # stable across deck edits that keep the drama id and the character's name
    direction: str  # "actor" (character -> type the actor) or "character" (actor -> character)
    drama_id: str
    drama_title: str
    character: str
    actor: str
    description: str
    prompt: str
    answer: str  # the text to type
    gender: str | None


def cards_from_deck(deck: Deck, directions: Sequence[str] = ("actor",)) -> list[Card]:
    """One card per character of the deck and direction, in deck order.

    An actor who plays two characters in one drama (My Holo Love) makes "whom does X play?"
    ambiguous, so that prompt then names the character's description too.
    """
    unknown = [direction for direction in directions if direction not in DIRECTIONS]
    if unknown:
        raise ValueError(f"unknown practice direction {unknown[0]!r}; use one of {DIRECTIONS}")
    roles: dict[tuple[str, str], set[str]] = {}
    for drama, _, person in deck.people():
        roles.setdefault((drama.id, person.actor), set()).add(person.character)
    cards: dict[str, Card] = {}
    for drama, _, person in deck.people():
        for direction in directions:
            if direction == "actor":
                prompt = f"Who plays {person.character} ({person.description}) in {drama.title}?"
                answer = person.actor
            else:
                hint = ""
                if len(roles[(drama.id, person.actor)]) > 1:
                    hint = f" ({person.description})"
                prompt = f"Whom does {person.actor} play in {drama.title}{hint}?"
                answer = person.character
            card_id = f"{direction}:{drama.id}:{person.character}"
            cards.setdefault(
                card_id,
                Card(
                    id=card_id,
                    direction=direction,
                    drama_id=drama.id,
                    drama_title=drama.title,
                    character=person.character,
                    actor=person.actor,
                    description=person.description,
                    prompt=prompt,
                    answer=answer,
                    gender=person.gender,
                ),
            )
    return list(cards.values())


@dataclass(frozen=True)
class CardState:
    box: int  # 1..TOP_BOX
    due: date  # the day the card is next due
    seen: int
    correct: int


class Progress:
    """Each card's box and due date, by card id. Cards never answered have no state."""

    def __init__(self, states: Mapping[str, CardState] | None = None) -> None:
        self._states: dict[str, CardState] = dict(states or {})

    def state(self, card_id: str) -> CardState | None:
        return self._states.get(card_id)

    def record(self, card_id: str, state: CardState) -> None:
        self._states[card_id] = state

    def due_count(self, cards: Sequence[Card], today: date) -> int:
        """Cards to practise today; a card never answered counts as due."""
        ids = {card.id for card in cards}
        return sum(1 for card_id in ids if _is_due(self._states.get(card_id), today))

    def mastery(self, cards: Sequence[Card]) -> list[tuple[Card, int]]:
        """Each card with its box, 0 for a card never answered."""
        return [(card, state.box if (state := self.state(card.id)) else 0) for card in cards]

    def to_json(self) -> dict:
        return {
            "format": FORMAT_VERSION,  # the file's own "version" belongs to the store
            "cards": {
                card_id: {
                    "box": state.box,
                    "due": state.due.isoformat(),
                    "seen": state.seen,
                    "correct": state.correct,
                }
                for card_id, state in sorted(self._states.items())
            },
        }

    @classmethod
    def from_json(cls, data: object) -> tuple[Progress, list[str]]:
        """Read what `to_json` wrote. Never raises: a damaged entry is skipped with a warning
        naming it, and anything unreadable as a whole gives empty progress and one warning."""
        if not isinstance(data, dict):
            return cls(), [f"practice progress: expected an object, found {_show(data)}"]
        version = data.get("format", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            return cls(), [f"practice progress: unknown format version {_show(version)}"]
        cards = data.get("cards", {})
        if not isinstance(cards, dict):
            return cls(), [f"practice progress: 'cards' should be an object, found {_show(cards)}"]
        states: dict[str, CardState] = {}
        warnings: list[str] = []
        for card_id, raw in cards.items():
            state, problem = _state_from_json(raw)
            if state is None:
                warnings.append(f"practice progress: skipped card {_show(card_id)}: {problem}")
            else:
                states[card_id] = state
        return cls(states), warnings


def _is_due(state: CardState | None, today: date) -> bool:
    return state is None or state.due <= today


def _show(value: object) -> str:
    """A short repr for a warning, so one huge bad value cannot flood the log."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _state_from_json(raw: object) -> tuple[CardState | None, str]:
    """The state stored in one entry, or None and what is wrong with it."""
    if not isinstance(raw, dict):
        return None, f"expected an object, found {_show(raw)}"
    box, due, seen, correct = (raw.get(key) for key in ("box", "due", "seen", "correct"))
    if not (_whole(box) and 1 <= box <= TOP_BOX):
        return None, f"box should be a whole number from 1 to {TOP_BOX}, found {_show(box)}"
    if not isinstance(due, str):
        return None, f"due should be a date like 2024-05-31, found {_show(due)}"
    try:
        due_date = date.fromisoformat(due)
    except ValueError:
        return None, f"due should be a date like 2024-05-31, found {_show(due)}"
    if not _whole(seen):
        return None, f"seen should be a whole number, found {_show(seen)}"
    if not (_whole(correct) and correct <= seen):
        return None, f"correct should be a whole number from 0 to seen, found {_show(correct)}"
    return CardState(box=box, due=due_date, seen=seen, correct=correct), ""


class PracticeSession:
    """One sitting: the cards due today, then new ones, with missed cards coming back.

    `next_card` keeps offering the same card until it is answered, so a screen may ask again
    (after a resize, say) without skipping anything.
    """

    def __init__(
        self,
        cards: Sequence[Card],
        progress: Progress,
        *,
        today: date,
        seed: int | None = None,
        relearn_gap: int = 3,
    ) -> None:
        if relearn_gap < 0:
            raise ValueError("relearn_gap cannot be negative")
        self._progress = progress
        self._today = today
        self._gap = relearn_gap
        rng = random.Random(seed)
        unique: dict[str, Card] = {}
        for card in cards:
            unique.setdefault(card.id, card)
        due: list[tuple[date, int, float, Card]] = []
        new: list[Card] = []
        for card in unique.values():
            state = progress.state(card.id)
            if state is None:
                new.append(card)
            elif state.due <= today:
                due.append((state.due, state.box, rng.random(), card))
        due.sort(key=lambda item: item[:3])  # most overdue first, then the lowest box
        rng.shuffle(new)
        self._queue = deque([card for *_, card in due] + new)
        # Missed cards waiting to come back: (back once `reviewed` reaches this, order, card).
        self._relearn: list[tuple[int, int, Card]] = []
        self._order = itertools.count()
        self._missed: set[str] = set()
        self._reviewed = 0

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
        return self._queue[0] if self._queue else None

    def answer(self, card: Card, correct: bool) -> CardState:
        """Record an answer to `card`, move it between boxes and return its new state."""
        if self._queue and self._queue[0].id == card.id:
            self._queue.popleft()
        elif any(queued.id == card.id for queued in self._queue):
            self._queue = deque(queued for queued in self._queue if queued.id != card.id)
        self._relearn = [item for item in self._relearn if item[2].id != card.id]
        old = self._progress.state(card.id)
        seen = (old.seen if old else 0) + 1
        right = (old.correct if old else 0) + int(correct)
        if not correct:
            self._missed.add(card.id)
            state = CardState(box=1, due=self._today, seen=seen, correct=right)
        else:
            box = 1 if card.id in self._missed else min((old.box if old else 0) + 1, TOP_BOX)
            due = self._today + timedelta(days=INTERVALS[box])
            state = CardState(box=box, due=due, seen=seen, correct=right)
        self._progress.record(card.id, state)
        self._reviewed += 1
        if not correct:
            self._relearn.append((self._reviewed + self._gap, next(self._order), card))
        return state
