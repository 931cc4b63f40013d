"""Korean names between Hangul and the Latin letters people type for them.

Two directions. Spelling: every Hangul syllable is split into its jamo and every jamo has the
Latin letters people really write for it (Revised Romanisation, McCune-Reischauer without its
breves and apostrophes, and habits like "soo", "joon", "hyun"), and surnames have a table of
their traditional spellings (이 -> Lee/Yi/Rhee, 박 -> Park/Pak/Bak). Each spelling has a cost,
the sum of how far down those lists it reaches, so the more natural of two readings can win.

Reading: `NameReader` cuts typed Latin text into syllables and says which Korean name it spells
(a surname and given-name syllables, in either order). That is what tells a typo from another
person's name: "Son Ye-jun" is one letter from "Son Ye-jin", but it reads cleanly as 손예준, a
different name, while "Son Ye-jn" reads as nothing and can only be a slip. Reading needs a
notion of which syllables a given name can hold; `NAME_SYLLABLES` is that list, and the
surnames are `SURNAMES`. A deck can add its own (`NameReader(surnames, syllables)`).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from operator import itemgetter

# Jamo in Unicode order, each with the Latin spellings people use, most usual first.
_INITIALS: tuple[tuple[str, ...], ...] = (
    ("g", "k"), ("kk", "gg"), ("n",), ("d", "t"), ("tt", "dd"), ("r", "l"), ("m",),
    ("b", "p"), ("pp", "bb"), ("s",), ("ss", "s"), ("",), ("j", "ch"), ("jj",), ("ch",),
    ("k",), ("t",), ("p",), ("h",),
)  # fmt: skip
_MEDIALS: tuple[tuple[str, ...], ...] = (
    ("a",), ("ae", "ai"), ("ya",), ("yae",), ("eo", "u", "o"), ("e",),
    ("yeo", "yu", "yo", "you"), ("ye",), ("o",), ("wa",), ("wae",), ("oe", "oi"), ("yo",),
    ("u", "oo"), ("wo", "weo"), ("we",), ("wi",), ("yu", "yoo", "you"), ("eu", "u"),
    ("ui", "eui", "i", "ee"), ("i",),
)  # fmt: skip
# Before a final ㅇ, names are written by sound: 정 is "Jung" before "Jeong", 영 "Young", and
# 중 "Joong" before "Jung", so "Jung" reads as 정 first.
_MEDIALS_BEFORE_NG: dict[int, tuple[str, ...]] = {
    4: ("u", "eo", "o"), 6: ("yu", "you", "yeo", "yo"), 13: ("oo", "u"), 17: ("yoo", "yu", "you"),
}  # fmt: skip
_NG = 21  # final ㅇ
# An open syllable's vowel is often written with an "h" after it: Ah-in, Suh, Yuh-jung, Oh.
_OPEN_H: dict[int, str] = {0: "ah", 4: "uh", 6: "yuh", 8: "oh"}
_FINALS: tuple[str, ...] = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
    "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
_SIOT, _IEUNG = 9, 11  # initial ㅅ and ㅇ
_SH_VOWELS = frozenset({2, 3, 6, 7, 12, 16, 17, 20})  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅟ ㅠ ㅣ: "Shin", "Shi"
_U, _I = 13, 20  # medial ㅜ and ㅣ: 우 is often "Woo", 이 in a given name often "Yi"

# Traditional surname spellings, most usual first; the syllable rules are added after these.
_SURNAME_SPELLINGS: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"), "이": ("lee", "yi", "rhee", "i", "ri", "rhie"),
    "리": ("ri", "lee", "li", "rhee"), "박": ("park", "pak", "bak", "bahk"),
    "정": ("jung", "jeong", "chung"), "최": ("choi", "choe"), "조": ("jo", "cho"),
    "강": ("kang", "gang"), "윤": ("yoon", "yun"), "장": ("jang", "chang"),
    "임": ("lim", "im", "yim", "rim"), "한": ("han",), "오": ("oh", "o"),
    "서": ("seo", "suh"), "신": ("shin", "sin"), "권": ("kwon", "gwon"), "황": ("hwang",),
    "안": ("ahn", "an"), "송": ("song",), "류": ("ryu", "yoo", "yu", "ryoo", "lyu", "rhyu"),
    "유": ("yoo", "yu", "you"), "전": ("jun", "jeon", "chun"), "홍": ("hong",),
    "고": ("ko", "go"), "문": ("moon", "mun"), "양": ("yang",), "손": ("son", "sohn"),
    "배": ("bae", "pae"), "백": ("baek", "paik", "baik"), "허": ("heo", "huh"),
    "남": ("nam",), "심": ("shim", "sim"), "노": ("noh", "no", "roh", "ro"), "하": ("ha",),
    "곽": ("kwak", "gwak"), "성": ("sung", "seong"), "차": ("cha",), "주": ("joo", "ju", "chu"),
    "우": ("woo", "u"), "구": ("koo", "gu", "ku"), "진": ("jin", "chin"), "지": ("ji", "chi"),
    "엄": ("eom", "um", "uhm"), "천": ("cheon", "chun"), "현": ("hyun", "hyeon"),
    "변": ("byun", "byeon"), "공": ("kong", "gong"), "도": ("do", "doh"),
    "석": ("seok", "suk"), "선": ("sun", "seon"), "설": ("seol", "sul"),
    "길": ("gil", "kil"), "나": ("na", "ra"), "라": ("ra", "na"), "육": ("yook", "yuk"),
    "남궁": ("namgoong", "namgung"), "황보": ("hwangbo",), "제갈": ("jegal",),
    "선우": ("sunwoo", "seonu"), "독고": ("dokgo", "tokko"),
}  # fmt: skip
COMPOUND_SURNAMES = frozenset(name for name in _SURNAME_SPELLINGS if len(name) == 2)

# Surnames a typed name may start (or end) with: the table above and the less common ones,
# spelt by the syllable rules alone.
SURNAMES: frozenset[str] = (
    frozenset(_SURNAME_SPELLINGS)
    | frozenset(
        "민명표탁국여어편용예봉경방위마원왕반빈옥태모함염피범추채기소인견상간부승연맹은금목형감두제평계복순"
    )
    | frozenset({"사공", "서문", "동방"})
)

# Syllables Korean given names are made of: the Sino-Korean readings names use most, and the
# syllables of the native names (하늘, 보람, 슬기, 다솜, 새롬, 초롱). A name built from these
# is a name someone could have; a slip that lands on one is not read as a slip.
NAME_SYLLABLES: frozenset[str] = frozenset(
    "가각간갑강건걸검겸결경계고공관광교구국군궁권귀규균근금기길"
    "나난남낭내녀년노누늘"
    "다단달담당대덕도돈동두득"
    "라란람랑래량려련렬령례로록론롬롱료룡루류륜률륭른름리린림립"
    "마만매맹면명모목몽무묵문미민밀"
    "바박반발방배백범법벽변별병보복본봄봉부비빈빛"
    "사산삼상새샘생서석선설섭성세소솔솜송수숙순술숭슬승시식신실심"
    "아악안애야양어언여역연열염엽영예오옥온완왕요욱용우운울웅원월위유육윤율융은음의이익인일임입"
    "자작장재전절정제조종주준중지직진"
    "차찬창채천철청초총추춘충취치"
    "탁탄태택"
    "파판편평포표풍피필"
    "하학한함항해행향허헌혁현협형혜호홍화환황회효후훈휘흠흥희"
)


def is_korean_name(surname: str, given: str) -> bool:
    """Whether a (surname, given name) from `split_hangul` is a Korean name, as opposed to a
    foreign name or word in Hangul (크리스탈, 아이유): a known surname, or a one-word stage name
    of two syllables (혜리, 온유) that is a given name in all but form."""
    return surname in SURNAMES or len(surname) + len(given) <= 2


@lru_cache(maxsize=1)
def standard_reader() -> NameReader:
    """A reader of the built-in surnames and name syllables only."""
    return NameReader()


def is_syllable(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


@lru_cache(maxsize=4096)
def syllable_spellings(syllable: str) -> tuple[tuple[str, int], ...]:
    """Every romanisation of one Hangul syllable with its cost, cheapest first."""
    initial, rest = divmod(ord(syllable) - 0xAC00, 588)
    medial, final = divmod(rest, 28)
    initials = _INITIALS[initial] + (("sh",) if initial == _SIOT and medial in _SH_VOWELS else ())
    medials = _MEDIALS_BEFORE_NG.get(medial, ()) if final == _NG else ()
    medials = medials or _MEDIALS[medial]
    if initial == _IEUNG and medial == _U:
        medials += ("woo",)
    elif initial == _IEUNG and medial == _I:
        medials += ("yi",)
    if final == 0 and medial in _OPEN_H:
        medials += (_OPEN_H[medial],)
    best: dict[str, int] = {}
    for (a, head), (b, vowel) in product(enumerate(initials), enumerate(medials)):
        rom = head + vowel + _FINALS[final]
        best[rom] = min(best.get(rom, a + b), a + b)
    return tuple(sorted(best.items(), key=lambda item: (item[1], item[0])))


def _word_spellings(word: str) -> dict[str, int]:
    best: dict[str, int] = {"": 0}
    for syllable in word:
        best = cheapest(
            (head + rom, cost + extra)
            for head, cost in best.items()
            for rom, extra in syllable_spellings(syllable)
        )
    return best


def cheapest(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Each spelling once, with the lowest cost it came with."""
    best: dict[str, int] = {}
    for rom, cost in pairs:
        if cost < best.get(rom, cost + 1):
            best[rom] = cost
    return best


