"""A different Korean name is never a typo: typed names are read as Hangul before any tolerance.

Checked on every bundled deck and on generated ones, since any deck with `actor_hangul` must
follow the same rules: every generated spelling of an actor's Hangul is accepted; a name with
one given-name syllable changed for another name syllable is rejected and read back as that
name; a single dropped, doubled or swapped letter is accepted exactly when the text reads as no
other name (and no other actor is as close), as the brute-force oracle says.
"""

from __future__ import annotations

import random
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from game.core.deck import Deck, load_deck
from game.core.library import PART_FILE
from game.core.names import NameMatcher, Verdict, normalise, split_hangul
from game.core.romanization import (
    NAME_SYLLABLES,
    is_korean_name,
    surname_spellings,
    syllable_spellings,
)
from game.core.synthetic import synthetic_deck
from game.paths import bundle_root
from tests.core.name_oracle import Oracle, spellings_of

# Every bundled deck, but not the halves of one still being assembled.
BUNDLED = [p for p in sorted((bundle_root() / "data").glob("*.yaml")) if not PART_FILE(p.name)]


@cache
def deck_and_judges(source: str) -> tuple[Deck, NameMatcher, Oracle]:
    """A deck (a bundled file, or "synthetic:COUPLES:SEED"), its matcher and its oracle."""
    if source.startswith("synthetic:"):
        _, couples, seed = source.split(":")
        deck = synthetic_deck(int(couples), seed=int(seed))
    else:
        deck = load_deck(source)
    matcher = NameMatcher.from_deck(deck)
    hangul = {p.actor: p.actor_hangul for _, _, p in deck.people() if p.actor_hangul}
    return deck, matcher, Oracle(matcher, hangul)


def korean_actors(oracle: Oracle) -> list[str]:
    """Actors whose Hangul is a Korean name (a surname and a given name, or a short stage name
    like 현빈), not a foreign name or word (크리스탈)."""
    return sorted(actor for actor, name in oracle.names.items() if name and is_korean_name(*name))


def written(surname: str, given: str) -> str:
    """A name as a person writes it: 'Son Ye-jun', cheapest spelling of each part."""
    family = surname_spellings(surname)[0][0].capitalize()
    parts = [syllable_spellings(ch)[0][0] for ch in given]
    return f"{family} {'-'.join(parts).capitalize()}"


def reads_back(key: str, hangul: str) -> bool:
    """Whether the key really is a spelling of this Hangul name, in either order."""
    name = split_hangul(hangul)
    if name is None:
        return False
    units = [("s", name[0]), *(("g", ch) for ch in name[1])]
    return key in spellings_of(units) or key in spellings_of(units[1:] + units[:1])


# --- A table of hand-written cases on the bundled decks ------------------------------------

