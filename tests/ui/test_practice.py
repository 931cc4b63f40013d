"""Actor-name practice played headless: typing (and a Korean IME), easy mode, FSRS, files."""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta

import pygame
import pytest

from game.core.names import NameMatcher
from game.core.practice import (
    Card,
    CardState,
    Progress,
    cards_from_deck,
    due_today,
    is_due_today,
    progress_json,
)
from game.core.practice_answers import ACTOR_NAMES
from game.core.scheduler import Rating, utc_now
from game.core.stats import mastery_from_json
from game.core.store import Store
from game.ui.events import click, editing, key, text
from game.ui.scenes.practice import PracticeScene
from tests.ui.helpers import assert_text_inside, bundled_deck, drawn_texts, make_app

NOW = utc_now()


@pytest.fixture
def app(user_home):
    created = make_app(user_home)
    yield created
    pygame.quit()


def card_for(actor: str, direction: str = "actor") -> Card:
    return next(c for c in cards_from_deck(bundled_deck(), (direction,)) if c.actor == actor)


def seed_progress(home, states: dict[str, CardState]) -> None:
    store = Store(home)
    for card_id, data in Progress(states).to_json()["cards"].items():
        store.save_review(card_id, data, states[card_id].due)
    store.close()


def review_state(days: float, due: datetime, seen: int = 2) -> CardState:
    """A card under review, remembered for `days` (its stability), due at `due`."""
    return CardState("review", due, float(days), 5.0, None, due - timedelta(days=days), seen,
                     seen)


def first_up(home, card: Card, days: float = 2) -> None:
    """Make `card` the only card due (an overdue one comes before every new card)."""
    seed_progress(home, {card.id: review_state(days, NOW - timedelta(days=3))})


def saved_progress(home) -> Progress:
    store = Store(home)
    progress, problems = Progress.from_json(progress_json(store.practice_states()))
    assert store.warnings == []
    assert problems == []
    return progress


def open_practice(app) -> PracticeScene:
    app.step([key(pygame.K_3)], 0.05)
    scene = app.scene
    assert scene.name == "practice"
    return scene


def type_in(app, typed: str) -> None:
    """Type the way SDL delivers it: a TEXTINPUT per character, then Enter."""
    app.step([*(text(ch) for ch in typed), key(pygame.K_RETURN)], 0.05)


def placed_texts(app) -> list[str]:
    return [placed.text for placed in app.ctx.text.placed]


def test_a_quick_right_answer_is_rated_easy_pushes_the_card_out_and_is_saved(app, user_home):
    card = card_for("Kim Soo-hyun")
    first_up(user_home, card, days=2)
    scene = open_practice(app)
    assert scene.card == card
    type_in(app, "Kim Soo-hyun")
    assert scene.outcome is not None and scene.outcome.correct
    assert scene.outcome.headline == "✓ Right"
    assert any("✓ Right" in t for t in placed_texts(app))
    assert scene.outcome.rating == Rating.EASY
    saved = saved_progress(user_home).state(card.id)
    assert saved is not None and saved.phase == "review" and saved.stability > 2
    assert saved.due > utc_now() + timedelta(days=2) and (saved.seen, saved.correct) == (3, 3)
    assert any("Rated Easy" in t for t in placed_texts(app))
    assert (scene.reviewed, scene.right) == (1, 1)
    assert "Reviewed 1 · Right 1" in placed_texts(app)


def test_a_typo_is_accepted_and_the_right_spelling_shown(app, user_home):
    card = card_for("Kim Soo-hyun")
    first_up(user_home, card)
    scene = open_practice(app)
    type_in(app, "Kim Soo-hyum")
    assert scene.outcome.correct
    assert scene.outcome.headline == "✓ Close — it is spelled Kim Soo-hyun"
    assert scene.outcome.rating == Rating.HARD  # right, but only with a forgiven typo
    assert saved_progress(user_home).state(card.id).correct == 3