@lru_cache(maxsize=1024)
def surname_spellings(surname: str) -> tuple[tuple[str, int], ...]:
    """The table's spellings first, then whatever the syllable rules add."""
    table = _SURNAME_SPELLINGS.get(surname, ())
    pairs = [(rom, cost) for cost, rom in enumerate(table)]
    pairs += [(rom, len(table) + cost) for rom, cost in _word_spellings(surname).items()]
    return tuple(sorted(cheapest(pairs).items(), key=lambda item: (item[1], item[0])))


def split_hangul(text: str) -> tuple[str, str] | None:
    """(surname, given name) of a Korean name written in Hangul, or None if it is not one.

    A space marks the split when there is one; otherwise the surname is the first syllable, or
    the first two for the compound surnames (남궁, 선우, ...). Names outside the usual shape
    (foreign names in Hangul, stage names) get no generated spellings, only the deck's own.
    """
    tokens = text.split()
    if not tokens or not all(is_syllable(ch) for token in tokens for ch in token):
        return None
    if len(tokens) > 1:
        surname, given = tokens[0], "".join(tokens[1:])
    else:
        cut = 2 if len(tokens[0]) >= 3 and tokens[0][:2] in COMPOUND_SURNAMES else 1
        surname, given = tokens[0][:cut], tokens[0][cut:]
    if 1 <= len(surname) <= 2 and 1 <= len(given) <= 3:
        return sys.intern(surname), sys.intern(given)  # a big deck repeats them thousands of times
    return None


