"""Measurements that need a window of their own; run by `game.bench` in a child process.

`python -m game.bench_child frames N` prints draw-time percentiles of the busiest screens;
`python -m game.bench_child idle SCREEN SECONDS` prints the CPU share while SCREEN sits in
the real loop. Output is `name=value` words, parsed by the parent.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pygame

from game import paths
from game.core.deck import load_deck
from game.ui.app import App, LaunchOptions
from game.ui.events import ANSWER_KEYS, key
from game.ui.scenes.title import TitleScene


def _app(time_limit_questions: int = 3, size: tuple[int, int] = (1280, 720)) -> App:
    options = LaunchOptions(deck_path=paths.default_deck(), players=("Min-ji", "Joon-ho"),
                            rounds=2, questions=time_limit_questions, seed=11, size=size)
    app = App(options, load_deck(paths.default_deck()), Path(tempfile.mkdtemp()))
    app.start(TitleScene(app.ctx))
    app.step([], 0.0)
    return app


def _to_question(app: App) -> None:
    app.step([key(pygame.K_1)], 0.01)
    app.step([key(pygame.K_F5)], 0.01)


def _to_scoreboard(app: App) -> None:
    _to_question(app)
    while app.scene.name != "scoreboard":
        if app.scene.name == "question":
            app.step([key(ANSWER_KEYS[app.scene.question.answer])], 0.5)
        else:
            app.step([key(pygame.K_RETURN)], 0.01)


def peak_rss_mb() -> float:
    """This process's own peak resident memory. Linux keeps `ru_maxrss` across exec, so a
    child started by a big parent would report the parent's peak; VmHWM is per process."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def measure_frames(frames: int) -> dict[str, float]:
    app = _app()
    _to_question(app)
    results: dict[str, float] = {}
    for screen in ("question", "feedback"):
        if screen == "feedback":
            app.step([key(ANSWER_KEYS[app.scene.question.answer])], 0.5)
        app.frame_ms.clear()
        app.ctx.text.hits = app.ctx.text.misses = 0
        for _ in range(frames):
            app.scene.dirty = True
            app.step([], 0.0)
        times = list(app.frame_ms)
        results[f"frame.{screen}.p50_ms"] = round(statistics.median(times), 3)
        results[f"frame.{screen}.p99_ms"] = round(percentile(times, 0.99), 3)
        results[f"frame.{screen}.text_cache_hit_rate"] = round(app.ctx.text.hit_rate, 4)
    results.update(measure_drag_frames(frames))
    results.update(measure_pause_4k(max(20, frames // 4)))
    return results


def measure_pause_4k(frames: int) -> dict[str, float]:
    """The pause menu at 3840×2160, redrawn as the pointer moves over it."""
    app = _app(size=(3840, 2160))
    _to_question(app)
    app.frame_ms.clear()
    app.step([key(pygame.K_ESCAPE)], 0.01)  # the frame that opens it dims the question once
    opening = app.frame_ms[-1]
    app.frame_ms.clear()
    for _ in range(frames):
        app.scene.dirty = True
        app.step([], 0.0)
    times = list(app.frame_ms)
    return {"frame.pause_3840x2160.opening_ms": round(opening, 3),
            "frame.pause_3840x2160.p50_ms": round(statistics.median(times), 3),
            "frame.pause_3840x2160.p99_ms": round(percentile(times, 0.99), 3)}


def measure_drag_frames(frames: int) -> dict[str, float]:
    """The matching board while a card is dragged: every motion redraws the whole board."""
    from game.ui.scenes.board import drag_frame_times

    app = _app()
    app.step([key(pygame.K_2)], 0.01)
    app.step([key(pygame.K_F5)], 0.01)
    times = drag_frame_times(app, frames)
    return {"frame.board_drag.p50_ms": round(statistics.median(times), 3),
            "frame.board_drag.p99_ms": round(percentile(times, 0.99), 3)}


def measure_idle(screen: str, seconds: float) -> dict[str, float]:
    app = _app(time_limit_questions=3)
    if screen == "scoreboard":
        _to_scoreboard(app)
    elif screen == "countdown":
        _to_question(app)
    app.run(seconds=0.5)  # let the window settle
    wall, cpu = time.perf_counter(), time.process_time()
    app.run(seconds=seconds)
    share = (time.process_time() - cpu) / (time.perf_counter() - wall)
    rss = peak_rss_mb()
    assert app.scene.name == ("question" if screen == "countdown" else screen), app.scene.name
    return {f"idle_cpu.{screen}.percent_of_one_core": round(share * 100, 2),
            f"idle_cpu.{screen}.max_rss_mb": round(rss, 1)}


def measure_screens(couples: int) -> dict[str, float]:
    """Milliseconds from the key press to the drawn screen, for each screen a player opens,
    on a synthetic deck of `couples` couples (0: the bundled deck, the baseline)."""
    from game.core.synthetic import synthetic_deck
    from game.ui.events import text

    deck = synthetic_deck(couples, seed=12) if couples else load_deck(paths.default_deck())
    options = LaunchOptions(deck_path=paths.default_deck(), players=("Min-ji", "Joon-ho"),
                            rounds=2, questions=3, seed=11)
    app = App(options, deck, Path(tempfile.mkdtemp()))
    app.start(TitleScene(app.ctx))
    app.step([], 0.0)
    label = f"{couples}_couples" if couples else "bundled_deck"
    results: dict[str, float] = {}
    # The player reads the title for a second of real frames; it gets the screens ready.
    results.update(real_frames(app, 1.0, f"title_reading_1s_of_frames.{label}"))

    def timed(name: str, events: list[pygame.event.Event], expect: str) -> None:
        started = time.perf_counter()
        app.step(events, 0.01)
        results[f"screen.{name}.{label}_ms"] = round((time.perf_counter() - started) * 1000, 1)
        assert app.scene.name == expect, (name, app.scene.name)

    for name, number in (("stats", pygame.K_6), ("settings", pygame.K_7),
                         ("decks", pygame.K_8), ("highscores", pygame.K_5),
                         ("daily", pygame.K_4)):
        timed(name, [key(number)], name)
        app.step([key(pygame.K_ESCAPE)], 0.01)
    timed("practice", [key(pygame.K_3)], "practice")
    card = app.scene.card
    # The player reads the card for a second of real frames; the name index is built in them.
    results.update(real_frames(app, 1.0, f"practice_reading_1s_of_frames.{label}"))
    timed("practice_first_answer", [*(text(ch) for ch in card.answer), key(pygame.K_RETURN)],
          "practice")
    # Reading how it went; easy mode's options get ready.
    results.update(real_frames(app, 1.0, f"practice_feedback_1s_of_frames.{label}"))
    app.step([key(pygame.K_RETURN)], 0.01)
    timed("practice_easy_mode", [key(pygame.K_F2)], "practice")
    timed("mastery", [key(pygame.K_F3)], "mastery")
    app.step([key(pygame.K_ESCAPE)], 0.01)
    app.step([key(pygame.K_ESCAPE)], 0.01)
    app.step([key(pygame.K_2)], 0.01)
    timed("board_match_start", [key(pygame.K_F5)], "board")
    app.step([key(pygame.K_ESCAPE)], 0.01)
    app.step([key(pygame.K_q)], 0.01)  # to the title; the board match is kept
    timed("classic_setup", [key(pygame.K_1)], "setup")  # counts what the deck can deal
    timed("classic_match_start", [key(pygame.K_F5)], "question")
    return results


def real_frames(app: App, seconds: float, name: str) -> dict[str, float]:
    """`seconds` of the real loop (`App.run`, paced as a player sees it, no input): the work
    its frames did in all, and the longest frame, which a player would see as a hitch."""
    steps: list[float] = []
    step = app.step

    def timed(events: list[pygame.event.Event], dt: float) -> None:
        started = time.perf_counter()
        step(events, dt)
        steps.append((time.perf_counter() - started) * 1000)

    app.step = timed  # type: ignore[method-assign]
    try:
        app.run(seconds=seconds)
    finally:
        del app.step
    return {
        f"screen.{name}_ms": round(sum(steps), 1),
        f"screen.{name}_longest_frame_ms": round(max(steps), 1),
        f"screen.{name}_frames": float(len(steps)),
    }


def measure_frames_4k(frames: int, couples: int = 0) -> dict[str, float]:
    """Every screen of the screenshot tour at 3840×2160, redrawn `frames` times: p99 each,
    on a synthetic deck of `couples` couples (0: the bundled deck)."""
    from game.core.synthetic import synthetic_deck
    from game.ui.screenshots import TOUR_PLAYERS, TOUR_SEED, tour

    deck = synthetic_deck(couples, seed=12) if couples else load_deck(paths.default_deck())
    label = f"{couples}_couples" if couples else "bundled_deck"
    options = LaunchOptions(
        deck_path=paths.default_deck(),
        players=TOUR_PLAYERS,
        rounds=2,
        questions=3,
        seed=TOUR_SEED,
        size=(3840, 2160),
        port=0,
        bind="127.0.0.1",
    )
    app = App(options, deck, Path(tempfile.mkdtemp()))
    assert pygame.display.get_surface().get_size() == (3840, 2160)
    results: dict[str, float] = {}

    def redraw(name: str) -> None:
        app.step([], 0.0)
        app.frame_ms.clear()
        for _ in range(frames):
            app.scene.dirty = True
            app.step([], 0.0)
        times = list(app.frame_ms)
        results[f"frame_4k.{label}.{name}.p99_ms"] = round(percentile(times, 0.99), 3)

    try:
        tour(app, redraw)
    finally:
        app.ctx.scenes.release()  # a party left open: stop its server
    results[f"frame_4k.{label}.worst_screen_p99_ms"] = max(results.values())
    return results


def main(argv: list[str]) -> int:
    if argv[0] == "frames":
        results = measure_frames(int(argv[1]))
    elif argv[0] == "screens":
        results = measure_screens(int(argv[1]))
    elif argv[0] == "frames4k":
        results = measure_frames_4k(int(argv[1]), int(argv[2]))
    else:
        results = measure_idle(argv[1], float(argv[2]))
    pygame.quit()
    print(" ".join(f"{k}={v}" for k, v in results.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
