"""The party load test: a real host (the game's own loop, headless) against many phones.

The phones run in a child process (game.party.loadclient) so their work does not share the
host's interpreter; the host's frames are timed around `App.step`, the whole frame: inbox,
input, update and drawing. Used by `kdrama-quiz bench` and by the test suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

FPS = 60


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_party_load(
    home: Path,
    players: int = 50,
    questions: int = 5,
    timeout: float = 45.0,
    reveal_seconds: float = 0.0,
) -> dict[str, Any]:
    """Play one round of `questions` with `players` phones answering each at once, the host
    going on `reveal_seconds` after each reveal. Returns the figures and the raw facts
    (answers sent, answers the host counted). Every frame is timed, the host's key presses
    included: they go into the next frame's events, as a real key press would."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game import paths
    from game.core.deck import load_deck
    from game.ui.app import App, LaunchOptions
    from game.ui.events import key
    from game.ui.scenes.party_lobby import open_party
    from game.ui.scenes.title import TitleScene

    options = LaunchOptions(
        deck_path=paths.default_deck(),
        mode="party",
        port=0,
        bind="127.0.0.1",
        rounds=1,
        questions=questions,
        seed=9,
    )
    app = App(options, load_deck(paths.default_deck()), home)
    app.start(TitleScene(app.ctx))
    lobby = open_party(app.ctx)
    app.start(lobby)
    host = lobby.host
    import game

    env = dict(os.environ)
    package_parent = str(Path(game.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))
    client = subprocess.Popen(
        [sys.executable, "-m", "game.party.loadclient", lobby.join_address or "", str(players)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    frames: list[float] = []  # the question open at the start: answers arriving
    frames_cpu: list[float] = []  # the same frames, the game thread's own processor time
    everything: list[float] = []  # every frame from the start to the podium
    cpu: list[float] = []  # the same frames, the game thread's own processor time
    changes: list[float] = []  # frames that put up a new screen
    events: list[pygame.event.Event] = []
    revealed_at = 0.0
    deadline = time.monotonic() + timeout
    dt = 1 / FPS
    try:
        while time.monotonic() < deadline and host.phase != "podium":
            if client.poll() is not None and host.phase == "lobby":
                break  # the phones gave up (their error is on stderr)
            before = host.phase
            started, processor = time.perf_counter(), time.thread_time()
            app.step(events, dt)
            took = (time.perf_counter() - started) * 1000
            events = []
            if before != "lobby":
                own = (time.thread_time() - processor) * 1000
                everything.append(took)
                cpu.append(own)
                if before == "question":  # answers arriving, the last one closing it
                    frames.append(took)
                    frames_cpu.append(own)
                if before != host.phase:
                    changes.append(took)
            if host.phase == "reveal" and before != "reveal":
                revealed_at = time.monotonic()
            ready = host.phase == "lobby" and len(host.players) >= players
            going_on = host.phase == "reveal" and time.monotonic() - revealed_at >= reveal_seconds
            if ready or going_on:  # the host starts, and goes on after each reveal
                events = [key(pygame.K_RETURN)]
            time.sleep(max(0.0, dt - (time.perf_counter() - started)))
        out, _err = client.communicate(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if client.poll() is None:
            client.kill()
            client.wait()
        host.stop()
        pygame.quit()
    phones = json.loads(out) if out.strip() else {"latency_ms": [], "answers": [], "refused": []}
    return {
        "players": players,
        "questions": questions,
        "answers_sent": len(phones["answers"]),
        "answers_counted": host.answers_taken,
        "latency_p50_ms": round(percentile(phones["latency_ms"], 0.50), 2),
        "latency_p99_ms": round(percentile(phones["latency_ms"], 0.99), 2),
        "frame_p99_ms": round(percentile(frames, 0.99), 2),
        "frame_max_ms": round(max(frames, default=0.0), 2),
        "frame_cpu_p99_ms": round(percentile(frames_cpu, 0.99), 2),
        "frames_while_answering": len(frames),
        "new_screen_frame_max_ms": round(max(changes, default=0.0), 2),
        "round_frames": len(everything),
        "round_frame_p99_ms": round(percentile(everything, 0.99), 2),
        "round_frame_cpu_p99_ms": round(percentile(cpu, 0.99), 2),
        "refused": phones["refused"],
        "finished": host.phase == "podium",
        "phone_answers": phones["answers"],
    }


def main() -> None:
    """`python -m game.bench_party PLAYERS QUESTIONS [REVEAL_SECONDS]`: the figures as
    key=value lines."""
    import tempfile

    players, questions = (int(arg) for arg in sys.argv[1:3])
    reveal = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0
    with tempfile.TemporaryDirectory(prefix="kdrama-party-bench-") as home:
        result = run_party_load(
            Path(home), players, questions, timeout=30 + questions * 5, reveal_seconds=reveal
        )
    for name in (
        "answers_sent",
        "answers_counted",
        "latency_p50_ms",
        "latency_p99_ms",
        "frame_p99_ms",
        "frame_cpu_p99_ms",
        "frames_while_answering",
        "new_screen_frame_max_ms",
        "round_frames",
        "round_frame_p99_ms",
        "round_frame_cpu_p99_ms",
    ):
        print(f"party.{players}_phones.{name}={float(result[name])}")


if __name__ == "__main__":
    main()
