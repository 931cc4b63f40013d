"""Reading typed Latin text as Korean names: which Hangul a spelling is, and when it is none."""

from __future__ import annotations

import pytest

from game.core.romanization import (
    NAME_SYLLABLES,
    SURNAMES,
    Breaks,
    NameReader,
    is_korean_name,
    split_hangul,
    surname_spellings,
    syllable_spellings,
)

READER = NameReader()


def read(text: str, syllables: int) -> str:
    key = "".join(ch for ch in text.lower() if ch.isalpha())
    return "".join(READER.read(key, syllables, Breaks.of(text)) or ())


@pytest.mark.parametrize(
    ("typed", "syllables", "hangul"),
    [
        ("Son Ye-jun", 3, "손예준"),  # 준 before 전: "u" is ㅜ before it is ㅓ
        ("Ye-jun Son", 3, "손예준"),  # surname last
        ("sonyejun", 3, "손예준"),  # run together
        ("Lee Min-jung", 3, "이민정"),  # before a final ㅇ, "u" is ㅓ first: 정, not 중
        ("Park Min-young", 3, "박민영"),
        ("Song Joong-ki", 3, "송중기"),
        ("Rhee Min-ho", 3, "이민호"),
        # McCune-Reischauer's "u" for ㅡ is a spelling of 김고은 (the matcher accepts it for
        # her), but read on its own "un" is 운 first.
        ("Kim Ko-un", 3, "김고운"),
        ("Namgoong Min", 3, "남궁민"),  # a compound surname
        ("Yoo Ah-in", 3, "유아인"),  # an "h" after an open syllable's vowel
        ("Imsoohyun", 3, "임수현"),  # surname first when both orders read as cheaply
        ("Hyun Bin", 2, "현빈"),
        ("Son Ye-jn", 3, ""),  # no syllable is spelt "jn"
        ("Kim Soo-hyun", 2, ""),  # not a name of two syllables
        ("A Jae-hyun", 3, ""),  # 아 is no surname, and 현 is hyphened to the given name
    ],
)
def test_typed_text_reads_as(typed, syllables, hangul):
    assert read(typed, syllables) == hangul


def test_breaks_are_counted_in_letters_and_spaces_are_told_apart():
    assert Breaks.of("Son Ye-jin") == Breaks(frozenset({3, 5}), frozenset({3}))
    assert Breaks.of("  kimsoohyun ") == Breaks()
    assert Breaks.of("Kim - Soo") == Breaks(frozenset({3}), frozenset({3}))


def test_a_syllable_read_across_a_typed_break_costs_more():
    # "sonyejin" cut as 소 + 녜진 would cross the space after "Son"; 손예진 does not.
    assert read("Son Ye-jin", 3) == "손예진"
    assert Breaks.of("Son Ye-jin").across(2, 4) > Breaks.of("Son Ye-jin").across(3, 5)


def test_a_decks_own_surnames_and_syllables_are_read_after_the_real_ones():
    reader = NameReader(surnames={"혜", "크"}, syllables={"헤"})
    assert reader.read("hyerin", 2) == ("혜", "린")  # 혜 of the stage name 혜리
    assert reader.read("jihera", 3) == ("지", "헤라")  # 헤 is no usual name syllable
    assert reader.read("kuhyejin", 3) == ("구", "혜진")  # 구 (Ku) before 크 (of 크리스탈)


def test_spellings_come_cheapest_first():
    assert syllable_spellings("수")[:2] == (("su", 0), ("soo", 1))
    assert surname_spellings("이")[:3] == (("lee", 0), ("yi", 1), ("rhee", 2))
    assert {"park", "pak", "bak"} <= {rom for rom, _ in surname_spellings("박")}


def test_korean_names_and_the_lists_behind_them():
    assert is_korean_name(*split_hangul("손예진"))
    assert is_korean_name(*split_hangul("혜리"))  # a two-syllable stage name
    assert not is_korean_name(*split_hangul("크리스탈"))
    assert not is_korean_name(*split_hangul("아이유"))
    assert {"김", "이", "박", "남궁"} <= SURNAMES
    assert {"민", "준", "진", "서", "연", "하", "늘"} <= NAME_SYLLABLES
