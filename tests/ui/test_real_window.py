"""The real window under Xvfb: real pointer clicks through xdotool, the score on disk checked.

Skipped on a machine without Xvfb/xdotool, except in CI (CI=true), where .ci/run installs
them and a skip would hide a broken window.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pygame
import pytest

from game.core.store import DATABASE_FILE, Store
from tests.ui.helpers import make_app
from tests.ui.xserver import xdotool, xvfb

TOOLS = ("Xvfb", "xdotool")
missing = [tool for tool in TOOLS if shutil.which(tool) is None]
if missing and os.environ.get("CI") != "true":
    pytest.skip(f"needs {', '.join(missing)} (apt-get install xvfb xdotool)",
                allow_module_level=True)

SIZE = (1280, 720)
ARGS = ["--players", "Ann", "--rounds", "1", "--questions", "2", "--seed", "5",
        "--size", "1280x720"]


def saved(home: Path, table: str) -> int:
    """Rows the running game has saved in `table` so far (read-only, beside its writes)."""
    database = home / DATABASE_FILE
    if not database.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)) as db:
            return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is still being made
        return 0


def wait_until_saved(game: subprocess.Popen, home: Path, table: str, rows: int) -> None:
    """Wait for the game to save what a click did, so a slow machine never has the next
    click land on the screen before."""
    deadline = time.monotonic() + 20
    while saved(home, table) < rows:
        assert game.poll() is None, f"the game quit: {game.stderr.read()}"
        assert time.monotonic() < deadline, f"the game saved no {table} row {rows}"
        time.sleep(0.05)
    time.sleep(0.3)  # the frame that saved it also draws the next screen


@pytest.fixture
def display():
    assert not missing, f"CI must install {missing}"
    with xvfb(90, SIZE) as name:
        yield name


def test_real_window_round_clicked_with_the_pointer(display, tmp_path):
    # A headless twin with the same options gives the same questions and button rectangles.
    twin = make_app(tmp_path / "twin", size=SIZE, players=("Ann",), rounds=1, questions=2,
                    seed=5)
    twin.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1")], 0.0)
    start_button = next(b for b in twin.scene.buttons if b.id == "start").rect.center
    twin.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F5, mod=0, unicode="")], 0.0)
    questions, answer_centres = [], []
    for _ in range(2):
        scene = twin.scene
        questions.append(scene.question)
        answer_centres.append([b.rect.center for b in scene.buttons[:4]])
        twin.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1")], 0.1)
        continue_button = twin.scene.next_button.rect.center
        twin.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0,
                                      unicode="\r")], 0.1)
    pygame.quit()

    home = tmp_path / "home"
    env = {**os.environ, "DISPLAY": display, "SDL_VIDEODRIVER": "x11",
           "SDL_AUDIODRIVER": "dummy", "KDRAMA_QUIZ_HOME": str(home)}
    game = subprocess.Popen([sys.executable, "-m", "game", *ARGS], env=env,
                            stderr=subprocess.PIPE, text=True)
    try:
        # SDL sets _NET_WM_PID; searching by name misses SDL's UTF-8-only title here.
        window = xdotool(display, "search", "--sync", "--pid", str(game.pid)).split()[0]
        time.sleep(1.0)

        def click(pos: tuple[int, int]) -> None:
            xdotool(display, "mousemove", "--window", window, str(pos[0]), str(pos[1]))
            time.sleep(0.2)
            xdotool(display, "click", "1")
            time.sleep(0.6)

        # Setup is shown because --players was given; the title is below it.
        click(start_button)
        wait_until_saved(game, home, "questions", 2)  # the round is dealt and saved
        first, second = questions
        click(answer_centres[0][first.answer])  # right
        wait_until_saved(game, home, "picks", 1)
        click(continue_button)
        wrong = next(i for i in range(len(second.options)) if i != second.answer)
        click(answer_centres[1][wrong])  # wrong
        wait_until_saved(game, home, "picks", 2)
        click(continue_button)
        for _ in range(2):  # round summary -> scoreboard -> final results
            xdotool(display, "key", "Return")
            time.sleep(0.6)
        xdotool(display, "key", "Escape")  # results -> title
        time.sleep(0.6)
        xdotool(display, "key", "Escape")  # title -> quit
        assert game.wait(timeout=20) == 0, game.stderr.read()
    finally:
        if game.poll() is None:
            game.kill()
            game.wait()
    matches = Store(home).matches()
    assert len(matches) == 1
    (player,) = matches[0].players
    assert player.name == "Ann"
    assert player.correct == 1 and player.answered == 2
    assert 500 <= player.points <= 1000
