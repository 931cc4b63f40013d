"""`kdrama-quiz screenshots`: play a short scripted match headless and save every screen.

The tour goes through the real input path (`App.step` with key presses), so the pictures
show what a player sees, and a screen that cannot be reached by playing is noticed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pygame

from game.core.deck import Deck
from game.ui.app import App, LaunchOptions
from game.ui.events import ANSWER_KEYS, click, drag, editing, key, text
from game.ui.scenes.title import TitleScene

TOUR_PLAYERS = ("Min-ji", "Joon-ho")
TOUR_SEED = 2023


def answer(app: App, right: bool) -> None:
    """Press the key of the right option, or of a wrong one."""
    question = app.scene.question
    wrong = [i for i in range(len(question.options)) if i != question.answer]
    pick = question.answer if right else wrong[0]
    app.step([key(ANSWER_KEYS[pick])], 1.7)


def play_until(app: App, scene_name: str, limit: int = 200) -> None:
    """Answer and continue (right, wrong, right, …) until the named screen is on top."""
    right = True
    for _ in range(limit):
        if app.scene.name == scene_name:
            return
        if app.scene.name == "question":
            answer(app, right)
            right = not right
        else:
            app.step([key(pygame.K_RETURN)], 0.1)
    raise RuntimeError(f"the tour never reached the {scene_name} screen")


def tour(app: App, shoot: Callable[[str], None]) -> None:
    app.start(TitleScene(app.ctx))
    app.step([], 0.0)
    shoot("title")
    app.step([key(pygame.K_1)], 0.1)
    shoot("setup")
    app.step([key(pygame.K_F5)], 0.1)
    app.step([], 4.2)
    shoot("question")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    shoot("pause")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    answer(app, right=True)
    shoot("feedback-right")
    app.step([key(pygame.K_RETURN)], 0.1)
    answer(app, right=False)
    shoot("feedback-wrong")
    app.step([key(pygame.K_RETURN)], 0.1)
    play_until(app, "summary")
    shoot("summary")
    app.step([key(pygame.K_RETURN)], 0.1)
    shoot("scoreboard")
    play_until(app, "results")
    shoot("results")
    app.step([key(pygame.K_t)], 0.1)
    app.step([key(pygame.K_5)], 0.1)
    shoot("highscores")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    tour_board(app, shoot)
    app.step([key(pygame.K_ESCAPE)], 0.1)
    app.step([key(pygame.K_t)], 0.1)
    tour_settings_and_daily(app, shoot)


def tour_settings_and_daily(app: App, shoot: Callable[[str], None]) -> None:
    """Settings (top, then the spoiler-safe drama list), the daily challenge before and after."""
    from game.ui.scenes import navigation

    navigation.to_title(app.ctx)
    app.step([], 0.1)
    app.step([key(pygame.K_7)], 0.1)
    shoot("settings")
    for _ in range(10):
        app.step([key(pygame.K_DOWN)], 0.05)
    shoot("settings-spoilers")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    app.step([key(pygame.K_4)], 0.1)
    shoot("daily")
    app.step([key(pygame.K_RETURN)], 0.1)
    play_until(app, "results")
    shoot("daily-results")
    app.step([key(pygame.K_RETURN)], 0.1)
    shoot("daily-played")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    tour_practice(app, shoot)
    tour_stats(app, shoot)


def tour_practice(app: App, shoot: Callable[[str], None]) -> None:
    """Practice: typing with an IME composing, a wrong answer, easy mode, mastery."""
    app.step([key(pygame.K_3)], 0.1)
    app.step([text("Kim So")], 0.1)
    app.step([editing("현")], 0.1)
    shoot("practice-typing")
    app.step([key(pygame.K_RETURN)], 0.1)
    shoot("practice-answered")
    app.step([key(pygame.K_RETURN)], 0.1)
    app.step([key(pygame.K_F2)], 0.1)
    shoot("practice-easy")
    app.step([key(pygame.K_2)], 0.1)
    shoot("practice-easy-answered")
    app.step([key(pygame.K_F3)], 0.1)
    shoot("practice-mastery")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    app.step([key(pygame.K_ESCAPE)], 0.1)


def tour_stats(app: App, shoot: Callable[[str], None]) -> None:
    """The statistics pages, drawn from the matches the tour has just played."""
    app.step([key(pygame.K_6)], 0.1)
    for number, page in enumerate(("dramas", "kinds", "scores", "actors", "practice"), start=1):
        app.step([key(pygame.K_0 + number)], 0.1)
        shoot(f"stats-{page}")
    app.step([key(pygame.K_ESCAPE)], 0.1)


def _solve_board(app: App) -> None:
    """Pair every card still open on the current board, a second and a half per click."""
    scene = app.scene
    for link in scene.board.links:
        if link not in scene.run.current.linked:
            first, second = sorted(link, key=lambda item: scene.board.item(item).column)
            app.step(click(scene.rects[first].center), 1.5)
            app.step(click(scene.rects[second].center), 0.0)


def tour_board(app: App, shoot: Callable[[str], None]) -> None:
    """The matching board: ready card, a wrong pair shaking, a drag, a cleared board."""
    app.step([key(pygame.K_2)], 0.1)
    shoot("board-setup")
    app.step([key(pygame.K_F5)], 0.1)
    shoot("board-ready")
    app.step([key(pygame.K_RETURN)], 0.1)
    scene = app.scene
    first = scene.board.columns[0][0].id
    wrong = next(item.id for item in scene.board.columns[1]
                 if item.id not in scene.board.partners(first))
    app.step(click(scene.rects[first].center), 2.0)
    app.step(click(scene.rects[wrong].center), 0.0)
    shoot("board-wrong")
    app.step([], 1.0)
    moves = drag(scene.rects[first].center, scene.rects[wrong].center)
    app.step(moves[:-1], 0.0)
    shoot("board-drag")
    app.step(moves[-1:], 0.0)
    _solve_board(app)
    shoot("board-cleared")
    app.step([key(pygame.K_RETURN)], 0.1)
    _solve_board(app)
    app.step([], 2.0)
    shoot("board-done")
    app.step([key(pygame.K_RETURN)], 0.1)  # the second player's board, solved without a slip
    app.step([key(pygame.K_RETURN)], 0.1)
    while app.scene.state == "playing":
        _solve_board(app)
        if app.scene.state == "cleared":
            app.step([key(pygame.K_RETURN)], 0.1)
    app.step([key(pygame.K_RETURN)], 0.1)
    shoot("board-summary")


def capture_all(outdir: Path, size: tuple[int, int], deck: Deck, deck_path: Path) -> list[Path]:
    """Render every screen at `size` into outdir; returns the PNG paths in tour order."""
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kdrama-quiz-shots-") as home:
        options = LaunchOptions(deck_path=deck_path, players=TOUR_PLAYERS, rounds=2,
                                questions=3, seed=TOUR_SEED, size=size)
        app = App(options, deck, Path(home))

        def shoot(name: str) -> None:
            app.step([], 0.0)
            path = outdir / f"{len(saved) + 1:02d}-{name}.png"
            pygame.image.save(pygame.display.get_surface(), str(path))
            saved.append(path)

        try:
            tour(app, shoot)
        finally:
            pygame.quit()
    return saved