# (typed, actor as in the deck, accepted, the Hangul the text reads as: "" for none)
TABLE = [
    # Every spelling of the right name, in any romanisation and either order.
    ("Son Ye-jin", "Son Ye-jin", True, "손예진"),
    ("Sohn Yejin", "Son Ye-jin", True, "손예진"),
    ("Ye-jin Son", "Son Ye-jin", True, "손예진"),
    ("손예진", "Son Ye-jin", True, "손예진"),
    ("Kim Su-hyeon", "Kim Soo-hyun", True, "김수현"),
    ("Gim Soohyun", "Kim Soo-hyun", True, "김수현"),
    ("Rhee Min-ho", "Lee Min-ho", True, "이민호"),
    ("Yi Minho", "Lee Min-ho", True, "이민호"),
    ("Pak Seo-joon", "Park Seo-jun", True, "박서준"),
    ("Bak So-jun", "Park Seo-jun", True, "박서준"),  # McCune-Reischauer "o" for 어
    ("Hyeon Bin", "Hyun Bin", True, "현빈"),
    ("Bin Hyun", "Hyun Bin", True, "현빈"),
    ("Chon Chi-hyon", "Jun Ji-hyun", True, "전지현"),
    ("Gianna Jun", "Jun Ji-hyun", True, "전지현"),  # an alias with no Hangul of its own
    ("Ko Seong-hui", "Ko Sung-hee", True, "고성희"),
    ("Kim Tong-hui", "Kim Dong-hee", True, "김동희"),
    ("Kim Ko-un", "Kim Go-eun", True, "김고은"),  # McCune-Reischauer "u" for 으
    ("Yi Ta-hui", "Lee Da-hee", True, "이다희"),
    ("Suh Ye-ji", "Seo Yea-ji", True, "서예지"),
    ("Park Joo-hyun", "Park Ju-hyun", True, "박주현"),
    # One syllable changed for another: a different person, not a typo.
    ("Son Ye-jun", "Son Ye-jin", False, "손예준"),
    ("Ye-jun Son", "Son Ye-jin", False, "손예준"),
    ("Son-Ye-jun", "Son Ye-jin", False, "손예준"),  # with or without spaces and hyphens
    ("Kimsoo Hyuk", "Kim Soo-hyun", False, "김수혁"),
    ("Son Ye-ji", "Son Ye-jin", False, "손예지"),
    ("손예준", "Son Ye-jin", False, "손예준"),
    ("김수연", "Kim Soo-hyun", False, "김수연"),
    ("Kim Soo-yeon", "Kim Soo-hyun", False, "김수연"),
    ("Kim So-hyun", "Kim Soo-hyun", False, "김소현"),
    ("Lee Min-hoo", "Lee Min-ho", False, "이민후"),
    ("Min-hyuk Lee", "Lee Min-ho", False, "이민혁"),
    ("Park Seo-jin", "Park Seo-jun", False, "박서진"),
    ("Hyun Min", "Hyun Bin", False, "현민"),
    ("Kim Da-min", "Kim Da-mi", False, "김다민"),
    ("Ko Sung-hye", "Ko Sung-hee", False, "고성혜"),
    ("Yoon Hyun-bin", "Yoon Hyun-min", False, "윤현빈"),
    ("Ahn Jae-hyuk", "Ahn Jae-hyun", False, "안재혁"),
    ("Jun Ji-hye", "Jun Ji-hyun", False, "전지혜"),
    ("Seo Ji-hyun", "Seo Ji-hye", False, "서지현"),
    ("Lee Da-hye", "Lee Da-hee", False, "이다혜"),
    ("Kim Dong-hyun", "Kim Dong-hee", False, "김동현"),
    ("Seo Ye-jin", "Son Ye-jin", False, "서예진"),
    # Another actor of the deck.
    ("Kim Jung-hyun", "Kim Soo-hyun", False, "김정현"),
    ("Son Ye-jin", "Seo Yea-ji", False, "손예진"),
    # Slips that read as no name: dropped, doubled, swapped or wrong letters.
    ("Son Ye-jn", "Son Ye-jin", True, ""),
    ("Son Yejni", "Son Ye-jin", True, ""),
    ("Kim Soo-hyn", "Kim Soo-hyun", True, ""),
    ("Kim Soo-hyunn", "Kim Soo-hyun", True, ""),
    ("Lee Mni-ho", "Lee Min-ho", True, ""),
    ("Park Seo-jnu", "Park Seo-jun", True, ""),
    ("Hyun Vin", "Hyun Bin", True, ""),
    ("Giana Jun", "Jun Ji-hyun", True, ""),
    ("A Jae-hyun", "Ahn Jae-hyun", True, ""),  # 아 is no surname, and 현 is not the last word
    # A doubled vowel makes an extra syllable: no name of the actor's length, so a slip.
    ("Hyun Biin", "Hyun Bin", True, ""),
    ("Kim Daa-mi", "Kim Da-mi", True, ""),
    # Part of the name is not the name.
    ("Soo-hyun", "Kim Soo-hyun", False, ""),
    ("Gianna", "Jun Ji-hyun", False, ""),
]