@dataclass(frozen=True)
class Breaks:
    """Where typed text had spaces, hyphens or the like, as places in its letters-only key:
    "Son Ye-jin" has breaks at 3 and 5, and a space at 3.

    A syllable spelt across a break is unlikely, so it costs a reading more. In text with
    spaces, a hyphen joins syllables of the given name, so a surname is never read hyphened to
    the rest ("A Jae-hyun" does not read as 현아재)."""

    anywhere: frozenset[int] = frozenset()
    spaces: frozenset[int] = frozenset()

    @classmethod
    def of(cls, text: str) -> Breaks:
        anywhere: set[int] = set()
        spaces: set[int] = set()
        letters = 0
        for ch in text.strip():
            if ch.isalnum():
                letters += 1
                continue
            anywhere.add(letters)
            if ch.isspace():
                spaces.add(letters)
        return cls(frozenset(anywhere), frozenset(spaces))

    def across(self, start: int, end: int) -> int:
        """The extra cost of reading key[start:end] as one unit."""
        return _ACROSS_A_BREAK if any(start < place < end for place in self.anywhere) else 0

    def surname_fits(self, start: int, end: int) -> bool:
        """Whether key[start:end], at the start or the end of the key, can be the surname:
        not if it is hyphened to the given name in text that has spaces (text without spaces
        says nothing about where the surname is)."""
        inner = end if start == 0 else start
        return not self.spaces or inner in self.spaces or inner not in self.anywhere


# What a syllable spelt across a typed break costs a reading ("Sony Ejin" is not 손예진 first).
_ACROSS_A_BREAK = 4
# What reading a deck's syllable as a surname costs when it is not one of `SURNAMES`.
_UNLISTED = 3
# Names are usually typed surname first, so of two readings as cheap that one is shown.
_SURNAME_LAST = 4


