"""The settings screen, driven by keys and clicks, and what its choices do to the other screens."""

from __future__ import annotations

import json

import pygame
import pytest

from game.core.store import load_settings
from game.ui.events import click, key
from game.ui.theme import RIGHT_MARK, STANDARD, WRONG_MARK
from tests.ui.helpers import answer, assert_text_inside, drawn_texts, make_app, typed


@pytest.fixture(autouse=True)
def _close_pygame():
    yield
    pygame.quit()


def open_settings(app) -> None:
    app.step([key(pygame.K_7)], 0.05)
    assert app.scene.name == "settings"


def focus_row(app, row_id: str) -> int:
    """Walk the focus down with the arrow key to the row `row_id`; returns its index."""
    scene = app.scene
    target = [row.id for row in scene.rows].index(row_id)
    for _ in range(len(scene.rows) + 1):
        if scene.focus == target:
            return target
        app.step([key(pygame.K_DOWN)], 0.02)
    raise AssertionError(f"the focus never reached {row_id}")


def target(app, index: int, step: int) -> tuple[int, int]:
    """The centre of row `index`'s arrow (`step` -1/+1) or of the row itself (0), as drawn."""
    for rect, row, kind in app.scene.targets:
        if row == index and kind == step:
            return rect.center
    raise AssertionError(f"row {index} is not on screen")


def test_arrow_keys_change_a_value_and_it_is_there_at_the_next_launch(user_home):
    app = make_app(user_home)
    open_settings(app)
    focus_row(app, "difficulty")
    app.step([key(pygame.K_RIGHT)], 0.02)
    assert app.ctx.settings.difficulty == "hard"
    app.step([key(pygame.K_LEFT)], 0.02)
    app.step([key(pygame.K_LEFT)], 0.02)
    assert app.ctx.settings.difficulty == "easy"
    assert "Easy" in drawn_texts(app)
    app.step([key(pygame.K_ESCAPE)], 0.02)
    assert app.scene.name == "title"
    pygame.quit()

    again = make_app(user_home)
    assert again.ctx.settings.difficulty == "easy"
    assert again.ctx.warnings == []


def test_clicking_the_arrows_changes_a_value_and_saves_it(user_home):
    app = make_app(user_home)
    open_settings(app)
    rounds = [row.id for row in app.scene.rows].index("rounds")
    app.step([], 0.0)
    app.step(click(target(app, rounds, 1)), 0.02)
    app.step(click(target(app, rounds, 1)), 0.02)
    app.step(click(target(app, rounds, -1)), 0.02)
    assert app.ctx.settings.rounds == 4
    assert app.scene.focus == rounds
    assert load_settings(user_home)[0].rounds == 4


def test_enter_toggles_sound_and_it_applies_at_once(user_home):
    app = make_app(user_home)
    open_settings(app)
    focus_row(app, "sound")
    app.step([key(pygame.K_RETURN)], 0.02)
    assert app.ctx.settings.sound is False and app.ctx.sound.muted
    app.step([key(pygame.K_SPACE)], 0.02)
    assert app.ctx.settings.sound is True and not app.ctx.sound.muted


def test_the_timer_can_be_switched_off_and_a_match_then_has_no_time_limit(user_home):
    app = make_app(user_home)
    open_settings(app)
    focus_row(app, "timer_seconds")
    for _ in range(len((0, 10, 15, 20, 30))):
        app.step([key(pygame.K_LEFT)], 0.02)
    assert app.ctx.settings.timer_seconds == 0
    assert "No timer" in drawn_texts(app)
    app.step([key(pygame.K_ESCAPE)], 0.02)
    app.step([key(pygame.K_1)], 0.02)
    app.step([key(pygame.K_F5)], 0.02)
    assert app.scene.name == "question" and app.scene.time_limit is None
    app.step([], 60.0)
    assert app.scene.name == "question"  # nothing runs out


