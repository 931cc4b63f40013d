"""Statistics of the stored matches and practice, and the geometry of their charts.

Both the statistics screen and `kdrama-quiz scores` show the same figures, so they are put
together here once, from the store's queries (no loop over every match). The chart geometry
(bar lengths, polyline points) is plain arithmetic on numbers and boxes, kept apart from
drawing so a test can check that a bar is as tall as its data says without looking at
pixels. Every ratio of nothing is 0, never a division by zero.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from math import ceil, floor, log10
from typing import Any

from game.core.deck import Deck
from game.core.practice import DIRECTIONS, Progress, card_ids, due_today, forecast
from game.core.questions import KINDS
from game.core.scheduler import TOP_LEVEL
from game.core.store import Store

ALL_PLAYERS: str | None = None  # the player filter that counts everybody


# -- figures ------------------------------------------------------------------------------
def percent(ratio: float) -> int:
    """A ratio as a whole percentage, halves rounded up (2/3 -> 67, 1/8 -> 13)."""
    return floor(ratio * 100 + 0.5)


@dataclass(frozen=True)
class Accuracy:
    """Right answers out of answered, for one drama or one question kind."""

    key: str  # drama id or question kind
    label: str  # what a player reads: the drama's title, or the kind
    correct: int
    answered: int

    @property
    def ratio(self) -> float:
        return self.correct / self.answered if self.answered else 0.0

    @property
    def percent(self) -> int:
        return percent(self.ratio)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "correct": self.correct,
                "answered": self.answered, "percent": self.percent}


@dataclass(frozen=True)
class PlayerSummary:
    name: str
    matches: int
    best: int
    total_points: int
    correct: int
    answered: int

    @property
    def average(self) -> int:
        return round(self.total_points / self.matches) if self.matches else 0

    @property
    def ratio(self) -> float:
        return self.correct / self.answered if self.answered else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "matches": self.matches, "best": self.best,
                "average": self.average, "correct": self.correct, "answered": self.answered,
                "percent": percent(self.ratio)}


@dataclass(frozen=True)
class ScorePoint:
    match_no: int  # place of the match in the history shown, counting from 1
    date: str  # YYYY-MM-DD
    points: int


@dataclass(frozen=True)
class PlayerSeries:
    name: str
    points: tuple[ScorePoint, ...]


@dataclass(frozen=True)
class ScoreHistory:
    """Points per match over time for the few players with the most matches.

    Match numbers count every match in the filtered history, so the lines of two players
    line up in time even when one of them skipped a match.
    """

    series: tuple[PlayerSeries, ...]
    first: int  # first match number shown (older matches are left out of a long history)
    last: int
    total: int  # matches in the filtered history

    @property
    def max_points(self) -> int:
        return max((p.points for s in self.series for p in s.points), default=0)

    def to_json(self) -> dict[str, Any]:
        return {
            "first": self.first, "last": self.last, "total": self.total,
            "series": [
                {"name": s.name, "points": [
                    {"match": p.match_no, "date": p.date, "points": p.points} for p in s.points]}
                for s in self.series
            ],
        }


@dataclass(frozen=True)
class MissedActor:
    actor: str
    misses: int
    roles: tuple[str, ...] = ()  # "Character (Drama)" from the deck, when it knows the actor

    def to_json(self) -> dict[str, Any]:
        return {"actor": self.actor, "misses": self.misses, "roles": list(self.roles)}


@dataclass(frozen=True)
class Stats:
    player: str | None  # the filter: one name, or ALL_PLAYERS
    players: tuple[PlayerSummary, ...]  # everybody in the history, most matches first
    matches: int  # matches counted under the filter
    by_drama: tuple[Accuracy, ...]  # weakest first
    by_kind: tuple[Accuracy, ...]  # in the order the game lists its question kinds
    history: ScoreHistory
    missed_actors: tuple[MissedActor, ...]  # most missed first

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.players)

    def to_json(self) -> dict[str, Any]:
        return {
            "player": self.player,
            "matches": self.matches,
            "players": [p.to_json() for p in self.players],
            "by_drama": [a.to_json() for a in self.by_drama],
            "by_kind": [a.to_json() for a in self.by_kind],
            "score_history": self.history.to_json(),
            "missed_actors": [m.to_json() for m in self.missed_actors],
        }


def kind_label(kind: str) -> str:
    return kind.replace("_", " ").capitalize()


def _accuracies(totals: Mapping[str, tuple[int, int]],
                labels: Mapping[str, str]) -> list[Accuracy]:
    return [Accuracy(key, labels.get(key, key), correct, answered)
            for key, (correct, answered) in totals.items() if answered > 0]


def actor_roles(deck: Deck) -> dict[str, tuple[str, ...]]:
    """Each actor's parts in the deck as "Character (Drama)": a reminder beside a miss."""
    roles: dict[str, dict[str, None]] = {}  # an ordered set of parts per actor
    for drama, _couple, person in deck.people():
        roles.setdefault(person.actor, {})[f"{person.character} ({drama.title})"] = None
    return {actor: tuple(parts) for actor, parts in roles.items()}


