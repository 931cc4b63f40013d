"""A private X server (Xvfb) for the tests that open the real window, and xdotool to drive it:
one copy for every such test, so they start and stop the server the same way."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def xvfb(first_number: int, size: tuple[int, int]) -> Iterator[str]:
    """An Xvfb screen of `size` on a display number chosen from `first_number` and the pid
    (parallel test runs don't collide); yields the DISPLAY value, stops the server after."""
    number = first_number + os.getpid() % 9
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                break
            time.sleep(0.1)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def xdotool(display: str, *args: str) -> str:
    env = {**os.environ, "DISPLAY": display}
    return subprocess.run(
        ["xdotool", *args], env=env, check=True, capture_output=True, text=True, timeout=20
    ).stdout