class NameReader:
    """Reads a typed key (lower-case Latin letters only) as Korean names.

    A reading is a surname and given-name syllables, in either order, whose spellings join up
    to exactly the key. Of all readings with the wanted number of syllables the cheapest is
    returned; a key usually has very few.
    """

    def __init__(self, surnames: Iterable[str] = (), syllables: Iterable[str] = ()) -> None:
        """`surnames` and `syllables`: a deck's own, read as well as the built-in lists.

        A deck's "surnames" include the first syllable of stage names (혜 of 혜리), so that
        "Hyerin" reads as 혜린 rather than as a slip for Hyeri; they cost more than the real
        surnames, so "Ku" is still read as 구 before 크 (of 크리스탈)."""
        self._given = self._table(
            (syllable, syllable_spellings(syllable), 0)
            for syllable in NAME_SYLLABLES | frozenset(syllables)
        )
        unlisted = frozenset(surnames) - SURNAMES
        self._family = self._table(
            (surname, surname_spellings(surname), _UNLISTED * (surname in unlisted))
            for surname in SURNAMES | unlisted
        )
        self._longest = max(map(len, self._given), default=0)
        self._longest_surname = max(map(len, self._family), default=0)

    @staticmethod
    def _table(
        units: Iterable[tuple[str, tuple[tuple[str, int], ...], int]],
    ) -> dict[str, tuple[tuple[str, int], ...]]:
        """Spelling -> the units it spells, each with that spelling's cost (plus the unit's
        extra cost), cheapest first."""
        table: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for unit, spellings, extra in units:
            for rom, cost in spellings:
                table[rom].append((unit, cost + extra))
        cheapest_first = itemgetter(1, 0)
        return {rom: tuple(sorted(found, key=cheapest_first)) for rom, found in table.items()}

    def read(self, key: str, syllables: int, typed: Breaks = Breaks()) -> tuple[str, str] | None:
        """The cheapest Hangul name of `syllables` syllables (surname included) that the key
        spells, surname first or last, as (surname, given name); None when it spells none."""
        size = len(key)
        across = typed.across if typed.anywhere else lambda start, end: 0
        spans: list[list[tuple[int, str, int]]] = [[] for _ in range(size)]
        for i in range(size):
            for j in range(i + 1, min(size, i + self._longest) + 1):
                found = self._given.get(key[i:j])
                if found:
                    extra = across(i, j)
                    spans[i].extend((j, unit, cost + extra) for unit, cost in found)
        runs: dict[int, list[dict[int, tuple[int, str]]]] = {}  # start -> _runs from there

        def given_runs(start: int) -> list[dict[int, tuple[int, str]]]:
            if start not in runs:
                runs[start] = self._runs(spans, start, syllables - 1)
            return runs[start]

        best: tuple[int, str, str] | None = None
        # Surname first: each surname the key starts with, then given syllables to the end.
        for end in range(1, min(size, self._longest_surname) + 1):
            for surname, cost in self._family.get(key[:end], ()):
                count = syllables - len(surname)
                if count >= 1 and typed.surname_fits(0, end):
                    run = given_runs(end)[count].get(size)
                    if run is not None:
                        found = (run[0] + cost + across(0, end), surname, run[1])
                        best = found if best is None else min(best, found)
        # Surname last: given syllables from the start, then a surname to the end.
        for count in range(max(1, syllables - 2), syllables):
            for place, (run_cost, given) in given_runs(0)[count].items():
                for surname, cost in self._family.get(key[place:], ()):
                    if len(surname) + count == syllables and typed.surname_fits(place, size):
                        extra = across(place, size) + _SURNAME_LAST
                        found = (run_cost + cost + extra, surname, given)
                        best = found if best is None else min(best, found)
        return (best[1], best[2]) if best else None

    @staticmethod
    def _runs(
        spans: list[list[tuple[int, str, int]]], start: int, most: int
    ) -> list[dict[int, tuple[int, str]]]:
        """For each count of given syllables up to `most`, read from `start`: where they can
        end -> the cheapest (cost, syllables) reaching there."""
        layers = [{start: (0, "")}]
        size = len(spans)
        for _ in range(most):
            grown: dict[int, tuple[int, str]] = {}
            for place, (cost, text) in layers[-1].items():
                if place >= size:
                    continue
                for end, unit, extra in spans[place]:
                    candidate = (cost + extra, text + unit)
                    if end not in grown or candidate < grown[end]:
                        grown[end] = candidate
            layers.append(grown)
        return layers