def compute_stats(
    store: Store,
    *,
    player: str | None = ALL_PLAYERS,
    drama_titles: Mapping[str, str] | None = None,
    roles: Mapping[str, tuple[str, ...]] | None = None,
    lines: int = 4,
    recent: int = 30,
    actors: int = 10,
) -> Stats:
    """The figures of the stored history, each one a query (see `Store`).

    `player` counts only that player's answers and matches; `drama_titles` turns drama ids
    into titles (an id the deck does not know is shown as it is); `lines` players get a line
    in the score history, which keeps its `recent` last matches; `actors` caps the missed
    list.
    """
    summaries = tuple(PlayerSummary(*row) for row in store.player_summaries())
    by_drama = sorted(_accuracies(store.accuracy("drama", player), drama_titles or {}),
                      key=lambda a: (a.ratio, -a.answered, a.label.casefold()))
    kinds = store.accuracy("kind", player)
    rank = {kind: i for i, kind in enumerate(KINDS)}
    by_kind = sorted(_accuracies(kinds, {k: kind_label(k) for k in kinds}),
                     key=lambda a: (rank.get(a.key, len(rank)), a.key))
    names = [s.name for s in summaries if s.name == player or player is ALL_PLAYERS][:lines]
    total = store.match_count(player)
    points: dict[str, list[ScorePoint]] = {}
    for number, day, name, value in store.recent_points(player, names, recent, total):
        points.setdefault(name, []).append(ScorePoint(number, day, value))
    history = ScoreHistory(tuple(PlayerSeries(name, tuple(points[name]))
                                 for name in names if name in points),
                           max(1, total - recent + 1) if total else 0, total, total)
    known = roles or {}
    missed = sorted(store.missed_actors(player).items(),
                    key=lambda kv: (-kv[1], kv[0].casefold()))[:actors]
    return Stats(
        player=player,
        players=summaries,
        matches=total,
        by_drama=tuple(by_drama),
        by_kind=tuple(by_kind),
        history=history,
        missed_actors=tuple(MissedActor(a, n, known.get(a, ())) for a, n in missed),
    )


# -- practice -----------------------------------------------------------------------------
@dataclass(frozen=True)
class MasterySummary:
    """How far actor-name practice has come: cards per level of memory, and what is due."""

    levels: tuple[int, ...]  # cards at level 1, 2, ... (level 1: known least)
    new: int  # cards never answered
    due_today: int  # answered before and due again by tonight (`practice.due_today`)
    forecast: tuple[int, ...] = ()  # reviews due on each of the next days, today first

    @property
    def total(self) -> int:
        return self.new + sum(self.levels)

    @property
    def started(self) -> bool:
        return sum(self.levels) > 0

    def bar_values(self) -> list[tuple[str, int]]:
        """("New", n), ("Level 1", n), ...: the columns of the mastery chart."""
        return [("New", self.new), *((f"Level {i}", n) for i, n in enumerate(self.levels, 1))]

    def to_json(self) -> dict[str, Any]:
        return {"levels": list(self.levels), "new": self.new, "due_today": self.due_today,
                "forecast": list(self.forecast), "total": self.total}