def test_fullscreen_applies_at_once_and_is_saved_for_the_next_start(user_home):
    app = make_app(user_home)
    open_settings(app)
    focus_row(app, "fullscreen")
    app.step([key(pygame.K_RETURN)], 0.02)
    assert load_settings(user_home)[0].fullscreen is True
    assert pygame.display.get_surface().get_flags() & pygame.FULLSCREEN
    assert any("F11" in t for t in drawn_texts(app))
    app.step([key(pygame.K_RETURN)], 0.02)
    assert load_settings(user_home)[0].fullscreen is False
    assert not pygame.display.get_surface().get_flags() & pygame.FULLSCREEN
    assert pygame.display.get_surface().get_size() == (1280, 720)


def test_the_drama_checkboxes_scroll_into_view_and_tick_with_a_click(user_home):
    app = make_app(user_home, size=(800, 600))
    open_settings(app)
    rows = [row.id for row in app.scene.rows]
    last = len(rows) - 1
    drama_id = rows[last].removeprefix("hide:")
    app.step([], 0.0)
    assert all(index != last for _, index, _ in app.scene.targets)  # below the fold
    app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-len(rows), flipped=False)], 0.02)
    app.step([], 0.0)
    app.step(click(target(app, last, 0)), 0.02)
    assert app.ctx.settings.hidden_dramas == (drama_id,)
    app.step([key(pygame.K_SPACE)], 0.02)  # the click focused it: Space unticks
    assert app.ctx.settings.hidden_dramas == ()
    app.step([key(pygame.K_RETURN)], 0.02)
    assert load_settings(user_home)[0].hidden_dramas == (drama_id,)
    assert_text_inside(app)


def test_the_focus_keeps_its_row_on_screen_all_the_way_down_and_round(user_home):
    app = make_app(user_home, size=(800, 600))
    open_settings(app)
    scene = app.scene
    for _ in range(len(scene.rows) + 2):
        app.step([key(pygame.K_TAB)], 0.02)
        app.step([], 0.0)
        if scene.focus >= 0:
            assert scene.rows[scene.focus].label in [p.text for p in app.ctx.text.placed]
        assert_text_inside(app)
    app.step([key(pygame.K_PAGEUP)], 0.02)
    app.step([key(pygame.K_TAB, pygame.KMOD_SHIFT)], 0.02)
    assert scene.focus == -1  # Back, after the last row
    app.step([key(pygame.K_RETURN)], 0.02)
    assert app.scene.name == "title"


def test_the_back_button_can_be_clicked(user_home):
    app = make_app(user_home)
    open_settings(app)
    app.step([], 0.0)
    app.step(click(app.scene.back_button.rect.center), 0.02)
    assert app.scene.name == "title"


def test_a_bad_value_in_the_file_is_reported_on_the_title_and_costs_only_itself(user_home):
    user_home.mkdir(parents=True)
    raw = {"difficulty": "brutal", "rounds": 6, "text_size": "large"}
    (user_home / "settings.json").write_text(json.dumps(raw), encoding="utf-8")
    app = make_app(user_home)
    assert app.ctx.settings.difficulty == "normal"
    assert (app.ctx.settings.rounds, app.ctx.settings.text_size) == (6, "large")
    assert len(app.ctx.warnings) == 1 and "difficulty" in app.ctx.warnings[0]
    assert any("brutal" in t for t in drawn_texts(app))


def large_text_home(home) -> None:
    home.mkdir(parents=True)
    (home / "settings.json").write_text(json.dumps({"text_size": "large"}), encoding="utf-8")


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
def test_large_text_fits_every_screen(user_home, size):
    large_text_home(user_home)
    app = make_app(user_home, size=size)
    assert app.ctx.theme.large_text
    assert_text_inside(app)  # title
    app.step([key(pygame.K_1)], 0.02)
    assert app.scene.name == "setup"
    assert_text_inside(app)
    app.step([key(pygame.K_F5)], 0.02)
    assert app.scene.name == "question"
    assert_text_inside(app)
    answer(app, right=False)
    assert app.scene.name == "feedback"
    assert_text_inside(app)
    app.step([key(pygame.K_ESCAPE)], 0.02)
    app.step([key(pygame.K_q)], 0.02)
    open_settings(app)
    assert_text_inside(app)
    app.step([key(pygame.K_PAGEDOWN)] * 3, 0.02)
    app.step([], 0.0)
    assert_text_inside(app)
    app.step([key(pygame.K_ESCAPE)], 0.02)
    app.step([key(pygame.K_4)], 0.02)
    assert app.scene.name == "daily"
    assert_text_inside(app)