def test_another_actors_name_is_rejected_and_the_card_returns_after_a_few_others(app,
                                                                               user_home):
    card = card_for("Kim Soo-hyun")
    first_up(user_home, card, days=8)
    scene = open_practice(app)
    type_in(app, "Hyun Bin")
    outcome = scene.outcome
    assert not outcome.correct
    assert outcome.headline == "× Not quite — it is Kim Soo-hyun · 김수현"
    assert outcome.detail == "That is Hyun Bin, not Kim Soo-hyun"
    saved = saved_progress(user_home).state(card.id)
    assert saved.phase == "relearning" and is_due_today(saved, utc_now())
    others = []
    for _ in range(3):
        app.step([key(pygame.K_RETURN)], 0.05)
        assert scene.card != card
        others.append(scene.card.id)
        type_in(app, scene.card.answer)
        assert scene.outcome.correct
    app.step([key(pygame.K_RETURN)], 0.05)
    assert len(set(others)) == 3
    assert scene.card == card


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
@pytest.mark.parametrize("large", [False, True])
def test_a_name_that_reads_as_someone_elses_is_wrong_and_says_whose(user_home, size, large):
    app = make_app(user_home, size=size)
    if large:
        app.ctx.save_settings(app.ctx.settings.with_value("text_size", "large"))
    card = card_for("Son Ye-jin")
    first_up(user_home, card)
    scene = open_practice(app)
    type_in(app, "Son Ye-jun")  # one letter from Son Ye-jin, but another person's name
    assert not scene.outcome.correct
    assert scene.outcome.headline == "× Not quite — it is Son Ye-jin · 손예진"
    assert scene.outcome.detail == "That reads as 손예준, not 손예진"
    assert "That reads as 손예준, not 손예진" in " ".join(drawn_texts(app))
    assert_text_inside(app)
    pygame.quit()


def test_hangul_typed_through_an_ime_is_shown_while_composing_and_accepted(app, user_home):
    card = card_for("Kim Soo-hyun")
    first_up(user_home, card)
    scene = open_practice(app)
    app.step([editing("ㄱ"), editing("기"), editing("김"), text("김"), editing("ㅅ"),
              editing("수"), text("수"), editing("ㅎ"), editing("혀"), editing("현")], 0.05)
    assert scene.box.value == "김수" and scene.box.composing == "현"
    assert "김수현|" in placed_texts(app)  # the syllable being composed is on screen
    app.step([key(pygame.K_BACKSPACE)], 0.05)  # the IME is still composing: nothing deleted
    assert scene.box.value == "김수"
    app.step([text("현"), key(pygame.K_RETURN)], 0.05)
    assert scene.outcome.correct and scene.outcome.headline == "✓ Right"


def test_enter_while_the_ime_is_composing_submits_the_whole_name(app, user_home):
    card = card_for("Kim Soo-hyun")
    first_up(user_home, card)
    scene = open_practice(app)
    app.step([text("김수"), editing("현"), key(pygame.K_RETURN)], 0.05)
    assert scene.outcome.correct
    app.step([text("현")], 0.05)  # the IME's late commit must not leak into the next card
    app.step([key(pygame.K_RETURN)], 0.05)
    assert scene.box.value == ""


def test_easy_mode_offers_four_with_exactly_one_right_by_key_and_by_click(app):
    scene = open_practice(app)
    app.step([key(pygame.K_F2)], 0.05)
    assert scene.easy
    matcher = NameMatcher.from_deck(bundled_deck())
    genders = {p.actor: p.gender for _, _, p in bundled_deck().people()}
    keys = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)
    for how in ("key", "click", "wrong key"):
        card, choices = scene.card, scene.choices
        assert len(choices.options) == 4 and len(set(choices.options)) == 4
        assert [matcher.check(o, card.actor) for o in choices.options].count(True) == 1
        assert choices.options[choices.answer] == card.actor
        assert {genders[o] for o in choices.options} == {card.gender}
        if how == "key":
            app.step([key(keys[choices.answer])], 0.05)
        elif how == "click":
            button = next(b for b in scene.buttons if b.id == f"option{choices.answer}")
            app.step(click(button.rect.center), 0.05)
        else:
            app.step([key(keys[(choices.answer + 1) % 4])], 0.05)
        assert scene.outcome.correct == (how != "wrong key")
        app.step([key(pygame.K_RETURN)], 0.05)


