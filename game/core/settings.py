"""The player's settings: what each one means, its default, and how a bad value is mended.

Settings live in a JSON file that players may edit by hand, so each key is checked on its
own: one bad value falls back to its default with a warning, the rest are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

TIMER_CHOICES: tuple[int, ...] = (0, 10, 15, 20, 30)  # 0 = no timer
DIFFICULTIES: tuple[str, ...] = ("easy", "normal", "hard")
TEXT_SIZES: tuple[str, ...] = ("normal", "large")
PALETTE_NAMES: tuple[str, ...] = ("standard", "colour-blind-safe")
ROUND_CHOICES: tuple[int, ...] = tuple(range(1, 11))
QUESTION_CHOICES: tuple[int, ...] = (1, 2, 3, 5, 8, 10, 12, 15, 20, 25, 30)
VOLUME_CHOICES: tuple[float, ...] = tuple(i / 10 for i in range(11))
SWITCH: tuple[bool, ...] = (False, True)

# The values the settings screen steps through, per key. A hand-edited value that is valid
# but not listed (questions_per_round = 7) is kept; stepping moves to its listed neighbour.
CHOICES: dict[str, tuple[Any, ...]] = {
    "timer_seconds": TIMER_CHOICES,
    "difficulty": DIFFICULTIES,
    "rounds": ROUND_CHOICES,
    "questions_per_round": QUESTION_CHOICES,
    "sound": SWITCH,
    "volume": VOLUME_CHOICES,
    "fullscreen": SWITCH,
    "text_size": TEXT_SIZES,
    "show_hangul": SWITCH,
    "palette": PALETTE_NAMES,
}
# Numbers stop at their ends (turning the volume up past 100% must not silence the game);
# names and switches go round.
_NUMERIC = frozenset({"timer_seconds", "rounds", "questions_per_round", "volume"})


@dataclass(frozen=True)
class Settings:
    timer_seconds: int = 20
    difficulty: str = "normal"
    rounds: int = 3
    questions_per_round: int = 10
    sound: bool = True
    volume: float = 0.7
    fullscreen: bool = False
    text_size: str = "normal"
    show_hangul: bool = True
    palette: str = "standard"
    hidden_dramas: tuple[str, ...] = ()  # spoiler-safe: dramas the player has not finished
    decks: tuple[str, ...] = ()  # the decks ticked on the deck screen; () = the default deck

    @property
    def time_limit(self) -> float | None:
        return float(self.timer_seconds) if self.timer_seconds else None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["hidden_dramas"] = list(self.hidden_dramas)
        data["decks"] = list(self.decks)
        return data

    def with_value(self, key: str, value: Any) -> Settings:
        return replace(self, **{key: value})

    def stepped(self, key: str, step: int, *, wrap: bool = False) -> Settings:
        """The setting `key` moved `step` (+1 or -1) through its CHOICES. Numbers stop at
        their ends unless `wrap` (Enter cycles every row); names and switches always wrap."""
        choices = CHOICES[key]
        current = getattr(self, key)
        if key in _NUMERIC and current not in choices:  # valid but unlisted: its neighbour
            above = [i for i, v in enumerate(choices) if v > current]
            below = [i for i, v in enumerate(choices) if v < current]
            index = (above[0] if above else len(choices)) if step > 0 else (
                below[-1] if below else -1)
        else:
            index = choices.index(current) + step
        if key in _NUMERIC and not wrap:
            index = max(0, min(len(choices) - 1, index))
        return self.with_value(key, choices[index % len(choices)])

    def with_hidden(self, drama_id: str, hidden: bool) -> Settings:
        """Spoiler-safe list with `drama_id` added or removed; kept sorted so the file is
        stable. Ids of dramas from other decks stay: the player may switch back."""
        rest = set(self.hidden_dramas) - {drama_id}
        return replace(self, hidden_dramas=tuple(sorted(rest | ({drama_id} if hidden else set()))))


def _is_int_in(low: int, high: int) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


_VALID: dict[str, Callable[[Any], bool]] = {
    "timer_seconds": lambda v: v in TIMER_CHOICES and not isinstance(v, bool),
    "difficulty": lambda v: v in DIFFICULTIES,
    "rounds": _is_int_in(1, 10),
    "questions_per_round": _is_int_in(1, 30),
    "sound": lambda v: isinstance(v, bool),
    "volume": lambda v: isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1,
    "fullscreen": lambda v: isinstance(v, bool),
    "text_size": lambda v: v in TEXT_SIZES,
    "show_hangul": lambda v: isinstance(v, bool),
    "palette": lambda v: v in PALETTE_NAMES,
    "hidden_dramas": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "decks": lambda v: isinstance(v, list) and all(isinstance(x, str) and x for x in v),
}


def settings_from_json(raw: object) -> tuple[Settings, list[str]]:
    """Settings from a decoded JSON object; a bad or unknown key costs only itself."""
    defaults = Settings()
    if not isinstance(raw, dict):
        return defaults, ["settings.json: expected an object; using the default settings"]
    values: dict[str, Any] = {}
    warnings: list[str] = []
    known = {f.name for f in fields(Settings)}
    for key, value in raw.items():
        if key not in known:
            warnings.append(f"settings.json: unknown setting '{key}' ignored")
        elif not _VALID[key](value):
            default = getattr(defaults, key)
            warnings.append(
                f"settings.json: {key}={value!r} is not valid; using the default {default!r}"
            )
        else:
            values[key] = tuple(value) if key in ("hidden_dramas", "decks") else value
    if "volume" in values:
        values["volume"] = float(values["volume"])
    return replace(defaults, **values), warnings