def mastery_summary(progress: Progress, ids: Sequence[str], now: datetime) -> MasterySummary:
    """The summary over the cards with these ids."""
    known = set(ids)
    levels = Counter(state.level for card_id, state in progress.items() if card_id in known)
    new = len(known) - sum(levels.values())
    return MasterySummary(tuple(levels[level] for level in range(1, TOP_LEVEL + 1)), new,
                          due_today(progress, known, now), tuple(forecast(progress, known, now)))


def mastery_from_json(data: Any, deck: Deck, now: datetime,
                      ids: Callable[[Sequence[str]], Sequence[str]] | None = None,
                      ) -> MasterySummary:
    """The summary of stored practice progress (`progress_json(Store.practice_states())`) against
    the deck's cards. Actor cards always count; "whom does X play?" cards count once the
    player has practised that direction, so an unused direction does not pile up as new.
    `ids` gives the card ids for some directions (a cache); by default they are listed."""
    progress, _warnings = Progress.from_json(data)  # the practice screen reports damage
    used = {card_id.split(":", 1)[0] for card_id, _state in progress.items()}
    directions = [d for d in DIRECTIONS if d == "actor" or d in used]
    deck_ids = ids(directions) if ids else card_ids(deck, directions)
    return mastery_summary(progress, deck_ids, now)