def test_choosing_large_text_on_the_settings_screen_applies_at_once_and_fits(user_home):
    app = make_app(user_home, size=(800, 600))
    open_settings(app)
    before = app.ctx.theme.font_px("body")
    focus_row(app, "text_size")
    app.step([key(pygame.K_RIGHT)], 0.02)
    assert app.ctx.theme.large_text and app.ctx.theme.font_px("body") > before
    app.step([], 0.0)
    assert_text_inside(app)


def test_the_colour_blind_palette_changes_colours_but_right_and_wrong_keep_symbols(user_home):
    app = make_app(user_home)
    open_settings(app)
    focus_row(app, "palette")
    app.step([key(pygame.K_RIGHT)], 0.02)
    palette = app.ctx.theme.palette
    assert app.ctx.settings.palette == "colour-blind-safe"
    assert (palette.right, palette.wrong) != (STANDARD.right, STANDARD.wrong)
    assert palette.right != palette.wrong
    app.step([key(pygame.K_ESCAPE)], 0.02)
    app.step([key(pygame.K_1)], 0.02)
    app.step([key(pygame.K_F5)], 0.02)
    answer(app, right=False)
    texts = drawn_texts(app)
    assert texts.count(RIGHT_MARK) == 1 and texts.count(WRONG_MARK) == 1  # on the options
    assert any(t.startswith(WRONG_MARK) for t in texts if t != WRONG_MARK)  # the headline


def test_hidden_dramas_reach_the_match_questions(user_home):
    """A drama ticked on the screen is passed to the match, whose bag keeps it spoiler-free."""
    app = make_app(user_home, questions=10, rounds=1)
    open_settings(app)
    hide = [row.id for row in app.scene.rows if row.id.startswith("hide:")]
    for row_id in hide:
        focus_row(app, row_id)
        app.step([key(pygame.K_SPACE)], 0.02)
    assert len(app.ctx.settings.hidden_dramas) == len(app.ctx.deck.dramas)
    app.step([key(pygame.K_ESCAPE)], 0.02)
    app.step([key(pygame.K_1)], 0.02)
    app.step([key(pygame.K_F5)], 0.02)
    kinds = set()
    while app.scene.name in ("question", "feedback"):
        if app.scene.name == "question":
            kinds.add(app.scene.question.kind)
            answer(app, right=True)
        else:
            app.step([key(pygame.K_RETURN)], 0.02)
    assert kinds and "obstacle" not in kinds


def test_typing_finds_a_drama_in_the_spoiler_list_and_enter_ticks_it(user_home):

    app = make_app(user_home, size=(800, 600))
    open_settings(app)
    scene = app.scene
    every = len(scene.drama_rows)
    app.step([*typed("c"), *typed("r"), *typed("a")], 0.05)
    dramas = [row for row in scene.rows if row.id.startswith("hide:")]
    assert [row.id for row in dramas] == ["hide:crash-landing-on-you"]
    assert scene.rows[scene.focus] == dramas[0]
    assert f"1 of {every} dramas match “cra” · Backspace widens · Esc clears" in drawn_texts(app)
    app.step([key(pygame.K_RETURN)], 0.05)
    assert load_settings(user_home)[0].hidden_dramas == ("crash-landing-on-you",)
    app.step([*typed("m")], 0.05)  # M types here: no drama has "cram"
    assert not app.ctx.sound.muted
    assert "No drama matches “cram” · Backspace widens · Esc clears" in drawn_texts(app)
    app.step([key(pygame.K_BACKSPACE)], 0.05)
    assert scene.filter.text == "cra"
    app.step([key(pygame.K_ESCAPE)], 0.05)
    assert app.scene is scene and scene.filter.text == ""
    assert len([row for row in scene.rows if row.id.startswith("hide:")]) == every
    assert_text_inside(app)
    app.step([key(pygame.K_ESCAPE)], 0.05)
    assert app.scene.name == "title"
