"""Rounds that don't give answers away before asking for them.

Everything a round shows stays on the players' minds: prompts, option lists and the
explanation after each answer. A later question *leaks* when one earlier item of the same
round already put its subject (a cue the prompt turns on: a character, an actor, a
description, a couple's names) next to its answer. "What stands between Jeong Tae-eul and
Lee Gon?" explains that they are from The King: Eternal Monarch, so "Which drama are Jeong
Tae-eul and Lee Gon from?" later in that round is free points.

Names are compared as whole words without case or punctuation, so "Holo" is found in
"My Holo Love" but not in "hologram". Being cautious here only ever moves a question to
another round.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from game.core.stems import folded_words, mentions


class Asked(Protocol):
    """What the leak rule reads of a question."""

    prompt: str
    options: tuple[str, ...]
    explanation: str
    cues: tuple[str, ...]

    @property
    def correct(self) -> str: ...


def shown(question: Asked) -> str:
    """Everything the question puts in front of the players, as folded words."""
    parts = (question.prompt, *question.options, question.explanation)
    return folded_words(" | ".join(parts))


_folded = lru_cache(maxsize=4096)(folded_words)  # a round asks about the same names again


def reveals(shown_words: str, question: Asked) -> bool:
    """Whether text already shown ties one of the question's cues to its answer."""
    return mentions(shown_words, _folded(question.correct)) and any(
        mentions(shown_words, _folded(cue)) for cue in question.cues
    )


def leak_source(earlier: Sequence[str], question: Asked) -> int | None:
    """The position of the latest earlier item (as `shown` gives it) that reveals the answer,
    or None when the question is still a fair one to ask."""
    for index in range(len(earlier) - 1, -1, -1):
        if reveals(earlier[index], question):
            return index
    return None
