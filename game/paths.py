"""Where the bundled deck and assets are, and where the player's own files go.

The deck and assets sit at the top of a checkout but are copied into the package when a
wheel is built (see pyproject.toml), so both layouts are looked up here and nowhere else.
"""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "kdrama-quiz"
HOME_ENV = "KDRAMA_QUIZ_HOME"


@functools.cache
def bundle_root() -> Path:
    """The folder holding `data/` and `assets/`: inside the installed package, or the checkout.
    Looked up once: it cannot move while the game runs, and start-up asks several times."""
    package = Path(str(resources.files("game")))
    if (package / "data").is_dir():
        return package
    return package.parent


def data_dir() -> Path:
    """The bundled decks' folder."""
    return bundle_root() / "data"


def default_deck() -> Path:
    return data_dir() / "dramas.yaml"


def font_dir() -> Path:
    return bundle_root() / "assets" / "fonts"


def user_data_dir() -> Path:
    """`KDRAMA_QUIZ_HOME` when set (tests, portable installs), else the platform's data dir."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def deck_cache_dir() -> Path:
    """Where decks already read are kept (see `game.core.parsed_decks`): the platform's cache
    folder (`XDG_CACHE_HOME` on Linux), not the data folder, which holds only what the player
    would miss."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "decks"
