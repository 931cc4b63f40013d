"""F11 at runtime: fullscreen covers the screen from its corner, and F11 again gives back the
window as it was (issue 8, item 14). Headless for the bookkeeping; under Xvfb for the real
window, where a window used to turn fullscreen in place and hang off the screen's edges."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pygame
import pytest

from game.ui.events import key, resize
from game.ui.window import move_window, window_position
from tests.ui.helpers import make_app
from tests.ui.xserver import xdotool, xvfb


def test_f11_goes_fullscreen_from_the_corner_and_back_to_the_same_window(user_home):
    app = make_app(user_home, size=(1280, 720))
    app.step([resize(1000, 700)], 0.0)
    move_window((40, 50))
    assert window_position() == (40, 50)
    app.step([key(pygame.K_F11)], 0.0)
    assert app.fullscreen
    assert window_position() == (0, 0)
    assert pygame.display.get_surface().get_size() == pygame.display.get_desktop_sizes()[0]
    assert (app.ctx.theme.width, app.ctx.theme.height) == pygame.display.get_desktop_sizes()[0]
    app.step([key(pygame.K_F11)], 0.0)
    assert not app.fullscreen
    assert pygame.display.get_surface().get_size() == (1000, 700)
    assert (app.ctx.theme.width, app.ctx.theme.height) == (1000, 700)
    assert window_position() == (40, 50)
    pygame.quit()


SCREEN = (1280, 720)
needs_x = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in ("Xvfb", "xdotool"))
    and os.environ.get("CI") != "true",
    reason="needs Xvfb and xdotool (apt-get install xvfb xdotool)",
)


@pytest.fixture
def display():
    with xvfb(80, SCREEN) as name:
        yield name


def geometry(display: str, window: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """(position, size) of the window as the X server has it."""
    out = xdotool(display, "getwindowgeometry", "--shell", window)
    values = dict(line.split("=", 1) for line in out.split())
    return (int(values["X"]), int(values["Y"])), (int(values["WIDTH"]), int(values["HEIGHT"]))


def settled(display: str, window: str, wanted) -> tuple:
    """The window's geometry once it is `wanted`, or whatever it is after a few seconds."""
    for _ in range(30):
        found = geometry(display, window)
        if found == wanted:
            break
        time.sleep(0.2)
    return found


@needs_x
def test_f11_in_the_real_window_covers_the_screen_and_comes_back(display, tmp_path):
    env = {
        **os.environ,
        "DISPLAY": display,
        "SDL_VIDEODRIVER": "x11",
        "SDL_AUDIODRIVER": "dummy",
        "KDRAMA_QUIZ_HOME": str(tmp_path / "home"),
    }
    game = subprocess.Popen(
        [sys.executable, "-m", "game", "--size", "800x600"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        window = xdotool(display, "search", "--sync", "--pid", str(game.pid)).split()[0]
        windowed = geometry(display, window)
        assert windowed[1] == (800, 600)
        xdotool(display, "key", "--window", window, "F11")
        assert settled(display, window, ((0, 0), SCREEN)) == ((0, 0), SCREEN)
        xdotool(display, "key", "--window", window, "F11")
        assert settled(display, window, windowed) == windowed
        xdotool(display, "key", "--window", window, "Escape")  # the title: quit
        assert game.wait(timeout=20) == 0, game.stderr.read()
    finally:
        if game.poll() is None:
            game.kill()
            game.wait()