# The second bundled deck: stage names, whose real names are given only in Latin letters.
SECOND_TABLE = [
    ("Jung Ji-hyun", "Rain", False, "정지현"),  # Rain is 정지훈
    ("Jeong Ji-hun", "Rain", True, "비"),
    ("정지훈", "Rain", True, "비"),
    ("정지현", "Rain", False, "정지현"),
    ("Lee Ji-un", "IU", True, "아이유"),  # McCune-Reischauer for 이지은
    ("Lee Ji-yeon", "IU", False, "이지연"),
    ("Jung Su-jin", "Krystal Jung", False, "정수진"),  # she is 정수정
    ("Jeong Su-jeong", "Krystal Jung", True, "크리스탈"),
    ("Lee Jin-kyu", "Onew", False, "이진규"),  # Onew is 이진기
    ("Kim Ji-su", "Ji Soo", True, "지수"),
    ("Byun Baek-hyuk", "Baekhyun", False, "변백혁"),
    ("Hye-rin", "Hyeri", False, "혜린"),
    ("Gong Woo", "Gong Yoo", False, "공우"),
    ("Kim Jin", "Kim Joon", False, "김진"),
    ("Song Hye-kyu", "Song Hye-kyo", False, "송혜규"),
    ("Lee Min-jung", "Lee Min-ho", False, "이민정"),  # another actor of this deck
    ("Kim Bumm", "Kim Bum", True, ""),
    ("Daniel Heney", "Daniel Henney", True, ""),
]
CASES = [("dramas.yaml", *case) for case in TABLE]
CASES += [("kdrama-couples.yaml", *case) for case in SECOND_TABLE]


@pytest.mark.parametrize(("deck", "typed", "actor", "accepted", "reads_as"), CASES)
def test_table(deck, typed, actor, accepted, reads_as):
    if not (bundle_root() / "data" / deck).exists():
        pytest.skip(f"{deck} is not bundled")
    deck_data, matcher, _ = deck_and_judges(str(bundle_root() / "data" / deck))
    verdict = matcher.judge(typed, actor)
    assert (verdict.accepted, verdict.reads_as) == (accepted, reads_as), verdict
    actors_hangul = {p.actor_hangul for _, _, p in deck_data.people()}
    if not accepted and reads_as and reads_as not in actors_hangul:
        names = ["".join(name) for name in matcher.hangul_names(actor)]
        assert verdict.message in [f"That reads as {reads_as}, not {name}" for name in names]


def test_the_table_is_big_and_balanced():
    assert len(CASES) >= 40
    assert sum(accepted for *_, accepted, _ in CASES) >= 15
    assert sum(not accepted for *_, accepted, _ in CASES) >= 15


# --- The three rules, on every actor of every bundled deck, and on generated decks ---------


def check_variants_accepted(matcher: NameMatcher, oracle: Oracle, actor: str) -> None:
    """Every spelling generated from the Hangul names the actor, unless another actor of the
    deck has that spelling too; then the verdict names one of them."""
    for spelling in sorted(oracle.variants[actor]):
        verdict = matcher.judge(spelling, actor)
        sharers = [other for other in oracle.owners[spelling] if other != actor]
        if not sharers:
            assert verdict.accepted and verdict.exact, (spelling, verdict)
        elif not verdict.accepted:
            assert any(other in verdict.message for other in sharers), (spelling, verdict)


def changed_names(hangul: str) -> list[str]:
    """The name with one given-name syllable changed for another name syllable, every way."""
    name = split_hangul(hangul)
    assert name is not None
    surname, given = name
    return [
        surname + given[:i] + syllable + given[i + 1 :]
        for i in range(len(given))
        for syllable in sorted(NAME_SYLLABLES - {given[i]})
    ]


def check_changed_names(matcher: NameMatcher, oracle: Oracle, actor: str) -> None:
    """Every change, in its usual spelling run together, is rejected and read as a name that
    spelling has. The changes one letter from one of the actor's spellings (the ones a typo
    rule would take for the actor) are also typed in Hangul, written out ("Son Ye-jun") and
    given name first."""
    variants = sorted(oracle.variants[actor])
    close = 0
    for other in changed_names(oracle.hangul[actor]):
        surname, given = split_hangul(other)
        key = normalise(written(surname, given))
        forms = [key]
        if process.extractOne(key, variants, scorer=Levenshtein.distance, score_cutoff=1):
            close += 1
            forms += [other, written(surname, given), given_first(surname, given)]
        for typed in forms:
            if normalise(typed) in oracle.variants[actor]:
                continue  # the two names share this spelling (수 and 서 are both "su")
            verdict = matcher.judge(typed, actor)
            assert not verdict.accepted, (typed, actor, verdict)
            assert verdict.reads_as != oracle.hangul[actor], (typed, verdict)
            if verdict.message.startswith("That reads as") and verdict.reads_as != other:
                assert reads_back(normalise(typed), verdict.reads_as), (typed, verdict)
    assert close, actor  # some change always spells close: 민 for 빈, 준 for 진


