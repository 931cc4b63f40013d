"""A slow, obviously right judge of typed names, to hold the fast one in `game.core.names` to.

It does by brute force what the matcher does by indexes: it lists every spelling of every
actor, tells whether text reads as a Korean name with one regular expression over every
spelling of every name syllable, and measures slips with rapidfuzz against every spelling.
"""

from __future__ import annotations

import re
from itertools import product

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from game.core.names import NameMatcher, normalise, split_hangul
from game.core.romanization import (
    NAME_SYLLABLES,
    SURNAMES,
    is_korean_name,
    surname_spellings,
    syllable_spellings,
)


def allowed_slips(key: str) -> int:
    """The documented tolerance: none below 5 letters, one up to 9, two from 10; none in
    text with Hangul in it (a syllable is no small slip)."""
    if not key.isascii():
        return 0
    return 2 if len(key) >= 10 else 1 if len(key) >= 5 else 0


def swapped(key: str) -> set[str]:
    return {
        key[:i] + key[i + 1] + key[i] + key[i + 2 :]
        for i in range(len(key) - 1)
        if key[i] != key[i + 1]
    }


def spellings_of(units: list[tuple[str, str]]) -> set[str]:
    """Every spelling of a run of (role, unit) pairs, role "s" for a surname, "g" otherwise."""
    choices = [
        [rom for rom, _ in (surname_spellings(unit) if role == "s" else syllable_spellings(unit))]
        for role, unit in units
    ]
    return {"".join(parts) for parts in product(*choices)}


def _alternation(spellings: set[str]) -> str:
    return "(?:" + "|".join(sorted(map(re.escape, spellings), key=len, reverse=True)) + ")"


class Oracle:
    """Judges typed text for a matcher's actors, given each actor's Hangul name."""

    def __init__(self, matcher: NameMatcher, hangul: dict[str, str]) -> None:
        self.matcher = matcher
        self.hangul = hangul
        self.names = {actor: split_hangul(text) for actor, text in hangul.items()}
        # Every name the matcher knows for each actor, the ones read from Latin spellings too.
        self.all_names = {actor: matcher.hangul_names(actor) for actor in hangul}
        self.variants = {actor: matcher.variants(actor) for actor in hangul}
        self.owners: dict[str, list[str]] = {}
        for actor, keys in self.variants.items():
            for key in keys:
                self.owners.setdefault(key, []).append(actor)
        self.spellings = sorted(self.owners)
        by_length: dict[int, list[str]] = {}
        for spelling in self.spellings:
            by_length.setdefault(len(spelling), []).append(spelling)
        # Length -> the spellings within two letters of it: only those can be two edits away.
        self._within_two = {
            size: [s for n in range(size - 2, size + 3) for s in by_length.get(n, ())]
            for size in range(max(by_length, default=0) + 3)
        }
        named = [name for names in self.all_names.values() for name in names]
        named = [name for name in named if is_korean_name(*name)]
        surnames = SURNAMES | {surname for surname, _ in named}
        syllables = NAME_SYLLABLES | {ch for _, given in named for ch in given}
        self._given = _alternation({rom for s in syllables for rom, _ in syllable_spellings(s)})
        self._surname = {
            length: _alternation(
                {rom for s in surnames if len(s) == length for rom, _ in surname_spellings(s)}
            )
            for length in (1, 2)
        }
        self._patterns: dict[int, re.Pattern[str]] = {}

    def reads(self, key: str, syllables: int) -> bool:
        """Whether the key is some surname and given syllables, `syllables` in all."""
        if syllables not in self._patterns:
            shapes = []
            for length in (1, 2):
                given = syllables - length
                if given >= 1:
                    run = f"{self._given}{{{given}}}"
                    shapes += [self._surname[length] + run, run + self._surname[length]]
            self._patterns[syllables] = re.compile("|".join(f"(?:{s})" for s in shapes))
        return self._patterns[syllables].fullmatch(key) is not None

    def fragment(self, key: str, actor: str) -> bool:
        for surname, given in self.all_names[actor]:
            units = [("s", surname), *(("g", ch) for ch in given)]
            for order in (units, units[1:] + units[:1]):
                for size in range(1, len(order)):
                    for start in range(len(order) - size + 1):
                        if key in spellings_of(order[start : start + size]):
                            return True
        return False

    def reads_as_another(self, key: str, actor: str) -> bool:
        """Whether the key reads as a name as long as one of the actor's Korean names (the
        callers make sure it is none of the actor's spellings)."""
        lengths = {len(s + g) for s, g in self.all_names[actor] if is_korean_name(s, g)}
        return any(self.reads(key, length) for length in lengths)

    def distances(self, key: str) -> dict[str, int]:
        """Each actor within two slips of the key (a swapped pair is one), with the fewest."""
        found: dict[str, int] = {}
        queries = [(key, 0)] + [(other, 1) for other in swapped(key)]
        for query, spent in queries:
            if spent and allowed_slips(key) < 2:
                hits = [(query, 0, None)] if query in self.owners else []  # a lone swap
            else:
                hits = process.extract(
                    query,
                    self._within_two.get(len(query), ()),
                    scorer=Levenshtein.distance,
                    score_cutoff=2 - spent,
                    limit=None,
                )
            for spelling, score, _ in hits:
                for owner in self.owners[spelling]:
                    total = score + spent
                    found[owner] = min(found.get(owner, total), total)
        return found

    def outcome(self, typed: str, actor: str) -> str:
        """For text that is nobody's spelling: "fragment", "reads as a name", "accepted",
        "a rival is as close" or "too far"."""
        key = normalise(typed)
        assert key not in self.owners, "the oracle judges only text that is no one's spelling"
        if self.fragment(key, actor):
            return "fragment"
        if self.reads_as_another(key, actor):
            return "reads as a name"
        distance = self.distances(key)
        mine = distance.get(actor, 3)
        rivalled = any(score <= mine for other, score in distance.items() if other != actor)
        if mine <= allowed_slips(key) and not rivalled:
            return "accepted"
        return "too far" if not rivalled else "a rival is as close"

    def accepts(self, typed: str, actor: str) -> bool:
        return self.outcome(typed, actor) == "accepted"
