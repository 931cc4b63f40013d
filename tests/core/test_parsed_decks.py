"""Decks kept read between starts: used only while the file is unchanged, never harmful."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game import paths
from game.core import parsed_decks
from game.core.deck import DeckError, load_deck
from game.core.parsed_decks import read_deck
from game.core.synthetic import synthetic_deck_yaml

ROOT = Path(__file__).resolve().parents[2]


def write_deck(path: Path, couples: int, seed: int = 1) -> Path:
    path.write_text(synthetic_deck_yaml(couples, seed=seed), "utf-8")
    return path


def test_a_deck_read_again_is_the_same_deck(tmp_path: Path) -> None:
    deck_file = write_deck(tmp_path / "mine.yaml", 6)
    cache = tmp_path / "cache"
    first = read_deck(deck_file, cache)
    assert len(list(cache.glob("*.pickle"))) == 1
    assert read_deck(deck_file, cache) == first == load_deck(deck_file)


def test_a_changed_deck_is_read_again(tmp_path: Path) -> None:
    deck_file = write_deck(tmp_path / "mine.yaml", 6)
    cache = tmp_path / "cache"
    read_deck(deck_file, cache)
    write_deck(deck_file, 9, seed=2)
    os.utime(deck_file, ns=(1, 1))  # even with a time older than the cache file's
    assert read_deck(deck_file, cache) == load_deck(deck_file)
    assert sum(len(drama.couples) for drama in read_deck(deck_file, cache).dramas) == 9


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_cache_file_is_read_past(tmp_path: Path, damage: bytes) -> None:
    deck_file = write_deck(tmp_path / "mine.yaml", 4)
    cache = tmp_path / "cache"
    read_deck(deck_file, cache)
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(damage)
    assert read_deck(deck_file, cache) == load_deck(deck_file)
    assert read_deck(deck_file, cache) == load_deck(deck_file)  # and it was written again


def test_a_cache_written_by_other_code_is_not_used(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    deck_file = write_deck(tmp_path / "mine.yaml", 4)
    cache = tmp_path / "cache"
    read_deck(deck_file, cache)
    monkeypatch.setattr(parsed_decks, "_code_stamp", lambda: ("another version of the game",))
    calls = []
    monkeypatch.setattr(parsed_decks, "load_deck", lambda path: calls.append(path) or
                        load_deck(path))
    read_deck(deck_file, cache)
    assert calls == [deck_file]


def test_a_cache_folder_that_cannot_be_made_costs_nothing_but_time(tmp_path: Path) -> None:
    deck_file = write_deck(tmp_path / "mine.yaml", 4)
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    assert read_deck(deck_file, blocked / "cache") == load_deck(deck_file)
    assert not list(tmp_path.glob("**/.deck-*"))  # no temporary file left behind


def test_a_broken_deck_is_never_cached(tmp_path: Path) -> None:
    deck_file = tmp_path / "broken.yaml"
    deck_file.write_text("title: x\ndramas: []\n", "utf-8")
    cache = tmp_path / "cache"
    for _ in range(2):
        with pytest.raises(DeckError, match="empty"):
            read_deck(deck_file, cache)
    assert not cache.exists() or not list(cache.iterdir())


def test_only_the_most_recent_decks_are_kept(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for n in range(parsed_decks.KEEP + 3):
        read_deck(write_deck(tmp_path / f"deck-{n}.yaml", 2, seed=n), cache)
    assert len(list(cache.glob("*.pickle"))) == parsed_decks.KEEP


def test_a_write_cut_short_is_cleared_once_stale(tmp_path: Path) -> None:
    """A game killed while writing leaves a temporary file: a later write clears it, but not
    one that another running game may be writing now."""
    cache = tmp_path / "cache"
    cache.mkdir()
    stale, fresh = cache / ".deck-killed.tmp", cache / ".deck-writing.tmp"
    for leftover in (stale, fresh):
        leftover.write_bytes(b"half a pickle")
    old = time.time() - parsed_decks.STALE_TEMPORARY_S - 60
    os.utime(stale, (old, old))
    read_deck(write_deck(tmp_path / "mine.yaml", 2), cache)
    assert not stale.exists() and fresh.exists()


def test_games_starting_together_all_get_the_deck(tmp_path: Path) -> None:
    """Several copies filling an empty cache at once: each reads its deck, and the cache
    they leave is whole."""
    deck_file = write_deck(tmp_path / "mine.yaml", 300)
    cache = tmp_path / "cache"
    probe = ("import sys; from pathlib import Path; from game.core.parsed_decks import "
             "read_deck; print(len(read_deck(Path(sys.argv[1]), Path(sys.argv[2])).dramas))")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    copies = [subprocess.Popen([sys.executable, "-c", probe, str(deck_file), str(cache)],
                               env=env, stdout=subprocess.PIPE, text=True) for _ in range(6)]
    dramas = str(len(load_deck(deck_file).dramas))
    assert [copy.communicate()[0].strip() for copy in copies] == [dramas] * 6
    assert [p.name for p in cache.iterdir() if p.suffix == ".tmp"] == []
    assert read_deck(deck_file, cache) == load_deck(deck_file)


def test_a_second_start_does_not_read_yaml(tmp_path: Path) -> None:
    """What the cache is for: the chosen decks come back without the YAML reader."""
    probe = ("import sys; from game.cli import _selection; deck = _selection(None).deck; "
             "print(len(deck.dramas), 'yaml' in sys.modules)")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    runs = [subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                           text=True, check=True).stdout.split() for _ in range(2)]
    dramas = str(len(load_deck(paths.default_deck()).dramas))
    assert runs == [[dramas, "True"], [dramas, "False"]]
    assert list(paths.deck_cache_dir().glob("dramas-*.pickle"))
