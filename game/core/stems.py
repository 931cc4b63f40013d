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
_ENDING_LETTERS = frozenset(ending[-1] for ending in _ENDINGS)


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
    if folded[-1:] not in _ENDING_LETTERS:  # most words: no ending to strip
        return folded
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


_EMPTY: frozenset[str] = frozenset()


def text_clues(text: str) -> frozenset[str]:
    """What a player matches in a text: the stems of its content words, each with its head
    (its first MIN_STEM letters, marked '^'), so texts that share nothing are told apart at
    once by `shared`: two stems can only match if their heads are equal."""
    stems = content_stems(text)
    return stems | {"^" + stem[:MIN_STEM] for stem in stems}


def name_clues(name: str) -> frozenset[str]:
    """What a player matches in a name: its surname (marked '#', so it only ever matches
    another surname) and the stems of its longer words, with their heads."""
    family = surname(name)
    clues = text_clues(name)
    return clues | {"#" + family} if family else clues


def shared(first: frozenset[str], second: frozenset[str]) -> frozenset[str]:
    """The clues of `first` that `second` also has: the same surname, or stems equal or one
    the start of the other ("holo" and "hologram"). Both come from text_clues/name_clues."""
    common = first & second
    if not common:
        return _EMPTY
    found = {clue for clue in common if clue[0] != "^"}
    heads = {clue[1:] for clue in common if clue[0] == "^"}
    if heads:
        for a in first:
            if a[0] in "#^" or a in found or a[:MIN_STEM] not in heads:
                continue
            if any(b[0] not in "#^" and (b.startswith(a) or a.startswith(b)) for b in second):
                found.add(a)
    return frozenset(found)


def matches(clue: str, clues: frozenset[str]) -> bool:
    """Whether a text with these clues shares this one clue (a stem or a '#surname')."""
    if clue[0] == "#":
        return clue in clues
    return clue in clues or (
        "^" + clue[:MIN_STEM] in clues
        and any(b[0] not in "#^" and (b.startswith(clue) or clue.startswith(b)) for b in clues)
    )


_SPACES = re.compile(r"[\W_]+")


def folded_words(text: str) -> str:
    """Text as ' word word ': case, punctuation and hyphens gone, so a name can be looked
    for as a whole phrase inside a longer text."""
    return f" {_SPACES.sub(' ', text.casefold().replace('-', '')).strip()} "


def mentions(text_words: str, name_words: str) -> bool:
    """Whether a name appears as whole words in a text, both passed through folded_words."""
    return name_words != "  " and name_words in text_words