def test_easy_mode_in_the_other_direction_never_offers_the_actors_other_role(app):
    scene = open_practice(app)
    app.step([key(pygame.K_F4), key(pygame.K_F2)], 0.05)
    assert scene.direction_name == "Actor → character"
    holo = next(c for c in scene.cards if c.answer == "Holo")
    for _ in range(30):
        choices = scene.answers.choices(holo, random.Random())
        assert "Go Nan-do" not in choices.options and choices.correct == "Holo"


def test_the_other_direction_accepts_a_typed_character_name(app):
    scene = open_practice(app)
    app.step([key(pygame.K_F4)], 0.05)
    card = scene.card
    assert card.direction == "character"
    assert any(t.startswith("WHOM DOES THIS ACTOR PLAY?") for t in placed_texts(app))
    type_in(app, card.character.lower())
    assert scene.outcome.correct


def test_mastery_view_counts_match_the_progress(user_home):
    app = make_app(user_home, size=(800, 600))
    scene = open_practice(app)
    type_in(app, scene.card.answer)
    app.step([key(pygame.K_RETURN)], 0.05)
    type_in(app, "Nobody At All")
    app.step([key(pygame.K_F3)], 0.05)
    mastery = app.scene
    assert mastery.name == "mastery"
    progress = saved_progress(user_home)
    cards = cards_from_deck(bundled_deck())
    due = due_today(progress, cards, utc_now())
    assert mastery.due_today == due == 1  # the missed card; the known one waits for days
    levels = Counter(state.level if state else 0 for state in map(progress.state, cards.ids))
    assert mastery.levels == levels and mastery.levels[0] == len(cards) - 2
    assert mastery.forecast[0] == due and sum(mastery.forecast) == 1
    assert any(t.startswith("Next 7 days: Today 1 · ") for t in placed_texts(app))
    summary = mastery_from_json(progress_json(Store(user_home).practice_states()),
                                bundled_deck(), utc_now())
    assert summary.due_today == due  # the statistics and `scores` count the same
    assert f"{len(cards)} cards · {due} due today · {len(cards) - 2} new" in placed_texts(app)
    assert_text_inside(app)
    assert len(mastery.rows) == len(cards)
    assert sum(row[2].endswith("new") for row in mastery.rows) == len(cards) - 2
    recalls = [row[3] for row in mastery.rows if row[3] != "–"]
    assert len(recalls) == 2 and all(r.endswith("%") for r in recalls)
    app.step([key(pygame.K_END)], 0.05)
    assert mastery.first_row > 0  # 800x600 cannot show every card at once
    assert mastery.rows[-1][0] in placed_texts(app)
    assert_text_inside(app)
    app.step([key(pygame.K_ESCAPE)], 0.05)
    assert app.scene is scene
    pygame.quit()


def test_a_corrupt_progress_file_is_reported_and_practice_still_works(app, user_home):
    user_home.mkdir(parents=True, exist_ok=True)
    (user_home / "practice.json").write_text("{not json", encoding="utf-8")
    app = make_app(user_home)  # the old file is read (and set aside) when the game starts
    assert any("practice.json was damaged" in w for w in app.ctx.warnings)
    assert any("practice.json was damaged" in t for t in placed_texts(app))
    assert list(user_home.glob("practice.json.corrupt-*"))
    scene = open_practice(app)
    card = scene.card
    type_in(app, card.answer)
    assert scene.outcome.correct
    assert saved_progress(user_home).state(card.id).seen == 1


def test_typing_m_in_the_answer_box_types_and_does_not_mute(app):
    scene = open_practice(app)
    assert not app.ctx.sound.muted
    app.step([key(pygame.K_m), text("m"), key(pygame.K_1), text("1")], 0.05)
    assert scene.box.value == "m1"
    assert not app.ctx.sound.muted
    assert scene.outcome is None  # "1" typed is text, not an easy-mode pick
    type_in(app, "x")
    app.step([key(pygame.K_m)], 0.05)  # out of the box, M is the mute key again
    assert app.ctx.sound.muted