def given_first(surname: str, given: str) -> str:
    parts = [syllable_spellings(ch)[0][0] for ch in given]
    return "".join(parts) + surname_spellings(surname)[0][0]


def slips(key: str) -> set[str]:
    """Every single dropped, doubled or swapped letter of the key."""
    found = {key[:i] + key[i + 1 :] for i in range(len(key))}
    found |= {key[:i] + key[i] + key[i:] for i in range(len(key))}
    found |= {key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(len(key) - 1)}
    return found - {key}


def check_slips(matcher: NameMatcher, oracle: Oracle, actor: str) -> dict[str, int]:
    """A slip (of the deck's spelling or the usual one; someone's exact spelling is no slip)
    that reads as a name of the actor's length is rejected and read back as that name; part
    of the name is rejected; any other slip is accepted, unless another actor of the deck is
    as close or the name is too short for slips (which the brute-force oracle must confirm
    for every slip so rejected)."""
    outcomes: dict[str, int] = {}
    keys = {normalise(actor), normalise(written(*oracle.names[actor]))}
    for typed in sorted(set().union(*map(slips, keys)) - oracle.owners.keys()):
        verdict: Verdict = matcher.judge(typed, actor)
        if oracle.fragment(typed, actor):
            outcome = "fragment"
            assert not verdict.accepted, (typed, verdict)
        elif oracle.reads_as_another(typed, actor):
            outcome = "reads as a name"
            assert verdict.message.startswith("That reads as"), (typed, verdict)
            assert reads_back(typed, verdict.reads_as), (typed, verdict)
        elif verdict.accepted:
            outcome = "accepted"
        else:
            outcome = oracle.outcome(typed, actor)  # "too far" in a name under 6 letters
            assert outcome in ("a rival is as close", "too far"), (typed, actor, outcome, verdict)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.name)
def test_every_generated_spelling_of_a_bundled_actor_is_accepted(path):
    _, matcher, oracle = deck_and_judges(str(path))
    for actor in sorted(oracle.hangul):  # stage names (아이유, 크리스탈) too
        check_variants_accepted(matcher, oracle, actor)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.name)
def test_a_bundled_actor_with_one_syllable_changed_is_someone_else(path):
    _, matcher, oracle = deck_and_judges(str(path))
    for actor in korean_actors(oracle):
        check_changed_names(matcher, oracle, actor)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.name)
def test_single_slips_in_bundled_names_are_typos_unless_they_read_as_a_name(path):
    _, matcher, oracle = deck_and_judges(str(path))
    outcomes: dict[str, int] = {}
    for actor in korean_actors(oracle):
        for outcome, count in check_slips(matcher, oracle, actor).items():
            outcomes[outcome] = outcomes.get(outcome, 0) + count
    assert outcomes.get("accepted", 0) > outcomes.get("reads as a name", 0) > 0, outcomes


generated = st.builds(
    lambda couples, seed: f"synthetic:{couples}:{seed}",
    st.integers(20, 60),
    st.integers(0, 10_000),
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated, st.randoms(use_true_random=False))
def test_the_rules_hold_on_generated_decks(source, rng: random.Random):
    _, matcher, oracle = deck_and_judges(source)
    actors = rng.sample(korean_actors(oracle), 8)
    for actor in actors:
        check_variants_accepted(matcher, oracle, actor)
        check_changed_names(matcher, oracle, actor)
        check_slips(matcher, oracle, actor)
        for typed in sorted(slips(normalise(actor)) - oracle.owners.keys()):
            assert matcher.check(typed, actor) == oracle.accepts(typed, actor), (typed, actor)
