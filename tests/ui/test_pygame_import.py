"""The window package imports pygame without setuptools' slow `pkg_resources`, and pygame
still finds its own files (the default font, the window icon)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import sys
import game.ui
import pygame
print("pkg_resources" in sys.modules)
pygame.display.init()
pygame.display.set_mode((64, 48))
pygame.font.init()
print(pygame.font.Font(None, 24).render("Jisoo", True, (0, 0, 0)).get_width() > 0)
import pkg_resources
print(pkg_resources.__name__)
"""


@pytest.mark.skipif(importlib.util.find_spec("pkg_resources") is None,
                    reason="setuptools is not installed: pygame cannot import it anyway")
def test_pygame_starts_without_pkg_resources_and_keeps_its_files() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), SDL_VIDEODRIVER="dummy")
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                         text=True, check=True)
    assert out.stdout.split() == ["False", "True", "pkg_resources"]
    assert "Traceback" not in out.stderr
