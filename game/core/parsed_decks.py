"""Decks already read, kept in the player's cache folder so a start need not read YAML again.

Reading and checking the bundled decks is most of the game's own start-up work (the
45-drama deck alone takes about 20 ms, and importing the YAML reader 5 ms more), yet the
files rarely change. So the `Deck` read from a file is pickled beside the player's other
caches, under a name made from the file's path, and used again while the file's size and
modification time, and the code that reads decks, are the same. Anything else (a changed
file, a new version of the game, an unreadable or damaged cache file, a read-only cache
folder) reads the file as before: the cache can only save time, never change what is played.

Pickle, not JSON: a deck is nested frozen dataclasses, and pickle restores them whole in a
fraction of the time YAML takes. The files are written by the game alone, in the player's
own cache folder, which is as trusted as the game's code.
"""

from __future__ import annotations

import functools
import os
import pickle
import sys
import tempfile
import time
import zlib
from pathlib import Path

from game.core import deck as deck_module
from game.core.deck import Deck, load_deck

FORMAT = 1
KEEP = 32  # cached decks kept; the least recently written go first
STALE_TEMPORARY_S = 600  # a half-written cache file this old belongs to no running game
Stamp = tuple[int, int]  # a file's modification time (ns) and size


def file_stamp(path: Path) -> Stamp | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@functools.cache  # the code cannot change while the game runs
def _code_stamp() -> tuple[object, ...] | None:
    """What a cached deck was read by: the Python version (pickle's format) and a checksum of
    the two modules that define and read decks, so another version of the game never meets a
    deck of another shape. None when they cannot be read: then nothing is cached."""
    here = Path(deck_module.__file__)
    try:
        source = here.read_bytes() + here.with_name("deck_reader.py").read_bytes()
    except OSError:
        return None
    return FORMAT, sys.version_info[:2], zlib.crc32(source)


def _entry(folder: Path, path: Path) -> Path:
    """`NAME-CHECKSUM.pickle`: the deck's file name, told apart from others of that name by a
    checksum of its whole path (the key inside says exactly which file it holds)."""
    checksum = zlib.crc32(str(path.resolve()).encode("utf-8", "surrogatepass"))
    return folder / f"{path.stem[:40]}-{checksum:08x}.pickle"


def read_deck(path: Path, folder: Path | None) -> Deck:
    """The deck in `path`, from the cache in `folder` when it is current there (`None`: no
    cache). Raises DeckError as `load_deck` does; broken decks are never cached."""
    stamp, code = file_stamp(path), _code_stamp()
    if folder is None or stamp is None or code is None:
        return load_deck(path)
    key = (str(path.resolve()), stamp, code)
    entry = _entry(folder, path)
    try:
        with entry.open("rb") as stream:
            cached_key, deck = pickle.load(stream)
        if cached_key == key and isinstance(deck, Deck):
            return deck
    except Exception:  # missing, unreadable, damaged, or of another shape: read the file
        pass
    deck = load_deck(path)
    if file_stamp(path) == stamp:  # not changed while it was read
        _write(folder, entry, (key, deck))
    return deck


def _write(folder: Path, entry: Path, value: object) -> None:
    """Write atomically, and quietly give up: a cache that cannot be written costs only time."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".deck-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(folder)
    except (OSError, pickle.PicklingError):
        pass


def _prune(folder: Path) -> None:
    """Keep the `KEEP` newest decks, and drop what a write cut short (a killed game) left."""
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
    for leftover in folder.glob(".deck-*.tmp"):
        if time.time() - leftover.stat().st_mtime > STALE_TEMPORARY_S:  # not being written now
            leftover.unlink(missing_ok=True)
