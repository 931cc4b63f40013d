"""The player's own files: scores, settings and practice progress, kept between launches.

These files outlive any one run and may be opened by two games at once or edited by hand, so
every write is atomic (a crash leaves the old file or the new one, never half of each), every
read-modify-write holds an inter-process lock, and a damaged file is moved aside rather than
deleted: the game tells the player and starts fresh, and nothing readable is thrown away.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from game.core.records import MatchRecord
from game.core.settings import Settings, settings_from_json

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

SCORES_FILE = "scores.json"
SETTINGS_FILE = "settings.json"
PRACTICE_FILE = "practice.json"


@dataclass(frozen=True)
class LoadResult:
    data: dict[str, Any]
    warnings: tuple[str, ...]


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


@contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on a sidecar file. The data file itself cannot carry the lock
    because it is replaced on every write, and a lock on a replaced file protects nothing."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as handle:
        if sys.platform == "win32":
            handle.seek(0)
            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:  # LK_LOCK gives up after about ten seconds; keep waiting
                    continue
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class JsonFile:
    """One JSON object on disk, carrying a `version` key that callers never see."""

    def __init__(self, path: Path, *, schema_version: int = 1) -> None:
        self.path = Path(path)
        self.schema_version = schema_version
        self._lock_path = self.path.with_name(self.path.name + ".lock")

    def load(self) -> LoadResult:
        """The stored object: empty when missing; when damaged, moved aside with a warning.
        A file that cannot be read at all also gives an empty object and a warning, so the
        game goes on."""
        if not self.path.exists():
            return LoadResult({}, ())
        try:
            with _exclusive_lock(self._lock_path):
                return self._read()
        except OSError as error:
            name = self.path.name
            return LoadResult({}, (f"{name} could not be read ({_reason(error)}); starting fresh",))

    def update(self, fn: Callable[[dict[str, Any]], dict[str, Any]]) -> LoadResult:
        """Read, apply `fn`, write back, all under the lock so concurrent writers queue up
        instead of overwriting each other. Raises OSError when the file cannot be written."""
        with _exclusive_lock(self._lock_path):
            current = self._read()
            new = fn(dict(current.data))
            if not isinstance(new, dict):
                raise TypeError(f"update function returned {type(new).__name__}, not dict")
            self._write(new)
        return LoadResult(new, current.warnings)

    def _read(self) -> LoadResult:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return LoadResult({}, ())
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            return self._set_aside("was damaged")
        if not isinstance(data, dict):
            return self._set_aside("was damaged")
        version = data.pop("version", self.schema_version)
        if not isinstance(version, int) or isinstance(version, bool):
            return self._set_aside("was damaged")
        if version > self.schema_version:
            return self._set_aside("was written by a newer version of the game")
        return LoadResult(data, ())

    def _set_aside(self, what: str) -> LoadResult:
        """Rename the unusable file so the next write cannot destroy it."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        os.rename(self.path, aside)
        return LoadResult({}, (f"{self.path.name} {what}; moved to {aside.name}; starting fresh",))

    def _write(self, data: dict[str, Any]) -> None:
        """Temp file in the same directory, fsync, then os.replace: atomic on every platform."""
        text = json.dumps({"version": self.schema_version, **data}, ensure_ascii=False, indent=2)
        prefix = f".{self.path.name}."
        fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=prefix, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        if sys.platform != "win32":  # make the rename itself survive a power cut
            directory = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def match_problem(record: Any) -> str | None:
    """Why `record` is not a usable finished-match record, or None when it is."""
    if not isinstance(record, dict):
        return f"expected an object, found {type(record).__name__}"
    for key in ("id", "mode", "finished_at"):
        if not isinstance(record.get(key), str):
            return f"{key}: expected text"
    try:
        datetime.fromisoformat(record["finished_at"])
    except ValueError:
        return f"finished_at: not a date and time: {record['finished_at']!r}"
    players = record.get("players")
    if not isinstance(players, list) or not players:
        return "players: expected a non-empty list"
    for i, player in enumerate(players):
        if not isinstance(player, dict):
            return f"players[{i}]: expected an object"
        if not isinstance(player.get("name"), str) or not player["name"].strip():
            return f"players[{i}].name: expected a name"
        for key in ("points", "correct", "answered"):
            if not _is_count(player.get(key)):
                return f"players[{i}].{key}: expected a whole number ≥ 0, found {player.get(key)!r}"
    for key in ("by_kind", "by_drama", "missed_actors"):
        if not isinstance(record.get(key, {}), dict):
            return f"{key}: expected an object"
    return None


