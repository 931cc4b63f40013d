"""Counts in words: "1 round", "2 rounds". One helper so no screen says "1 rounds played"."""

from __future__ import annotations


def count(number: int, noun: str, plural: str | None = None) -> str:
    """The number with thousands separators and the noun in the form that number takes."""
    word = noun if number == 1 else plural or f"{noun}s"
    return f"{number:,} {word}"
