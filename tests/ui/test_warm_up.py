"""The title gets the next screens ready while the player reads it, a slice a frame."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pygame
import pytest

from game.core import questions
from game.core.practice_answers import ACTOR_NAMES
from game.core.synthetic import synthetic_deck
from game.ui import warm_up
from game.ui.events import key
from tests.ui.helpers import make_app

ROOT = Path(__file__).resolve().parents[2]
COUPLES = 1500  # big enough that the warm-up takes many frames


@pytest.fixture
def app(user_home):
    created = make_app(user_home, deck=synthetic_deck(COUPLES, seed=3))
    yield created
    pygame.quit()


def read_title(app, frames: int = 600) -> int:
    """Frames until the title is done warming up (it then idles)."""
    for frame in range(frames):
        if not app.scene.animating:
            return frame
        app.step([], 1 / 60)
    raise AssertionError("the title was still warming up")


def test_the_title_gets_practice_statistics_and_the_questions_ready(app):
    deck = app.ctx.deck
    assert app.scene.name == "title" and app.scene.animating  # full frame rate meanwhile
    assert not app.ctx.caches.answers(deck).ready(ACTOR_NAMES)
    read_title(app)
    assert app.ctx.caches.answers(deck).ready(ACTOR_NAMES)
    assert questions._index_of(deck) is questions._index_of(deck)  # built, and kept
    app.step([key(pygame.K_3)], 0.05)
    assert app.scene.name == "practice" and not app.scene.animating  # nothing left to build


def test_no_title_frame_holds_the_warm_up_for_long(app):
    longest = 0.0
    for _ in range(600):
        if not app.scene.animating:
            break
        started = time.perf_counter()
        app.step([], 1 / 60)
        longest = max(longest, time.perf_counter() - started)
    # A slice, plus the step that crossed it: the biggest single table at this size.
    assert longest < warm_up.SLICE + 0.25


def test_choosing_other_decks_warms_up_again(app):
    read_title(app)
    big = app.ctx.deck
    app.ctx.play_decks(["bundled:dramas.yaml"])
    app.step([key(pygame.K_8)], 0.05)
    app.step([key(pygame.K_ESCAPE)], 0.05)
    assert app.scene.name == "title"
    read_title(app)
    assert app.ctx.deck is not big
    assert app.ctx.caches.answers(app.ctx.deck).ready(ACTOR_NAMES)


def test_the_first_frame_is_drawn_before_any_warm_up():
    """Start-up is timed to the first frame: the warm-up waits for the frames after it."""
    probe = ("import sys; from game.cli import main; main(['--frames', '1']); "
             "print(sorted(m for m in sys.modules if m.startswith(('game.core.questions', "
             "'game.core.practice', 'game.ui.scenes.stats'))))")
    env = dict(os.environ, PYTHONPATH=str(ROOT), SDL_VIDEODRIVER="dummy")
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                         text=True, check=True)
    assert out.stdout.split() == ["[]"]
