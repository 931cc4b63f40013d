"""Building an App for a test and walking it through screens with real input events."""

from __future__ import annotations

from pathlib import Path

import pygame

from game import paths
from game.core.deck import load_deck
from game.ui.app import App, LaunchOptions
from game.ui.events import ANSWER_KEYS, key
from game.ui.scenes.title import TitleScene

_DECK = None


def bundled_deck():
    global _DECK
    if _DECK is None:
        _DECK = load_deck(paths.default_deck())
    return _DECK


def make_app(home: Path, *, size=(1280, 720), players=("Ann", "Bo"), rounds=2, questions=2,
             seed=7, deck=None) -> App:
    options = LaunchOptions(deck_path=paths.default_deck(), players=tuple(players),
                            rounds=rounds, questions=questions, seed=seed, size=size)
    app = App(options, deck or bundled_deck(), home)
    app.start(TitleScene(app.ctx))
    app.step([], 0.0)
    return app


def typed(character: str) -> list[pygame.event.Event]:
    """A character typed as SDL delivers it: the key press (with its character), then the text."""
    code = pygame.key.key_code(character)
    return [pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=character, scancode=0),
            pygame.event.Event(pygame.TEXTINPUT, text=character)]


def answer(app: App, right: bool, elapsed: float = 1.0) -> None:
    scene = app.scene
    assert scene.name == "question", scene.name
    question = scene.question
    wrong = [i for i in range(len(question.options)) if i != question.answer]
    pick = question.answer if right else wrong[0]
    app.step([], elapsed)
    app.step([key(ANSWER_KEYS[pick])], 0.0)


def go_on(app: App) -> None:
    app.step([key(pygame.K_RETURN)], 0.05)


def play_until(app: App, scene_name: str, *, right: bool = True, limit: int = 200) -> None:
    """Answer every question (rightly or wrongly) and go on until `scene_name` is on top."""
    for _ in range(limit):
        if app.scene.name == scene_name:
            return
        if app.scene.name == "question":
            answer(app, right=right)
        else:
            go_on(app)
    raise AssertionError(f"never reached {scene_name}; stuck on {app.scene.name}")


def drawn_texts(app: App) -> list[str]:
    """Every text on screen after one more frame."""
    app.step([], 0.0)
    return [placed.text for placed in app.ctx.text.placed]


def assert_text_inside(app: App) -> None:
    """No text drawn this frame runs outside its box or the window."""
    window = pygame.display.get_surface().get_rect()
    assert app.ctx.text.placed, "nothing was drawn"
    for placed in app.ctx.text.placed:
        assert placed.box.contains(placed.rect), (placed.text, placed.rect, placed.box)
        assert window.contains(placed.rect), (placed.text, placed.rect, window)