class _Warnings:
    """Warnings gathered for the screen, each shown once however often it recurs."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def _warn(self, messages: Iterable[str]) -> None:
        for message in messages:
            if message not in self.warnings:
                self.warnings.append(message)


class ScoreStore(_Warnings):
    """Finished matches and the names last entered on the setup screen.

    Damaged match entries are skipped when reading and moved to the file's `rejected` list on
    the next write, so a hand edit gone wrong costs that one entry's place in the tables and
    nothing else.
    """

    def __init__(self, home: Path) -> None:
        """Reads the file once, so a damaged one is reported (in `warnings`) at start-up."""
        super().__init__()
        self._file = JsonFile(Path(home) / SCORES_FILE)
        self._tidy(self._load())

    def record_match(self, record: dict[str, Any]) -> None:
        """Add a match, or replace the earlier save of the same match (same `id`), so a match
        can be saved after every round. Raises ValueError for a malformed record (a bug in
        the caller); a file that cannot be written becomes a warning instead."""
        problem = match_problem(record)
        if problem:
            raise ValueError(f"not a match record: {problem}")

        def append(data: dict[str, Any]) -> dict[str, Any]:
            data = self._tidy(data)
            others = [match for match in data["matches"] if match["id"] != record["id"]]
            data["matches"] = [*others, record]
            return data

        self._update(append)

    def matches(self) -> list[dict[str, Any]]:
        """Every valid finished match, oldest first."""
        return self._tidy(self._load())["matches"]

    def high_scores(self, limit: int = 10) -> list[dict[str, Any]]:
        """Best single-match results, highest first; on a tie the earlier result ranks higher."""
        results = [
            (player["points"], match["finished_at"], player["name"], match["mode"])
            for match in self.matches()
            for player in match["players"]
        ]
        results.sort(key=lambda r: (-r[0], r[1]))
        return [
            {"name": name, "points": points, "date": finished[:10], "mode": mode}
            for points, finished, name, mode in results[:limit]
        ]

    def player_bests(self, *, exclude_match: str | None = None) -> dict[str, int]:
        """Each player's best match total; `exclude_match` leaves out a match still being
        saved round by round, so its own earlier saves do not count as a previous best."""
        bests: dict[str, int] = {}
        for match in self.matches():
            if match["id"] == exclude_match:
                continue
            for player in match["players"]:
                bests[player["name"]] = max(bests.get(player["name"], 0), player["points"])
        return bests

    def last_players(self) -> list[str]:
        return self._tidy(self._load())["last_players"]

    def remember_players(self, names: Iterable[str]) -> None:
        cleaned = [name.strip() for name in names if name.strip()]

        def remember(data: dict[str, Any]) -> dict[str, Any]:
            data = self._tidy(data)
            data["last_players"] = cleaned
            return data

        self._update(remember)

    def _load(self) -> dict[str, Any]:
        result = self._file.load()
        self._warn(result.warnings)
        return result.data

    def _update(self, fn: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        try:
            self._warn(self._file.update(fn).warnings)
        except OSError as error:
            self._warn([f"could not save {SCORES_FILE} ({_reason(error)})"])

    def _tidy(self, data: dict[str, Any]) -> dict[str, Any]:
        """Split usable entries from damaged ones, keeping the damaged ones under `rejected`."""
        rejected = data.get("rejected", [])
        rejected = list(rejected) if isinstance(rejected, list) else [rejected]
        matches = data.get("matches", [])
        if not isinstance(matches, list):
            self._warn([f"{SCORES_FILE}: the match list was damaged; kept aside in the file"])
            rejected.append(matches)
            matches = []
        good = []
        for i, match in enumerate(matches):
            problem = match_problem(match)
            if problem:
                self._warn([f"{SCORES_FILE}: skipped damaged match #{i + 1} ({problem})"])
                rejected.append(match)
            else:
                good.append(match)
        players = data.get("last_players", [])
        if not isinstance(players, list) or not all(isinstance(p, str) for p in players):
            self._warn([f"{SCORES_FILE}: the remembered player names were damaged"])
            rejected.append(players)
            players = []
        tidy = {**data, "matches": good, "last_players": players}
        if rejected:
            tidy["rejected"] = rejected
        return tidy


def load_settings(home: Path) -> tuple[Settings, list[str]]:
    """The stored settings. A damaged file gives the defaults; a bad value costs only its own
    key (see `settings_from_json`); every problem comes back as a warning."""
    result = JsonFile(Path(home) / SETTINGS_FILE).load()
    settings, warnings = settings_from_json(result.data)
    return settings, [*result.warnings, *warnings]


def save_settings(home: Path, settings: Settings) -> list[str]:
    """Write the settings; returns warnings (empty when saved) rather than raising, because a
    setting that cannot be saved should not stop the game."""
    try:
        file = JsonFile(Path(home) / SETTINGS_FILE)
        return list(file.update(lambda _: settings.to_json()).warnings)
    except OSError as error:
        return [f"could not save {SETTINGS_FILE} ({_reason(error)})"]


class ProgressStore(_Warnings):
    """Practice progress (the Leitner boxes); its inner layout belongs to the practice module."""

    def __init__(self, home: Path) -> None:
        super().__init__()
        self._file = JsonFile(Path(home) / PRACTICE_FILE)

    def load(self) -> tuple[dict[str, Any], list[str]]:
        result = self._file.load()
        self._warn(result.warnings)
        return result.data, list(result.warnings)

    def save(self, data: dict[str, Any]) -> None:
        try:
            self._warn(self._file.update(lambda _: dict(data)).warnings)
        except OSError as error:
            self._warn([f"could not save {PRACTICE_FILE} ({_reason(error)})"])


class Store:
    """The player's data, built once (by the App, or by a command) and handed to every screen.

    One warnings list collects what went wrong with any of the files, each message once, so
    the title screen and the command line report them in one place.
    """

    def __init__(self, home: Path) -> None:
        from game.core.board import BestTimes
        from game.core.daily import DailyLog

        self.home = Path(home)
        self.warnings: list[str] = []
        self._scores = ScoreStore(self.home)
        self._progress = ProgressStore(self.home)
        self.daily = DailyLog(self.home)
        self.best_times = BestTimes(self.home)
        self.warn(self._scores.warnings)

    def warn(self, messages: Iterable[str]) -> None:
        for message in messages:
            if message not in self.warnings:
                self.warnings.append(message)

    def collect(self) -> None:
        """Gather what the parts have warned about since."""
        for part in (self._scores, self._progress, self.daily, self.best_times):
            self.warn(part.warnings)

    def record_match(self, record: MatchRecord) -> None:
        self._scores.record_match(record.to_json())
        self.collect()

    def matches(self) -> list[dict[str, Any]]:
        matches = self._scores.matches()
        self.collect()
        return matches

    def high_scores(self, limit: int = 10) -> list[dict[str, Any]]:
        return self._scores.high_scores(limit)

    def player_bests(self, *, exclude_match: str | None = None) -> dict[str, int]:
        return self._scores.player_bests(exclude_match=exclude_match)

    def last_players(self) -> list[str]:
        return self._scores.last_players()

    def remember_players(self, names: Iterable[str]) -> None:
        self._scores.remember_players(names)
        self.collect()

    def practice(self) -> tuple[dict[str, Any], list[str]]:
        data, warnings = self._progress.load()
        self.collect()
        return data, warnings

    def save_practice(self, data: dict[str, Any]) -> list[str]:
        """Save the progress; returns every practice warning so far (empty when all is well)."""
        self._progress.save(data)
        self.collect()
        return list(self._progress.warnings)