# -- chart geometry -----------------------------------------------------------------------
@dataclass(frozen=True)
class Box:
    """A rectangle in pixels, y growing downwards as on screen."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass(frozen=True)
class Axis:
    """A value axis from 0 to `maximum` in steps of `step`."""

    maximum: float
    step: float

    @property
    def ticks(self) -> list[float]:
        return [round(self.step * i, 9) for i in range(round(self.maximum / self.step) + 1)]


def nice_axis(value: float, *, intervals: int = 4, whole: bool = False) -> Axis:
    """The axis that holds `value` in at most `intervals` round steps (1, 2, 2.5 or 5 times a
    power of ten; whole numbers only when `whole`, for counts), so its labels read easily.
    Nothing to show still gets an axis from 0 to 1."""
    value = value if value > 0 else 1
    raw = value / intervals
    power = 10.0 ** floor(log10(raw))
    step = 10 * power
    for multiple in (1, 2, 2.5, 5, 10):
        candidate = round(multiple * power, 9)
        if candidate >= raw and (not whole or candidate == int(candidate)):
            step = candidate
            break
    if whole:
        step = max(1.0, step)
    steps = ceil(value / step - 1e-9)  # float noise alone must not add a step...
    maximum = round(step * steps, 9)
    if maximum < value:  # ...but the axis must still reach the value
        maximum = round(step * (steps + 1), 9)
    return Axis(maximum, float(step))


def bar_length(value: float, maximum: float, span: int) -> int:
    """Pixels for `value` on an axis `span` pixels long that ends at `maximum`; a value
    beyond the ends is clamped so a bar never leaves its chart."""
    if maximum <= 0 or span <= 0:
        return 0
    return max(0, min(span, round(span * value / maximum)))


def _slots(start: int, span: int, count: int, gap_ratio: float) -> list[tuple[int, int]]:
    """(offset, thickness) of `count` bars sharing `span` pixels, a gap between each."""
    if count <= 0:
        return []
    pitch = span / count
    thickness = max(1, round(pitch * (1 - gap_ratio)))
    return [(start + round(i * pitch + (pitch - thickness) / 2), thickness)
            for i in range(count)]


def column_bars(values: Sequence[float], plot: Box, maximum: float,
                gap_ratio: float = 0.35) -> list[Box]:
    """Vertical bars standing on the bottom of `plot`, heights proportional to the values."""
    return [Box(x, plot.bottom - (h := bar_length(v, maximum, plot.height)), width, h)
            for v, (x, width) in zip(values, _slots(plot.left, plot.width, len(values),
                                                    gap_ratio), strict=True)]


def row_bars(values: Sequence[float], plot: Box, maximum: float,
             gap_ratio: float = 0.35) -> list[Box]:
    """Horizontal bars growing from the left edge of `plot`, lengths proportional."""
    return [Box(plot.left, y, bar_length(v, maximum, plot.width), height)
            for v, (y, height) in zip(values, _slots(plot.top, plot.height, len(values),
                                                     gap_ratio), strict=True)]


def line_points(points: Sequence[tuple[float, float]], plot: Box, x_range: tuple[float, float],
                y_max: float) -> list[tuple[int, int]]:
    """Data (x, y) to pixels: x across `x_range`, y from 0 at the bottom to `y_max` at the
    top, so a higher score is drawn higher. A range of one value sits in the middle."""
    low, high = x_range
    result = []
    for x, y in points:
        across = 0.5 if high == low else (x - low) / (high - low)
        px = plot.left + round(plot.width * min(1.0, max(0.0, across)))
        result.append((px, plot.bottom - bar_length(y, y_max, plot.height)))
    return result


def text_bar(ratio: float, width: int = 10, full: str = "█", empty: str = "░") -> str:
    """A bar for the terminal: `ratio` of `width` cells filled."""
    filled = max(0, min(width, floor(ratio * width + 0.5)))
    return full * filled + empty * (width - filled)


# -- the terminal report ------------------------------------------------------------------
def _cell(text: str, width: int, *, right: bool = False) -> str:
    """`text` cut or padded to `width` terminal columns; Hangul takes two columns each."""
    widths = [2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text]
    if sum(widths) <= width:
        pad = " " * (width - sum(widths))
        return pad + text if right else text + pad
    out, used = "", 0
    for char, wide in zip(text, widths, strict=True):
        if used + wide > width - 1:
            break
        out += char
        used += wide
    return out + "…" + " " * (width - used - 1)


def report_lines(stats: Stats, mastery: MasterySummary | None, full: str = "█",
                 empty: str = "░") -> list[str]:
    """The statistics as terminal text: tables with bars such as "██████░░░░  63%"."""
    def bar(ratio: float) -> str:
        return f"{text_bar(ratio, 10, full, empty)} {percent(ratio):>3}%"

    lines: list[str] = []
    if stats.players:
        lines += ["", "Players"]
        lines += [f"     {_cell(p.name, 20)} {p.matches:>4} match{'es' * (p.matches != 1):<2}"
                  f"  best {p.best:>7,}  average {p.average:>7,}  {bar(p.ratio)} right"
                  for p in stats.players]
    if stats.by_drama:
        lines += ["", "Accuracy by drama (weakest first)"]
        lines += [f"     {_cell(a.label, 32)} {bar(a.ratio)}  {a.correct}/{a.answered}"
                  for a in stats.by_drama]
    if stats.by_kind:
        lines += ["", "Accuracy by question kind"]
        lines += [f"     {_cell(a.label, 14)} {bar(a.ratio)}  {a.correct}/{a.answered}"
                  for a in stats.by_kind]
    history = stats.history
    if history.series:
        lines += ["", f"Points per match (matches {history.first}–{history.last} of "
                      f"{history.total})"]
        names = [s.name for s in history.series]
        lines.append(f"     {'match':<6} {'date':<10}  " + "  ".join(_cell(n, 12, right=True)
                                                                   for n in names))
        table = {(s.name, p.match_no): p for s in history.series for p in s.points}
        for number in range(history.first, history.last + 1):
            played = [table[(n, number)] for n in names if (n, number) in table]
            if played:
                cells = [f"{table[(n, number)].points:>12,}" if (n, number) in table
                         else f"{'–':>12}" for n in names]
                lines.append(f"     {'#' + str(number):<6} {played[0].date:<10}  "
                             + "  ".join(cells))
    if stats.missed_actors:
        lines += ["", "Actors missed most"]
        lines += [f"     {_cell(m.actor, 20)} {m.misses:>3}×  {'; '.join(m.roles)}".rstrip()
                  for m in stats.missed_actors]
    if mastery is not None and mastery.started:
        values = mastery.bar_values()
        most = max(count for _label, count in values)
        lines += ["", "Practice mastery"]
        lines += [f"     {label:<7} {count:>5}  {text_bar(count / most, 20, full, empty)}"
                  for label, count in values]
        lines.append(f"     {mastery.due_today} card{'s' * (mastery.due_today != 1)} due "
                     f"today, {mastery.total} in all")
        if mastery.forecast:
            lines.append("     reviews due, today and the next days: "
                         + " · ".join(str(count) for count in mastery.forecast))
    return lines

