"""A real party host for the network tests: the game itself, started as a player would
(`python -m game --mode party --autoplay`), on 127.0.0.1 only, headless, bounded in time."""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST_TIMEOUT = 45
START_TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Host:
    process: subprocess.Popen
    url: str
    home: Path

    @property
    def code(self) -> str:
        return parse_qs(urlsplit(self.url).query)["code"][0]

    @property
    def netloc(self) -> str:
        return urlsplit(self.url).netloc

    def socket_url(self, code: str | None = None) -> str:
        return f"ws://{self.netloc}/ws?code={self.code if code is None else code}"

    def wait(self, timeout: float = HOST_TIMEOUT) -> int:
        return self.process.wait(timeout)

    def saved_matches(self) -> list[dict]:
        out = subprocess.run(
            [sys.executable, "-m", "game", "scores", "--json"],
            cwd=ROOT,
            env=host_env(self.home),
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
        return json.loads(out)["matches"]


def host_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "KDRAMA_QUIZ_HOME": str(home),
        "PYTHONPATH": str(ROOT),
    }


@pytest.fixture
def start_host(tmp_path):
    """Start the game as a party host expecting N players; stopped after the test."""
    started: list[subprocess.Popen] = []

    def start(expect: int, questions: int = 3) -> Host:
        home = tmp_path / "host-home"
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "game",
                "--mode",
                "party",
                "--bind",
                "127.0.0.1",
                "--port",
                str(free_port()),
                "--autoplay",
                "--expect",
                str(expect),
                "--rounds",
                "1",
                "--questions",
                str(questions),
                "--seed",
                "5",
            ],
            cwd=ROOT,
            env=host_env(home),
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT)
        assert ready, f"the host printed no join line in {START_TIMEOUT} s"
        line = process.stdout.readline()
        assert line.startswith("join: http://127.0.0.1:"), line
        return Host(process, line.split("join: ", 1)[1].strip(), home)

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(10)
