"""Words a sharp player matches between a prompt and the options, folded to stems.

Two rules of a fair question rest on the same reading of text:

* a description question must not offer a character whose own description shares a content
  word with the one asked about ("the heir of a business empire" next to "a chaebol heiress"
  gives two defensible answers), and
* the answer must not be the only option that shares a surname or a word stem with the
  prompt ("Whom does Park Seo-jun play?" with one Park among the options).

Words are folded without case, hyphens or apostrophes, and simple English endings come off
("heiress", "heirs" and "heir" are one stem). Stop words and nationality or place words are
no clue: half the deck is Korean, so "Korean" or "Seoul" tells a player nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_STEM = 4
"""Shorter words are too common to give anything away (and most Korean syllables are)."""

_WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
_JOINERS = str.maketrans("", "", "-'\u2019")
_ENDINGS = ("esses", "ess", "ies", "es", "s", "ing", "ed", "ly")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS = _word_set("""
    about above across after again against also although among another anyone anything
    around because been before behind being below beneath beside besides between beyond
    both cannot could does doing down during each either else even ever every everyone
    from further have having hers herself himself into itself just least less like many
    more most much must myself near neither never none once only onto other others ours
    over own rather same shall should since some such than that their theirs them
    themselves then there these they this those though through till under until upon very
    were what whatever when where whether which while whom whose will with within without
    would your yours yourself
""")
PLACE_WORDS = _word_set("""
    korea korean koreans north northern south southern seoul pyongyang busan incheon jeju
    japan japanese china chinese america american americans east eastern west
    western asia asian europe european city country countryside
""")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A word folded and stripped of one simple ending, never below MIN_STEM letters."""
    return _stem_folded(word.casefold().translate(_JOINERS))


def _stem_folded(folded: str) -> str:
    for ending in _ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= MIN_STEM:
            return folded[: -len(ending)]
    return folded


def content_stems(text: str) -> frozenset[str]:
    """The stems of a text's content words: four letters or more, no stop or place words."""
    found = set()
    for word in _WORD.findall(text):
        folded = word.casefold().translate(_JOINERS)
        if len(folded) >= MIN_STEM and folded not in STOP_WORDS and folded not in PLACE_WORDS:
            stemmed = _stem_folded(folded)
            if stemmed not in PLACE_WORDS:
                found.add(stemmed)
    return frozenset(found)


def surname(name: str) -> str | None:
    """A Korean-style name's family name (its first word), folded; None for a single word."""
    words = name.split()
    return words[0].casefold() if len(words) > 1 else None


def name_clues(name: str) -> frozenset[str]:
    """What a player matches in a name: its surname (marked with a leading '#', so it only
    ever matches another surname) and the stems of its longer words."""
    family = surname(name)
    stems = content_stems(name)
    return stems | {"#" + family} if family else stems


def shared(first: frozenset[str], second: frozenset[str]) -> frozenset[str]:
    """The clues of `first` that `second` also has: equal, or one stem the start of the other
    ("holo" and "hologram"). Surnames match only surnames."""
    if not first or not second:
        return frozenset()
    found = first & second
    rest = [a for a in first - found if not a.startswith("#")]
    if rest:
        heads = {b[:MIN_STEM] for b in second if not b.startswith("#")}
        for a in rest:
            if a[:MIN_STEM] in heads and any(
                not b.startswith("#") and (b.startswith(a) or a.startswith(b)) for b in second
            ):
                found |= {a}
    return found


def matches(clue: str, clues: frozenset[str]) -> bool:
    """Whether a text with `clues` shares this one clue."""
    return bool(shared(frozenset((clue,)), clues))


_SPACES = re.compile(r"[\W_]+")


def folded_words(text: str) -> str:
    """Text as ' word word ': case, punctuation and hyphens gone, so a name can be looked
    for as a whole phrase inside a longer text."""
    return f" {_SPACES.sub(' ', text.casefold().replace('-', '')).strip()} "


def mentions(text_words: str, name_words: str) -> bool:
    """Whether a name appears as whole words in a text, both passed through folded_words."""
    return name_words != "  " and name_words in text_words
