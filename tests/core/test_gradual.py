"""Indexes built a slice at a time judge and choose exactly as indexes built in one go."""

from __future__ import annotations

import random

from game.core.gradual import Gradual, run
from game.core.names import NameMatcher, actor_spellings_in_steps
from game.core.practice import cards_from_deck
from game.core.practice_answers import (
    ACTOR_NAMES,
    CHARACTER_NAMES,
    CHOOSER,
    Answers,
    ChoiceMaker,
    character_spellings,
)
from game.core.synthetic import synthetic_deck


def counting(steps: int, log: list[int]):
    for step in range(steps):
        log.append(step)
        yield
    return "built"


def test_advance_runs_at_least_one_step_and_stops_when_the_time_is_spent():
    log: list[int] = []
    work = Gradual(counting(5, log))
    assert not work.done and log == []  # nothing runs until asked
    assert work.advance(0.0) is False
    assert log == [0]
    assert work.result() == "built"
    assert work.done and log == [0, 1, 2, 3, 4]
    assert work.advance(0.0) is True  # done stays done
    assert run(counting(2, [])) == "built"


def test_a_big_deck_s_name_index_is_built_in_many_small_slices():
    deck = synthetic_deck(400, seed=3)
    build = NameMatcher.gradually(actor_spellings_in_steps(deck))
    slices = 1
    while not build.advance(0.0):
        slices += 1
    assert slices >= 20  # about a hundred names a slice


def typed_answers(deck, direction: str) -> list[tuple[str, str]]:
    """The answer itself, a slip, a Hangul spelling, another card's answer, a fragment."""
    cards = cards_from_deck(deck, (direction,))[:60]
    rng = random.Random(5)
    typed = []
    for card in cards:
        answer = card.answer
        other = rng.choice(cards).answer
        typed += [
            (answer, answer),
            (answer[:-1] + "x", answer),
            (other, answer),
            (answer.split()[0], answer),
            (answer.lower().replace("-", ""), answer),
        ]
    return typed


def test_gradual_and_direct_indexes_agree_on_every_judgement_and_choice():
    deck = synthetic_deck(120, seed=4)
    direct_actors = NameMatcher.from_deck(deck)
    direct_characters = NameMatcher(character_spellings(deck))
    answers = Answers(deck)
    for index in (ACTOR_NAMES, CHARACTER_NAMES, CHOOSER):
        while not answers.warm(index, 0.0):
            pass
        assert answers.ready(index)
    for typed, actor in typed_answers(deck, "actor"):
        assert answers.actor_names.judge(typed, actor) == direct_actors.judge(typed, actor)
    for typed, character in typed_answers(deck, "character"):
        assert answers.character_names.judge(typed, character) == direct_characters.judge(
            typed, character
        )
    direct_chooser = ChoiceMaker(deck)
    for card in cards_from_deck(deck, ("actor", "character")):
        assert answers.choices(card, random.Random(card.id)) == direct_chooser.choices(
            card, random.Random(card.id)
        )
