"""The wheel carries the deck, the fonts and their licence, so a non-editable install works."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_deck_and_assets(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True, timeout=300)
    (wheel,) = tmp_path.glob("kdrama_quiz-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "game/data/dramas.yaml" in names
    assert "game/assets/fonts/OFL.txt" in names
    assert "game/assets/fonts/NotoSansKR-Regular-subset.otf" in names
    assert "game/assets/fonts/NotoSansKR-Bold-subset.otf" in names
    assert "game/cli.py" in names and "game/core/deck.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "kdrama-quiz = game.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_package_finds_its_deck_from_another_directory(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(tmp_path / "site"), str(ROOT)], check=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = ("from game import paths; from game.core.deck import load_deck; "
             "d = load_deck(paths.default_deck()); "
             "print(paths.bundle_root(), len(d.dramas), (paths.font_dir() / 'OFL.txt').is_file())")
    out = subprocess.run([sys.executable, "-c", probe], cwd=elsewhere, check=True,
                         capture_output=True, text=True, env={"PYTHONPATH": str(tmp_path / "site"),
                                                              "PATH": "/usr/bin:/bin"}).stdout
    root, dramas, font_licence = out.split()
    assert Path(root).is_relative_to(tmp_path / "site")
    assert dramas == "8" and font_licence == "True"
