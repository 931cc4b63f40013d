"""Practice answers: four options with exactly one right, and typed names in both directions."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from game import paths
from game.core.deck import Couple, Deck, Drama, Person, load_deck
from game.core.names import normalise
from game.core.practice import cards_from_deck
from game.core.practice_answers import Answers, ChoiceMaker
from game.core.synthetic import synthetic_deck

DECK = load_deck(paths.default_deck())


def spellings(person: Person, direction: str) -> set[str]:
    if direction == "actor":
        names = [person.actor, *person.actor_aliases, person.actor_hangul]
    else:
        names = [person.character, *person.aliases, person.hangul]
    return {normalise(name) for name in names if name}


def check_choices(deck: Deck, seed: int, *, four: bool) -> None:
    """Every card of the deck: one right option, no other option that answers the card too,
    no two options that are one name, never the other gender; four options if `four`."""
    maker = ChoiceMaker(deck)
    rng = random.Random(seed)
    people = [(drama.id, person) for drama, _, person in deck.people()]
    everyone: dict[str, dict[str, set[Person]]] = {"actor": {}, "character": {}}
    for direction, found in everyone.items():
        for _, person in people:
            for spelling in spellings(person, direction):
                found.setdefault(spelling, set()).add(person)
    for card in cards_from_deck(deck, ("actor", "character")):
        choices = maker.choices(card, rng)
        assert choices.correct == card.answer
        assert len(choices.options) == 4 if four else 1 <= len(choices.options) <= 4
        if card.direction == "actor":
            right = [p for d, p in people if d == card.drama_id and p.character == card.character]
        else:
            right = [p for d, p in people if d == card.drama_id and p.actor == card.actor]
        right_keys = set().union(*(spellings(p, card.direction) for p in right))
        others = [o for i, o in enumerate(choices.options) if i != choices.answer]
        assert not {normalise(o) for o in others} & right_keys, (card.id, choices.options)
        classes = [frozenset(everyone[card.direction][normalise(o)]) for o in choices.options]
        for i, a in enumerate(classes):
            for b in classes[i + 1:]:
                assert not a & b, choices.options  # two spellings of one name
        if card.gender:
            field = "actor" if card.direction == "actor" else "character"
            for option in others:
                genders = {p.gender for _, p in people if getattr(p, field) == option}
                assert card.gender in genders or None in genders or len(genders) > 1


def test_default_deck_choices_have_one_right_option_of_the_same_gender():
    check_choices(DECK, seed=1, four=True)
    maker = ChoiceMaker(DECK)
    holo = next(c for c in cards_from_deck(DECK, ("character",)) if c.character == "Holo")
    for seed in range(30):  # Yoon Hyun-min also plays Go Nan-do in the same drama
        assert "Go Nan-do" not in maker.choices(holo, random.Random(seed)).options


@settings(max_examples=12, deadline=None)
@given(couples=st.integers(1, 40), deck_seed=st.integers(0, 10_000), seed=st.integers(0, 99))
def test_synthetic_deck_choices_have_one_right_option(couples, deck_seed, seed):
    """Fewer than four options only in a deck too small to have four names of a gender."""
    check_choices(synthetic_deck(couples, seed=deck_seed), seed, four=couples >= 8)


def person(character, actor, gender, *, aliases=(), actor_aliases=(), hangul=None):
    return Person(character=character, actor=actor, description=f"{character}, played by {actor}",
                  aliases=tuple(aliases), actor_aliases=tuple(actor_aliases), hangul=hangul,
                  gender=gender)


def test_a_role_played_by_two_actors_never_offers_the_other_one():
    young = person("Han Yu-ri", "Park Min-ji", "female")
    older = person("Han Yu-ri", "Choi Ah-ra", "female")
    drama = Drama(id="d", title="D", couples=(Couple("c", "x", (older, person(
        "Kang Do", "Lee Jun", "male"))),), characters=(young,))
    others = Drama(id="e", title="E", couples=tuple(
        Couple(f"c{i}", "x", (person(f"Woman {i}", f"Actress {i}", "female"),
                              person(f"Man {i}", f"Actor {i}", "male")))
        for i in range(4)))
    deck = Deck(title="T", dramas=(drama, others))
    card = next(c for c in cards_from_deck(deck) if c.actor == "Choi Ah-ra")
    maker = ChoiceMaker(deck)
    for seed in range(40):
        options = maker.choices(card, random.Random(seed)).options
        assert "Park Min-ji" not in options and len(options) == 4
        assert not {"Lee Jun", "Actor 0"} & set(options)  # never a man for a woman's role


def test_an_actor_spelt_two_ways_is_never_offered_against_themself():
    a = person("Role A", "Seo Yea-ji", "female", actor_aliases=["Seo Ye-ji"])
    b = person("Role B", "Seo Ye-ji", "female")
    c = person("Role C", "Kim Go-eun", "female")
    males = [person(f"Man {i}", f"Actor {i}", "male") for i in range(3)]
    deck = Deck(title="T", dramas=(
        Drama(id="a", title="A", couples=(Couple("a", "x", (a, males[0])),)),
        Drama(id="b", title="B", couples=(Couple("b", "x", (b, males[1])),)),
        Drama(id="c", title="C", couples=(Couple("c", "x", (c, males[2])),)),
    ))
    card = next(c for c in cards_from_deck(deck) if c.character == "Role B")
    for seed in range(20):
        options = ChoiceMaker(deck).choices(card, random.Random(seed)).options
        assert sorted(options) == ["Kim Go-eun", "Seo Ye-ji"]  # too few women for four


def test_typed_answers_are_judged_by_the_kind_of_name_asked_for():
    answers = Answers(DECK)
    actor_card = next(c for c in cards_from_deck(DECK) if c.character == "Moon Gang-tae")
    role_card = next(c for c in cards_from_deck(DECK, ("character",))
                     if c.character == "Moon Gang-tae")
    assert answers.judge(actor_card, "Kim Su-hyeon").exact
    assert not answers.judge(actor_card, "Moon Gang-tae").accepted
    assert answers.judge(role_card, "Mun Gang-tae").exact  # a romanisation the deck never lists
    assert answers.judge(role_card, "문강태").exact
    close = answers.judge(role_card, "Moon Gang-te")
    assert close.accepted and not close.exact
    assert close.message == "close — it is spelled Moon Gang-tae"
    assert not answers.judge(role_card, "Ko Mun-yeong").accepted
