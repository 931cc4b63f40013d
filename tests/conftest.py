"""Shared test set-up: headless SDL before pygame is imported, and a throwaway user home."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

import pytest


@pytest.fixture(autouse=True)
def user_home(tmp_path, monkeypatch):
    """Every test gets its own KDRAMA_QUIZ_HOME and cache folder, so no test touches a real
    player's scores or sees decks another test read."""
    home = tmp_path / "home"
    monkeypatch.setenv("KDRAMA_QUIZ_HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return home
