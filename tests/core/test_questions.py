"""Questions from the bundled deck: the facts a player would check are right."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.deck import Couple, Deck, Drama, Person, load_deck
from game.core.questions import (
    DIFFICULTIES,
    HARD_ONLY_KINDS,
    KINDS,
    Question,
    QuestionBag,
    _key,
    _keys,
    count_questions,
    make_round,
)
from game.paths import default_deck

ROOT = Path(__file__).resolve().parents[2]
SEEDS = range(8)


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(default_deck())


def whole_pool(
    deck: Deck,
    kind: str,
    seed: int = 0,
    difficulty: str = "normal",
    hidden: frozenset[str] = frozenset(),
) -> dict[str, Question]:
    """Every question of one kind the bag can ask, by prompt."""
    bag = QuestionBag(deck, seed=seed, kinds=[kind], difficulty=difficulty, hidden_dramas=hidden)
    return {q.prompt: q for q in bag.draw(bag.pool_size)}


def every_variant(
    deck: Deck, kind: str, prompt: str, levels: tuple[str, ...] = DIFFICULTIES
) -> list[Question]:
    """The same question as dealt under every difficulty (or those given) and several seeds."""
    found = [
        whole_pool(deck, kind, seed, difficulty)[prompt] for difficulty in levels for seed in SEEDS
    ]
    assert found
    return found


def genders_of(deck: Deck, field: str) -> dict[str, str]:
    return {getattr(p, field): p.gender for _, _, p in deck.people()}


def test_every_kind_is_asked_with_four_options(deck: Deck) -> None:
    for kind in KINDS:
        level = "hard" if kind in HARD_ONLY_KINDS else "normal"
        questions = make_round(deck, 5, seed=1, kinds=[kind], difficulty=level)
        assert len(questions) == 5
        for q in questions:
            assert q.kind == kind
            assert len(q.options) == 4
            assert q.correct == q.options[q.answer]


def test_pool_has_one_question_per_distinct_prompt(deck: Deck) -> None:
    people = list(deck.people())
    couples = list(deck.couples())
    roles = {(d.id, p.actor) for d, _, p in people}
    # Yoo In-na is the only Yoo among the actresses and Yoo Se-mi the only Yoo among the
    # women: "Who plays Yoo Se-mi?" and "Whom does Yoo In-na play?" would give themselves away.
    assert count_questions(deck, ["actor"]) == len(people) - 1
    # Three actors play two characters in one drama: one "Whom does ... play" question each.
    assert count_questions(deck, ["character"]) == len(roles) - 1 == len(people) - 4
    # "Which drama are Han So-yeon and Holo from?" would name My Holo Love in the prompt.
    assert count_questions(deck, ["drama"]) == len(couples) - 1
    assert count_questions(deck, ["obstacle"]) == len(couples)
    # Extra characters have no partner of their own to be asked about, and only Oh Ji-soo's
    # crush on Bae Gyu-ri is documented: "Who falls for Oh Ji-soo?" is not asked.
    assert count_questions(deck, ["partner"]) == 2 * len(couples) - 1
    assert count_questions(deck, ["description"]) == len(people)
    assert (
        count_questions(deck)
        == QuestionBag(deck).pool_size
        == sum(count_questions(deck, [kind]) for kind in KINDS)
    )


def test_who_plays_moon_gang_tae(deck: Deck) -> None:
    male = genders_of(deck, "actor")
    for q in every_variant(deck, "actor", "Who plays Moon Gang-tae in It's Okay to Not Be Okay?"):
        assert q.correct == "Kim Soo-hyun"
        assert {male[o] for o in q.options} == {"male"}
        assert "Kim Su-hyeon" not in q.options
        assert q.to_json()["subject"] == {
            "drama": "its-okay-to-not-be-okay",
            "couple": "mun-yeong-and-gang-tae",
            "character": "Moon Gang-tae",
        }
        assert "Kim Soo-hyun plays Moon Gang-tae, a psychiatric-ward carer" in q.explanation
        assert "It's Okay to Not Be Okay (2020)" in q.explanation


def test_character_question_names_the_drama(deck: Deck) -> None:
    pool = whole_pool(deck, "character")
    asked = {p: q.correct for p, q in pool.items() if "Kim Soo-hyun" in p}
    assert asked == {
        "Whom does Kim Soo-hyun play in It's Okay to Not Be Okay?": "Moon Gang-tae",
        "Whom does Kim Soo-hyun play in My Love from the Star?": "Do Min-joon",
    }


def test_one_actor_two_roles_never_both_offered(deck: Deck) -> None:
    # "in My Holo Love" would name Holo, and Yoon Hyun-min is in no other drama of the deck.
    for q in every_variant(deck, "character", "Whom does Yoon Hyun-min play?"):
        roles = {"Holo", "Go Nan-do"} & set(q.options)
        assert roles == {q.correct}
        assert "also plays" in q.explanation
    for name in ("Holo", "Go Nan-do"):
        # Easy asks about the main couples only: Go Nan-do comes up from normal on.
        levels = DIFFICULTIES if name == "Holo" else ("normal", "hard")
        for q in every_variant(deck, "actor", f"Who plays {name} in My Holo Love?", levels):
            assert q.correct == "Yoon Hyun-min"


def test_partner_question_never_offers_a_rival_in_love(deck: Deck) -> None:
    # Go Nan-do also loves Han So-yeon: a fan could defend him, so he is never offered.
    # "in My Holo Love" would name the answer; Han So-yeon is in no other drama.
    for q in every_variant(deck, "partner", "Who falls for Han So-yeon?"):
        assert q.correct == "Holo"
        assert "Go Nan-do" not in q.options
        assert "Han So-yeon" not in q.options
    for q in every_variant(deck, "partner", "Who falls for Holo in My Holo Love?"):
        assert q.correct == "Han So-yeon"


def test_description_question(deck: Deck) -> None:
    gender = genders_of(deck, "character")
    prompt = "Which character is a reserved lecturer who landed on Earth four hundred years ago?"
    for q in every_variant(deck, "description", prompt):
        assert q.correct == "Do Min-joon"
        assert {gender[o] for o in q.options} == {"male"}
        assert q.subject.character == "Do Min-joon"


def test_drama_and_obstacle_questions(deck: Deck) -> None:
    titles = {d.title for d in deck.dramas}
    obstacles = {c.obstacle for _, c in deck.couples()}
    for q in whole_pool(deck, "drama").values():
        assert set(q.options) <= titles
        assert q.subject.character is None
    q = whole_pool(deck, "drama")["Which drama are Yoon Se-ri and Ri Jeong-hyeok from?"]
    assert q.correct == "Crash Landing on You"
    assert "paragliding accident" in q.explanation  # the couple's story
    for q in whole_pool(deck, "obstacle").values():
        assert set(q.options) <= obstacles
        assert q.subject.character is None
    q = whole_pool(deck, "obstacle")["What stands between Seo Dan and Gu Seung-jun?"]
    assert q.correct == "His past as a conman on the run"
    assert q.subject.couple == "seo-dan-and-seung-jun"


def test_hard_prefers_the_same_drama_and_easy_avoids_it(deck: Deck) -> None:
    prompt = "Who plays Yoon Se-ri in Crash Landing on You?"
    for seed in SEEDS:
        hard = whole_pool(deck, "actor", seed, "hard")[prompt]
        easy = whole_pool(deck, "actor", seed, "easy")[prompt]
        assert "Seo Ji-hye" in hard.options  # the other woman in Crash Landing on You
        assert "Seo Ji-hye" not in easy.options
        assert "Jun Ji-hyun" in easy.options  # 2013: the furthest year from 2019


def test_to_json_shape(deck: Deck) -> None:
    for q in make_round(deck, 30, seed=4):
        data = q.to_json()
        assert list(data) == ["kind", "prompt", "options", "answer", "explanation", "subject"]
        assert isinstance(data["options"], list)
        assert data["options"][data["answer"]] == q.correct
        assert list(data["subject"]) == ["drama", "couple", "character"]
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_same_seed_same_round_and_different_seeds_differ(deck: Deck) -> None:
    first = make_round(deck, 20, seed=7)
    assert make_round(deck, 20, seed=7) == first
    assert make_round(deck, 20, seed=8) != first
    assert make_round(deck, 20, seed=7, difficulty="hard") != first


def test_round_does_not_depend_on_string_hashing() -> None:
    script = (
        "import json; from game.core.deck import load_deck; from game.paths import "
        "default_deck; from game.core.questions import make_round; print(json.dumps("
        "[q.to_json() for q in make_round(load_deck(default_deck()), 30, seed=3)]))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        ).stdout
        for hash_seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_answer_positions_are_spread_evenly(deck: Deck) -> None:
    questions = QuestionBag(deck, seed=11).draw(400)
    assert len(questions) == 400
    counts = Counter(q.answer for q in questions if len(q.options) == 4)
    assert sum(counts.values()) == 400
    # Drawn afresh each time: about 100 each, well inside four standard deviations.
    assert all(65 <= counts[slot] <= 135 for slot in range(4)), counts


def test_bag_never_repeats_until_the_pool_is_used_up(deck: Deck) -> None:
    bag = QuestionBag(deck, seed=5)
    size = bag.pool_size
    first = [(q.kind, q.prompt) for q in bag.draw(size)]
    second = [(q.kind, q.prompt) for q in bag.draw(size)]
    assert len(set(first)) == len(first) == size
    assert set(second) == set(first)
    assert first != second  # reshuffled, not replayed


def test_round_spreads_couples_apart(deck: Deck) -> None:
    for seed in SEEDS:
        questions = QuestionBag(deck, seed=seed).draw(150)
        about = [q.subject.couple or q.subject.character for q in questions]
        assert all(a != b for a, b in pairwise(about))
        # 9 couples and Go Nan-do: a round of 10 visits each once.
        assert len(set(about[:10])) == 10


def test_hidden_dramas_keep_their_secrets(deck: Deck) -> None:
    hidden_id = "crash-landing-on-you"
    drama = next(d for d in deck.dramas if d.id == hidden_id)
    secrets = [c.obstacle for c in drama.couples] + [c.story for c in drama.couples if c.story]
    stories = {c.story for d, c in deck.couples() if d.id != hidden_id and c.story}
    told: set[str] = set()
    for difficulty in DIFFICULTIES:
        bag = QuestionBag(deck, seed=2, difficulty=difficulty, hidden_dramas=frozenset({hidden_id}))
        for q in bag.draw(bag.pool_size):
            assert not (q.kind == "obstacle" and q.subject.drama == hidden_id)
            assert not set(q.options) & set(secrets)
            assert not any(secret in q.explanation for secret in secrets)
            told.update(story for story in stories if story in q.explanation)
    assert told == stories  # every other drama still tells its story
    plain = count_questions(deck, ["obstacle"])
    hidden_bag = QuestionBag(deck, kinds=["obstacle"], hidden_dramas=frozenset({hidden_id}))
    assert hidden_bag.pool_size == plain - len(drama.couples)


@pytest.mark.parametrize("bad", [{"kinds": ["actress"]}, {"kinds": []}, {"difficulty": "brutal"}])
def test_unknown_choices_raise_value_error(deck: Deck, bad: dict) -> None:
    with pytest.raises(ValueError, match="choose from"):
        make_round(deck, 3, **bad)
    with pytest.raises(ValueError, match=r"actress|brutal|no question kinds"):
        QuestionBag(deck, **bad)


def test_negative_count_raises(deck: Deck) -> None:
    with pytest.raises(ValueError):
        make_round(deck, -1)


def _tiny(gender_a: str | None, gender_b: str | None) -> Deck:
    couple = Couple(
        "a-and-b",
        "Fate",
        (
            Person("Ann", "Actor A", "a baker", gender=gender_a),
            Person("Ben", "Actor B", "a pilot", gender=gender_b),
        ),
    )
    return Deck("tiny", (Drama("one", "One", (couple,), year=2020),))


def test_deck_with_nothing_to_ask_gives_an_empty_round() -> None:
    # Two people of different genders leave no plausible distractor for anything.
    assert make_round(_tiny("female", "male"), 10, seed=1) == []
    assert QuestionBag(_tiny("female", "male")).pool_size == 0
    assert make_round(Deck("empty", ()), 5) == []


def test_tiny_deck_degrades_to_two_options() -> None:
    questions = make_round(_tiny(None, None), 20, seed=1)
    assert questions
    assert {q.kind for q in questions} == {"actor", "character", "description"}
    for q in questions:
        assert len(q.options) == 2
    # Ann's only possible partner question would offer Ann herself.
    assert count_questions(_tiny(None, None), ["partner"]) == 0


@pytest.mark.parametrize("kind", KINDS)
def test_one_kind_deals_its_whole_pool_once_per_cycle(deck: Deck, kind: str) -> None:
    # A single kind leaves some couples with nothing to ask (and hides one drama's obstacles):
    # those are passed over, never dealt twice or counted.
    hidden = frozenset({"crash-landing-on-you"})
    level = "hard" if kind in HARD_ONLY_KINDS else "normal"
    bag = QuestionBag(deck, seed=3, kinds=[kind], hidden_dramas=hidden, difficulty=level)
    opening = [(q.kind, q.prompt) for q in bag.draw(3)]  # before the pool is counted
    size = bag.pool_size
    assert (
        size
        == QuestionBag(deck, kinds=[kind], hidden_dramas=hidden, difficulty=level).pool_size
        > 3
    )
    first = opening + [(q.kind, q.prompt) for q in bag.draw(size - 3)]
    assert len(set(first)) == len(first) == size
    assert {(q.kind, q.prompt) for q in bag.draw(size)} == set(first)


NAME_PARTS = [
    "Kim",
    "kim",
    "Se-ri",
    "SERI",
    "Ri",
    "ß",
    "SS",
    "김",
    "ﬁ",
    "\0",
    "\x1c",
    "\t",
    " ",
    "-",
    "'",
    "_",
    ".",
    "1",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(NAME_PARTS), max_size=5).map("".join), max_size=6))
def test_names_folded_in_bulk_match_one_at_a_time(texts: list[str]) -> None:
    # A big deck folds every name in one go; spacing, case, odd whitespace, the joiner and
    # non-ASCII letters must come out exactly as folding each name alone does.
    assert _keys(texts) == [_key(text) for text in texts]
