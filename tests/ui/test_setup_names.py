"""Name entry on the setup screen: the same limits as the command line, and editing keys that
behave as in any text field (issue 8, items 7 and 11)."""

from __future__ import annotations

import pygame
import pytest

from game.core import limits
from game.ui.events import click, key, text
from game.ui.scenes.setup import UNSHOWABLE
from tests.ui.helpers import assert_text_inside, drawn_texts, make_app

CTRL = pygame.KMOD_LCTRL


@pytest.fixture
def fresh(user_home):
    """Setup for classic with nobody remembered: the box holds the default "Player 1"."""
    app = make_app(user_home, players=())
    app.step([key(pygame.K_1)], 0.05)
    assert app.scene.name == "setup"
    yield app
    pygame.quit()


def type_text(app, value: str) -> None:
    app.step([text(ch) for ch in value], 0.01)


def test_typing_replaces_the_default_name(fresh):
    assert fresh.scene.boxes[0].value == "Player 1"
    type_text(fresh, "Jisoo")
    assert fresh.scene.boxes[0].value == "Jisoo"
    fresh.step([key(pygame.K_F5)], 0.05)
    assert fresh.scene.name == "question" and fresh.scene.player == "Jisoo"


def test_an_added_player_and_a_box_tabbed_into_are_selected_too(fresh):
    fresh.step([key(pygame.K_F2)], 0.05)
    type_text(fresh, "Min-ho")
    fresh.step([key(pygame.K_TAB, pygame.KMOD_LSHIFT)], 0.05)
    type_text(fresh, "Jisoo")
    assert fresh.scene.names == ["Jisoo", "Min-ho"]


def test_clicking_into_a_box_puts_the_cursor_at_the_end(fresh):
    fresh.step([key(pygame.K_F2)], 0.05)
    fresh.step(click(fresh.scene._box_rects[0].center), 0.05)
    type_text(fresh, "a")
    assert fresh.scene.names == ["Player 1a", "Player 2"]


def test_ctrl_a_selects_all_and_ctrl_backspace_deletes_a_word(fresh):
    box = fresh.scene.boxes[0]
    type_text(fresh, "Kim Soo hyun")
    fresh.step([key(pygame.K_BACKSPACE, CTRL)], 0.01)
    assert box.value == "Kim Soo "
    fresh.step([key(pygame.K_BACKSPACE, CTRL)], 0.01)
    assert box.value == "Kim "
    fresh.step([key(pygame.K_BACKSPACE)], 0.01)
    assert box.value == "Kim"  # a plain Backspace still takes one character
    fresh.step([key(pygame.K_a, CTRL)], 0.01)
    type_text(fresh, "Bo")
    assert box.value == "Bo"
    fresh.step([key(pygame.K_a, CTRL), key(pygame.K_BACKSPACE)], 0.01)
    assert box.value == ""


def test_a_25th_character_cannot_be_typed(fresh):
    type_text(fresh, "x" * (limits.NAME_MAX + 5))
    assert fresh.scene.boxes[0].value == "x" * limits.NAME_MAX


def test_emoji_is_left_out_with_a_visible_reason(fresh):
    type_text(fresh, "Ann")
    fresh.step([text("\U0001f600")], 0.01)
    assert fresh.scene.boxes[0].value == "Ann"
    assert any(UNSHOWABLE in shown for shown in drawn_texts(fresh))
    type_text(fresh, "e")
    assert fresh.scene.boxes[0].value == "Anne"
    assert not any(UNSHOWABLE in shown for shown in drawn_texts(fresh))


@pytest.mark.parametrize(
    ("second", "says"),
    [
        ("  ", "Every player needs a name."),
        ("PLAYER 1 ", "Two players have the same name"),
    ],
)
def test_empty_and_duplicate_names_are_refused_on_screen(fresh, second, says):
    fresh.step([key(pygame.K_F2)], 0.05)
    fresh.step([key(pygame.K_a, CTRL), key(pygame.K_BACKSPACE)], 0.01)
    type_text(fresh, second)
    fresh.step([key(pygame.K_F5)], 0.05)
    assert fresh.scene.name == "setup"
    assert any(says in shown for shown in drawn_texts(fresh))


def test_a_remembered_name_the_font_cannot_show_is_refused_on_screen(user_home):
    app = make_app(user_home, players=("Ann\U0001f600",))
    app.step([key(pygame.K_1)], 0.05)
    app.step([key(pygame.K_F5)], 0.05)
    assert app.scene.name == "setup"
    assert any("cannot show" in shown for shown in drawn_texts(app))
    pygame.quit()


def test_the_board_setup_does_not_speak_of_questions(user_home):
    app = make_app(user_home)
    app.step([key(pygame.K_2)], 0.05)
    assert app.scene.name == "setup" and app.scene.mode == "board"
    shown = " ".join(drawn_texts(app))
    assert "question" not in shown.lower()
    assert "1 to 4 players" in shown
    pygame.quit()


def test_setup_says_when_the_deck_cannot_deal_the_questions_asked_for(user_home):
    app = make_app(user_home, players=("A", "B", "C", "D"), questions=None, size=(800, 600))
    # Easy asks about the main couples only: 4 × 30 is more than the bundled deck holds.
    settings = app.ctx.settings.with_value("questions_per_round", 30)
    app.ctx.save_settings(settings.with_value("difficulty", "easy"))
    app.step([key(pygame.K_1)], 0.05)
    most = limits.deal_capacity(app.ctx.deck, 4, 30, difficulty="easy")
    assert most < 30
    shown = " ".join(drawn_texts(app))
    assert f"× {most} ·" in shown
    assert f"the deck can deal at most {most} questions per round each" in shown
    assert_text_inside(app)
    app.step([key(pygame.K_F5)], 0.05)
    assert app.ctx.match.turns_in_round == most * 4  # what was said is what is dealt
    pygame.quit()


def test_setup_says_nothing_of_the_deck_when_it_has_enough(fresh):
    shown = " ".join(drawn_texts(fresh))
    assert "× 2 ·" in shown and "the deck can deal" not in shown
