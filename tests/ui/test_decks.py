"""The deck screen played headless: listing, ticking several decks, broken decks shown."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.cli import _selection
from game.core.library import user_decks_dir
from game.core.store import load_settings
from game.ui.events import click, key
from tests.core.test_library import BROKEN, TWO
from tests.ui.helpers import assert_text_inside, drawn_texts, make_app


@pytest.fixture
def decks(user_home: Path) -> Path:
    folder = user_decks_dir(user_home)
    folder.mkdir(parents=True)
    (folder / "two.yaml").write_text(TWO, "utf-8")
    (folder / "broken.yaml").write_text(BROKEN, "utf-8")
    return folder


def open_decks(app):
    app.step([key(pygame.K_8)], 0.05)
    assert app.scene.name == "decks"
    return app.scene


def row_of(scene, file_name: str) -> int:
    return next(i for i, info in enumerate(scene.infos) if info.source.path.name == file_name)


def test_the_deck_screen_lists_every_deck_with_counts_or_checks_message(user_home, decks):
    app = make_app(user_home, size=(800, 600))
    scene = open_decks(app)
    names = [info.source.path.name for info in scene.infos]
    assert names[-2:] == ["broken.yaml", "two.yaml"] and "dramas.yaml" in names
    shown = drawn_texts(app)
    assert "broken.yaml:3: dramas[0]: missing required key 'couples'" in shown
    assert "2 dramas · 2 couples · 4 characters" in shown
    assert f"1 ticked of {len(scene.infos)}" in shown
    assert_text_inside(app)
    pygame.quit()


def test_ticking_a_second_deck_plays_both_remembers_them_and_the_title_says_so(user_home, decks):
    app = make_app(user_home)
    scene = open_decks(app)
    before = len(app.ctx.deck.dramas)
    two = row_of(scene, "two.yaml")
    app.step([key(pygame.K_END)], 0.05)
    assert scene.focus == two
    app.step([key(pygame.K_SPACE)], 0.05)
    assert len(app.ctx.deck.dramas) == before + 1  # its Crash Landing on You is played once
    assert app.ctx.deck.title.endswith(" + Two")
    assert "Playing 2 decks: 10 couples in 9 dramas." in drawn_texts(app)
    settings, _ = load_settings(user_home)
    assert settings.decks == app.ctx.deck_keys and len(settings.decks) == 2
    assert _selection(None).deck.title == app.ctx.deck.title  # the next launch plays both
    app.step([key(pygame.K_ESCAPE)], 0.05)
    assert app.scene.name == "title"
    assert any(t.startswith("2 decks: ") for t in drawn_texts(app))
    pygame.quit()


def test_a_broken_deck_cannot_be_ticked_and_the_last_deck_cannot_be_unticked(user_home, decks):
    app = make_app(user_home)
    scene = open_decks(app)
    keys = app.ctx.deck_keys
    broken = row_of(scene, "broken.yaml")
    app.step([], 0.0)
    rect = next(rect for rect, index in scene.row_rects if index == broken)
    app.step(click(rect.center), 0.05)
    assert app.ctx.deck_keys == keys
    assert "broken.yaml cannot be played: fix it, then press F5." in drawn_texts(app)
    app.step([key(pygame.K_HOME), key(pygame.K_SPACE)], 0.05)
    assert app.ctx.deck_keys == keys
    assert "Tick another deck first: at least one deck is played." in drawn_texts(app)
    pygame.quit()


def test_f5_finds_a_deck_written_while_the_screen_is_open(user_home, decks):
    app = make_app(user_home, size=(1920, 1080))
    scene = open_decks(app)
    count = len(scene.infos)
    (decks / "new.yaml").write_text(TWO.replace("title: Two", "title: New"), "utf-8")
    app.step([key(pygame.K_F5)], 0.05)
    assert len(scene.infos) == count + 1
    for _ in range(row_of(scene, "new.yaml")):
        app.step([key(pygame.K_DOWN)], 0.05)
    assert "New" in drawn_texts(app)
    assert_text_inside(app)
    pygame.quit()


def test_a_deck_given_on_the_command_line_from_elsewhere_is_listed_ticked(user_home, tmp_path):
    from game.core.deck import parse_deck
    from game.ui.app import App, LaunchOptions
    from game.ui.scenes.title import TitleScene

    elsewhere = tmp_path / "elsewhere" / "two.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(TWO, "utf-8")
    options = LaunchOptions(deck_path=elsewhere, size=(800, 600))
    app = App(options, parse_deck(TWO, "two.yaml"), user_home)
    app.start(TitleScene(app.ctx))
    app.step([], 0.0)
    scene = open_decks(app)
    last = scene.infos[-1]
    assert last.source.path == elsewhere and last.source.key in app.ctx.deck_keys
    assert f"1 ticked of {len(scene.infos)}" in drawn_texts(app)
    pygame.quit()


def test_with_three_decks_the_title_names_the_first_and_counts_the_rest(user_home, decks):
    (decks / "three.yaml").write_text(TWO.replace("title: Two", "title: Three"), "utf-8")
    app = make_app(user_home, size=(800, 600))
    scene = open_decks(app)
    for name in ("two.yaml", "three.yaml"):
        app.step([key(pygame.K_HOME)], 0.05)
        for _ in range(row_of(scene, name)):
            app.step([key(pygame.K_DOWN)], 0.05)
        app.step([key(pygame.K_SPACE)], 0.05)
    assert len(app.ctx.deck_keys) == 3
    app.step([key(pygame.K_ESCAPE)], 0.05)
    first = app.ctx.deck.title.split(" + ")[0]
    assert any(t.startswith(f"3 decks: {first} + 2 more · ") for t in drawn_texts(app))
    assert_text_inside(app)
    pygame.quit()
