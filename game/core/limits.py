"""How many players, how long a name, how many rounds and questions a match may have.

The command line and the setup screen both ask these, so a value one of them refuses the other
refuses too, with the same words. Each check returns "" when the value is fine, or one sentence
saying what is wrong that a player can act on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from game.core.wording import plural

if TYPE_CHECKING:
    from game.core.deck import Deck

# Players per mode. A new mode adds its own line.
MAX_PLAYERS: dict[str, int] = {
    "classic": 4,
    "match": 4,
    "board": 4,
    "daily": 4,
    "practice": 4,
    "party": 50,
}
NAME_MAX = 24  # characters, after trimming spaces
MAX_ROUNDS = 20
MAX_QUESTIONS = 50  # per player per round


def max_players(mode: str) -> int:
    return MAX_PLAYERS.get(mode, MAX_PLAYERS["classic"])


def name_problem(name: str) -> str:
    """Why this name cannot be used, or ""."""
    cleaned = name.strip()
    if not cleaned:
        return "Every player needs a name."
    if len(cleaned) > NAME_MAX:
        return f"A name can be at most {NAME_MAX} characters; {cleaned[:12]!r}… has {len(cleaned)}."
    if any(not ch.isprintable() for ch in cleaned):
        return f"The name {cleaned!r} contains a control character; use letters."
    return ""


def names_problem(names: Sequence[str], mode: str = "classic") -> str:
    """Why these players cannot start a match in `mode`, or "". Names are compared trimmed and
    case-insensitively: "Ann" and "ann " would share one line of the scoreboard."""
    most = max_players(mode)
    if not names:
        return "A match needs at least one player."
    if len(names) > most:
        return f"{len(names)} players given; this mode has 1 to {most}."
    for name in names:
        problem = name_problem(name)
        if problem:
            return problem
    folded = [name.strip().casefold() for name in names]
    for index, name in enumerate(folded):
        if name in folded[:index]:
            return (
                f"Two players have the same name ({names[index].strip()!r}); each needs their own."
            )
    return ""


def deal_capacity(
    deck: Deck,
    players: int,
    wanted: int,
    *,
    difficulty: str = "normal",
    hidden_dramas: frozenset[str] = frozenset(),
) -> int:
    """How many questions each of `players` players can get in one round, at most `wanted`:
    the deck deals distinct questions only, the same number to everyone (as `Match` does).
    Draws only what is asked for, so a huge deck costs no more than a small one."""
    from game.core.questions import QuestionBag  # the rules load when a match is set up

    bag = QuestionBag(deck, seed=0, difficulty=difficulty, hidden_dramas=hidden_dramas)
    distinct = {(q.kind, q.prompt) for q in bag.draw(wanted * players)}
    return min(wanted, len(distinct) // players)


def capacity_sentence(capacity: int, players: int) -> str:
    """ "the deck can deal at most N questions per round", with the players when there are some."""
    most = f"the deck can deal at most {plural(capacity, 'question')} per round"
    if players <= 1:
        return most
    return f"with {players} players {most} each ({capacity * players} in all)"
