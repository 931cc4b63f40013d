"""Typed actor names: the spellings players really use pass, other actors and fragments do not."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.deck import Couple, Deck, Drama, Person, load_deck
from game.core.names import NameMatcher, normalise, split_hangul
from game.paths import default_deck
from tests.core.name_oracle import Oracle

# (actor as written in the deck, Hangul, aliases) for a deck built here. Kim Soo-hyun, Kim
# Jung-hyun and Kim Seo-hyun differ by one syllable; that is the point.
CAST = [
    ("Kim Soo-hyun", "김수현", ["Kim Su-hyeon"]),
    ("Kim Jung-hyun", "김정현", ["Kim Jeong-hyeon"]),
    ("Kim Seo-hyun", "김서현", []),
    ("Lee Min-ho", "이민호", ["Lee Minho"]),
    ("Park Seo-jun", "박서준", ["Park Seo-joon"]),
    ("Jun Ji-hyun", "전지현", ["Gianna Jun", "Jeon Ji-hyun"]),
    ("Son Ye-jin", "손예진", ["Son Yejin"]),
    ("Hyun Bin", "현빈", []),
    ("Song Joong-ki", "송중기", []),
    ("Park Bo-gum", "박보검", []),
    ("Choi Woo-shik", "최우식", []),
    ("Jung Hae-in", "정해인", []),
    ("Kim Go-eun", "김고은", []),
    ("Ryu Jun-yeol", "류준열", []),
    ("Seo Yea-ji", "서예지", ["Seo Ye-ji"]),
    ("Gong Yoo", "공유", []),
]


def build_deck(cast: list[tuple[str, str | None, list[str]]]) -> Deck:
    """A one-drama deck with the cast paired off into couples (a spare actor gets a partner)."""
    people = [
        Person(
            character=f"Character {n}",
            actor=actor,
            description="someone",
            actor_hangul=hangul,
            actor_aliases=tuple(aliases),
        )
        for n, (actor, hangul, aliases) in enumerate(cast)
    ]
    if len(people) % 2:
        people.append(people[0])
    couples = tuple(
        Couple(id=f"c{n}", obstacle="fate", partners=(people[n], people[n + 1]))
        for n in range(0, len(people), 2)
    )
    return Deck(title="Test", dramas=(Drama(id="d", title="D", couples=couples),))


@pytest.fixture(scope="module")
def built() -> NameMatcher:
    return NameMatcher.from_deck(build_deck(CAST))


@pytest.fixture(scope="module")
def bundled() -> NameMatcher:
    return NameMatcher.from_deck(load_deck(default_deck()))


CLOSE = "close — it is spelled"
# (typed, actor as in the deck, accepted, exact, a piece of the message)
BUILT_CASES = [
    # The deck's own spellings, Hangul, and the romanisations people use.
    ("Kim Soo-hyun", "Kim Soo-hyun", True, True, ""),
    ("Kim Su-hyeon", "Kim Soo-hyun", True, True, ""),
    ("Soo-hyun Kim", "Kim Soo-hyun", True, True, ""),
    ("kimsoohyun", "Kim Soo-hyun", True, True, ""),
    ("KIM SOO HYUN", "Kim Soo-hyun", True, True, ""),
    ("김수현", "Kim Soo-hyun", True, True, ""),
    ("김 수현", "Kim Soo-hyun", True, True, ""),
    ("Gim Soo-hyeon", "Kim Soo-hyun", True, True, ""),
    ("Kim Jeong-hyeon", "Kim Jung-hyun", True, True, ""),
    ("Kim Jung hyun", "Kim Jung-hyun", True, True, ""),
    ("Chung-hyun Kim", "Kim Jung-hyun", True, True, ""),
    ("Park Seo-joon", "Park Seo-jun", True, True, ""),
    ("Pak Seo-jun", "Park Seo-jun", True, True, ""),
    ("Bak Seo-joon", "Park Seo-jun", True, True, ""),
    ("Yi Min-ho", "Lee Min-ho", True, True, ""),
    ("Lee Minho", "Lee Min-ho", True, True, ""),
    ("Rhee Min-ho", "Lee Min-ho", True, True, ""),
    ("Min-ho Lee", "Lee Min-ho", True, True, ""),
    ("Jeon Ji-hyun", "Jun Ji-hyun", True, True, ""),
    ("Gianna Jun", "Jun Ji-hyun", True, True, ""),
    ("Chun Ji-hyeon", "Jun Ji-hyun", True, True, ""),
    ("Sohn Ye-jin", "Son Ye-jin", True, True, ""),
    ("Hyeon Bin", "Hyun Bin", True, True, ""),
    ("Bin Hyun", "Hyun Bin", True, True, ""),
    ("Song Jung-ki", "Song Joong-ki", True, True, ""),
    ("Song Joong-gi", "Song Joong-ki", True, True, ""),
    ("Park Bo-geom", "Park Bo-gum", True, True, ""),
    ("Choe U-sik", "Choi Woo-shik", True, True, ""),
    ("Jeong Hae-in", "Jung Hae-in", True, True, ""),
    ("Yoo Joon-yeol", "Ryu Jun-yeol", True, True, ""),
    ("Suh Ye-ji", "Seo Yea-ji", True, True, ""),
    ("Kong Yu", "Gong Yoo", True, True, ""),
    ("Kim Go-eun", "Kim Go-eun", True, True, ""),
    ("Kim Ko-un", "Kim Go-eun", True, True, ""),
    # One spelling, two actors: the more usual reading wins (수 is "su" before 서 is).
    ("Kim Su-hyun", "Kim Soo-hyun", True, True, ""),
    ("Kim Su-hyun", "Kim Seo-hyun", False, False, "That is Kim Soo-hyun, not Kim Seo-hyun"),
    # A slip or two in a long enough name.
    ("Kim Soo-hyn", "Kim Soo-hyun", True, False, f"{CLOSE} Kim Soo-hyun"),
    ("Lee Mni-ho", "Lee Min-ho", True, False, f"{CLOSE} Lee Min-ho"),
    ("Son Yejni", "Son Ye-jin", True, False, f"{CLOSE} Son Ye-jin"),
    ("Park Seo-juun", "Park Seo-jun", True, False, f"{CLOSE} Park Seo-jun"),
    ("Giana Jun", "Jun Ji-hyun", True, False, f"{CLOSE} Jun Ji-hyun"),
    ("Song Joong-kee", "Song Joong-ki", True, False, f"{CLOSE} Song Joong-ki"),
    ("Seo Yea-jo", "Seo Yea-ji", True, False, f"{CLOSE} Seo Yea-ji"),
    # Another actor of the deck, spelt right or nearly right.
    ("Kim Jung-hyun", "Kim Soo-hyun", False, False, "That is Kim Jung-hyun, not Kim Soo-hyun"),
    ("Kim Seo-hyun", "Kim Soo-hyun", False, False, "That is Kim Seo-hyun, not Kim Soo-hyun"),
    ("Kim Soo-hyun", "Kim Jung-hyun", False, False, "That is Kim Soo-hyun, not Kim Jung-hyun"),
    ("김정현", "Kim Soo-hyun", False, False, "That is Kim Jung-hyun"),
    ("Kim Jung-hyn", "Kim Soo-hyun", False, False, "looks like Kim Jung-hyun, not Kim Soo-hyun"),
    ("Park Bo-gum", "Park Seo-jun", False, False, "That is Park Bo-gum"),
    # Fragments and nonsense.
    ("Kim", "Kim Soo-hyun", False, False, "Not quite — it is Kim Soo-hyun"),
    ("Soo-hyun", "Kim Soo-hyun", False, False, "Not quite"),
    ("Soohyun", "Kim Soo-hyun", False, False, "Not quite"),
    ("김", "Kim Soo-hyun", False, False, "Not quite"),
    ("김수", "Kim Soo-hyun", False, False, "Not quite"),
    ("", "Kim Soo-hyun", False, False, "Not quite"),
    ("  - . ", "Kim Soo-hyun", False, False, "Not quite"),
    ("Lee", "Lee Min-ho", False, False, "Not quite"),
    ("Min-ho", "Lee Min-ho", False, False, "Not quite"),
    ("Park", "Park Seo-jun", False, False, "Not quite"),
    ("Seo-joon", "Park Seo-jun", False, False, "Not quite"),
    ("Hyun", "Hyun Bin", False, False, "Not quite"),
    ("Bin", "Hyun Bin", False, False, "Not quite"),
    ("Gianna", "Jun Ji-hyun", False, False, "Not quite"),
    ("Ji-hyun", "Jun Ji-hyun", False, False, "Not quite"),
    # Another Korean name, however few letters it changes: never a typo.
    ("Lee Min-hoo", "Lee Min-ho", False, False, "That reads as 이민후, not 이민호"),
    ("Lee Min-jung", "Lee Min-ho", False, False, "That reads as 이민정, not 이민호"),
    ("Son Ye-jun", "Son Ye-jin", False, False, "That reads as 손예준, not 손예진"),
    ("손예준", "Son Ye-jin", False, False, "That reads as 손예준, not 손예진"),
    ("Song Hye-kyo", "Song Joong-ki", False, False, "That reads as 송혜교, not 송중기"),
]

BUNDLED_CASES = [
    ("Kim Soo-hyun", "Kim Soo-hyun", True, True, ""),
    ("Su-hyeon Kim", "Kim Soo-hyun", True, True, ""),
    ("Kim Jung-hyun", "Kim Soo-hyun", False, False, "That is Kim Jung-hyun, not Kim Soo-hyun"),
    ("Kim Jeong-hyeon", "Kim Jung-hyun", True, True, ""),
    ("Gianna Jun", "Jun Ji-hyun", True, True, ""),
    ("Jeon Ji-hyun", "Jun Ji-hyun", True, True, ""),
    ("Seo Ye-ji", "Seo Yea-ji", True, True, ""),
    ("Go Seong-hui", "Ko Sung-hee", True, True, ""),
    ("Go Sung-hi", "Ko Sung-hee", True, True, ""),
    ("Yun Hyeon-min", "Yoon Hyun-min", True, True, ""),
    ("An Jae-hyeon", "Ahn Jae-hyun", True, True, ""),
    ("Park Joo-hyun", "Park Ju-hyun", True, True, ""),
    ("Lee Da-hee", "Lee Da-hee", True, True, ""),
    ("Kim Dong-hee", "Kim Da-mi", False, False, "That is Kim Dong-hee, not Kim Da-mi"),
    ("Kim", "Kim Da-mi", False, False, "Not quite — it is Kim Da-mi"),
    ("Hyun Vin", "Hyun Bin", True, False, f"{CLOSE} Hyun Bin"),
]


@pytest.mark.parametrize(("typed", "actor", "accepted", "exact", "message"), BUILT_CASES)
def test_built_deck(built, typed, actor, accepted, exact, message):
    verdict = built.judge(typed, actor)
    assert (verdict.accepted, verdict.exact) == (accepted, exact), verdict
    assert verdict.expected == actor
    assert message in verdict.message
    assert (verdict.message == "") == exact
    assert built.check(typed, actor) is accepted


@pytest.mark.parametrize(("typed", "actor", "accepted", "exact", "message"), BUNDLED_CASES)
def test_bundled_deck(bundled, typed, actor, accepted, exact, message):
    verdict = bundled.judge(typed, actor)
    assert (verdict.accepted, verdict.exact) == (accepted, exact), verdict
    assert message in verdict.message


def test_every_spelling_in_the_bundled_deck_is_accepted_for_its_actor(bundled):
    for _, _, person in load_deck(default_deck()).people():
        for spelling in (person.actor, *person.actor_aliases, person.actor_hangul):
            if spelling:
                assert bundled.judge(spelling, person.actor).exact, spelling


def test_variants_are_generated_from_the_hangul(built):
    variants = built.variants("Kim Soo-hyun")
    for spelling in ("kimsoohyun", "kimsuhyeon", "gimsuhyun", "soohyunkim", "김수현"):
        assert spelling in variants
    assert "kimjunghyun" not in variants
    assert built.variants("Hyun Bin") >= {"hyunbin", "hyeonbin", "binhyun"}


def test_an_unknown_actor_is_an_error(built):
    with pytest.raises(KeyError):
        built.judge("Kim Soo-hyun", "Nobody At-all")


def test_names_without_hangul_still_match_their_written_spellings():
    matcher = NameMatcher({"Gianna Jun": [], "Rain": ["Bi"]})
    assert matcher.judge("gianna jun", "Gianna Jun").exact
    assert matcher.judge("Jun Gianna", "Gianna Jun").exact
    assert matcher.judge("Giana Jun", "Gianna Jun").accepted
    assert matcher.check("Bi", "Rain")
    assert not matcher.check("Rai", "Rain")


def test_normalise_drops_accents_case_and_punctuation():
    assert normalise("Kim Soo-hyun") == normalise("kim soohyun") == "kimsoohyun"
    assert normalise("Chloë O'Brien.") == "chloeobrien"
    assert normalise("ＫＩＭ") == "kim"  # full-width letters from an IME
    assert normalise("김 수현") == "김수현"


def test_split_hangul_knows_compound_surnames():
    assert split_hangul("김수현") == ("김", "수현")
    assert split_hangul("남궁민") == ("남궁", "민")
    assert split_hangul("현빈") == ("현", "빈")
    assert split_hangul("Kim") is None
    assert split_hangul("니콜라스 케이지") is None  # not a Korean name's shape


# --- Properties: a reference judge that compares against every spelling of every actor. ---

SURNAMES = list("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허남심노하곽성차주우구진")
SYLLABLES = list(
    "민지서현우진수하준나라빈호도연혜동성가태린미규찬경소희재보원유훈식문기다은영석화정"
)
hangul_name = st.tuples(
    st.sampled_from(SURNAMES),
    st.lists(
        st.one_of(st.sampled_from(SYLLABLES), st.integers(0xAC00, 0xD7A3).map(chr)),
        min_size=1,
        max_size=3,
    ),
).map(lambda parts: parts[0] + "".join(parts[1]))


def random_matcher(names: list[str]) -> NameMatcher:
    return NameMatcher({f"Actor {n}": [name] for n, name in enumerate(names)})


def random_oracle(names: list[str]) -> tuple[NameMatcher, Oracle]:
    matcher = random_matcher(names)
    return matcher, Oracle(matcher, {f"Actor {n}": name for n, name in enumerate(names)})


@settings(max_examples=60, deadline=None)
@given(st.lists(hangul_name, min_size=2, max_size=5, unique=True))
def test_no_actor_is_accepted_under_another_actors_spelling(names):
    matcher = random_matcher(names)
    actors = [f"Actor {n}" for n in range(len(names))]
    variants = {actor: matcher.variants(actor) for actor in actors}
    for actor in actors:
        for other in actors:
            if other == actor:
                continue
            for spelling in variants[other] - variants[actor]:
                assert not matcher.check(spelling, actor), (spelling, other, actor)
        shared = set().union(*(variants[o] for o in actors if o != actor))
        for spelling in variants[actor] - shared:
            assert matcher.judge(spelling, actor).exact, (spelling, actor)


def mangle(text: str, rng: random.Random) -> str:
    """One or two random slips: a letter replaced, added or dropped."""
    for _ in range(rng.choice((1, 2))):
        i = rng.randrange(len(text) + 1)
        letter = rng.choice("abcdeghijklmnoprstuwy")
        text = rng.choice(
            (
                text[:i] + letter + text[i + 1 :],
                text[:i] + letter + text[i:],
                text[:i] + text[i + 1 :],
            )
        )
    return text


@settings(max_examples=60, deadline=None)
@given(st.lists(hangul_name, min_size=2, max_size=5, unique=True), st.randoms())
def test_near_misses_are_judged_like_a_brute_force_comparison(names, rng):
    matcher, oracle = random_oracle(names)
    actors = sorted(oracle.hangul)
    for _ in range(20):
        typed = mangle(rng.choice(oracle.spellings), rng)
        if normalise(typed) in oracle.owners or not typed:
            continue
        actor = rng.choice(actors)
        assert matcher.check(typed, actor) == oracle.accepts(typed, actor), (typed, actor)


def test_near_misses_in_a_crowded_deck_match_a_brute_force_comparison():
    """Hundreds of actors drawn from a few syllables, so many names are a slip apart."""
    rng = random.Random(7)
    names = sorted(
        {
            rng.choice(SURNAMES[:8]) + "".join(rng.choice(SYLLABLES[:12]) for _ in range(2))
            for _ in range(400)
        }
    )
    matcher, oracle = random_oracle(names)
    outcomes = dict.fromkeys(
        ("accepted", "a rival is as close", "too far", "reads as a name", "fragment"), 0
    )
    while sum(outcomes.values()) < 200:
        source = rng.choice(oracle.spellings)
        typed = mangle(source, rng)
        if normalise(typed) in oracle.owners or not typed:
            continue
        # Half the time judge it against the actor whose spelling was mangled.
        owners = oracle.owners[source]
        actor = rng.choice(owners) if rng.random() < 0.5 else rng.choice(sorted(oracle.hangul))
        outcome = oracle.outcome(typed, actor)
        assert matcher.check(typed, actor) == (outcome == "accepted"), (typed, actor, outcome)
        outcomes[outcome] += 1
    # Every branch of the rule was exercised (fragments rarely come from one or two slips).
    assert all(count for outcome, count in outcomes.items() if outcome != "fragment"), outcomes
