"""The command line plays the decks chosen on the deck screen, or every `--deck` given."""

from __future__ import annotations

import json
from pathlib import Path

from game import paths
from game.cli import main
from game.core.library import user_decks_dir
from game.core.settings import Settings
from game.core.store import save_settings
from tests.core.test_library import BROKEN, TWO


def test_questions_from_two_decks_given_with_deck_twice(tmp_path: Path, capsys):
    two = tmp_path / "two.yaml"
    two.write_text(TWO, "utf-8")
    args = [
        "questions",
        "--deck",
        str(paths.default_deck()),
        "--deck",
        str(two),
        "--json",
        "--count",
        "130",  # three times the subjects of both decks: each comes up
        "--seed",
        "1",
    ]
    assert main(args) == 0
    dramas = {q["subject"]["drama"] for q in json.loads(capsys.readouterr().out)}
    assert "two-its-okay-to-not-be-okay" in dramas and "crash-landing-on-you" in dramas


def test_a_broken_deck_on_the_command_line_is_exit_2_with_checks_message(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, "utf-8")
    assert main(["questions", "--deck", str(broken)]) == 2
    assert capsys.readouterr().err.strip() == (
        "broken.yaml:3: dramas[0]: missing required key 'couples'"
    )


def test_check_without_paths_checks_the_chosen_decks(user_home: Path, capsys):
    folder = user_decks_dir(user_home)
    folder.mkdir(parents=True)
    (folder / "two.yaml").write_text(TWO, "utf-8")
    keys = ("bundled:dramas.yaml", str((folder / "two.yaml").resolve()))
    assert save_settings(user_home, Settings(decks=keys)) == []
    assert main(["check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ok")[0] for line in lines] == [
        str(paths.default_deck()),
        str(folder / "two.yaml"),
    ]


def test_a_remembered_deck_that_broke_is_left_out_with_a_warning(user_home: Path, capsys):
    folder = user_decks_dir(user_home)
    folder.mkdir(parents=True)
    (folder / "gone-bad.yaml").write_text(BROKEN, "utf-8")
    save_settings(user_home, Settings(decks=(str((folder / "gone-bad.yaml").resolve()),)))
    assert main(["questions", "--count", "2", "--seed", "1"]) == 0
    captured = capsys.readouterr()
    assert captured.err.strip() == (
        "warning: deck gone-bad.yaml left out: gone-bad.yaml:3: "
        "dramas[0]: missing required key 'couples'"
    )
    assert "1. " in captured.out
