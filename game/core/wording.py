"""Counts in words: "1 round", "2 rounds". One helper so no screen says "1 rounds played"."""

from __future__ import annotations


def plural(number: int, noun: str, many: str | None = None) -> str:
    """The number and the noun in the form that number takes:
    `many` for an irregular plural ("match", "matches")."""
    word = noun if number == 1 else many or f"{noun}s"
    return f"{number} {word}"