def test_nothing_due_says_when_the_next_card_is_and_offers_extra_review(app, user_home):
    cards = cards_from_deck(bundled_deck())
    soon = NOW + timedelta(days=2)
    states = {c.id: review_state(5, NOW + timedelta(days=5)) for c in cards}
    states[cards[0].id] = review_state(2, soon)
    seed_progress(user_home, states)
    before = Store(user_home).practice_states()
    scene = open_practice(app)
    assert scene.card is None
    shown = placed_texts(app)
    assert "✓ Nothing due — done for today!" in shown
    assert any(f"The next 1 card is due in 2 days ({soon.strftime('%a %d %b')})" in t
               for t in shown)
    app.step([key(pygame.K_1)], 0.05)
    assert scene.extra and scene.card is not None
    assert any("Extra review" in t for t in placed_texts(app))
    type_in(app, scene.card.answer)
    assert scene.outcome.correct
    assert Store(user_home).practice_states() == before  # the schedule is untouched
    app.step([key(pygame.K_ESCAPE)], 0.05)
    assert app.scene.name == "title"


def test_a_known_card_waits_for_its_day(app, user_home):
    card = card_for("Kim Soo-hyun")
    first_up(user_home, card, days=1)
    scene = open_practice(app)
    type_in(app, card.answer)
    assert not is_due_today(scene.outcome.state, utc_now())
    seen = set()
    while scene.card is not None:
        app.step([key(pygame.K_RETURN)], 0.01)
        if scene.card is None:
            break
        seen.add(scene.card.id)
        type_in(app, scene.card.answer)
    assert card.id not in seen and len(seen) == len(scene.cards) - 1


def test_autoplay_practises_by_typing(app, user_home):
    scene = open_practice(app)
    rng = random.Random(3)
    for _ in range(60):
        app.step(scene.autoplay(rng), 0.5)
    assert scene.reviewed >= 10
    assert 0 < scene.right < scene.reviewed
    saved = saved_progress(user_home)
    assert len(saved.items()) >= 10
    assert due_today(saved, scene.cards, utc_now()) == sum(
        1 for _card_id, state in saved.items() if is_due_today(state, utc_now()))


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
@pytest.mark.parametrize("large", [False, True])
def test_every_practice_screen_fits(user_home, size, large):
    app = make_app(user_home, size=size)
    if large:
        app.ctx.save_settings(app.ctx.settings.with_value("text_size", "large"))
    scene = open_practice(app)
    assert_text_inside(app)
    app.step([text("Kim So"), editing("현")], 0.05)
    assert_text_inside(app)
    type_in(app, "Somebody Else Entirely")
    assert_text_inside(app)
    app.step([key(pygame.K_RETURN), key(pygame.K_F2)], 0.05)
    assert_text_inside(app)
    app.step([key(pygame.K_1)], 0.05)
    assert_text_inside(app)
    app.step([key(pygame.K_F3)], 0.05)
    assert app.scene.name == "mastery"
    assert_text_inside(app)
    app.step([key(pygame.K_ESCAPE)], 0.05)
    app.step([key(pygame.K_F4)], 0.05)
    assert scene.card.direction == "character"
    assert_text_inside(app)
    app.step([key(pygame.K_ESCAPE)], 0.05)
    later = NOW + timedelta(days=9)
    seed_progress(user_home, {c.id: review_state(8, later)
                              for c in cards_from_deck(bundled_deck())})
    scene = open_practice(app)
    assert scene.card is None
    assert_text_inside(app)
    pygame.quit()


def test_the_name_index_is_built_while_the_first_card_is_read(app):
    app.ctx.caches.clear()  # as if practice were opened before the title had it ready
    scene = open_practice(app)
    assert not scene.answers.ready(ACTOR_NAMES)  # not in the frame that shows the card
    assert scene.animating  # full frame rate while it is built, a slice a frame
    for _ in range(60):
        if scene.answers.ready(ACTOR_NAMES):
            break
        app.step([], 1 / 60)
    assert scene.answers.ready(ACTOR_NAMES)
    assert not scene.animating
    assert scene.answers is app.ctx.caches.answers(app.ctx.deck)  # kept for the next visit
