"""The player's data: one SQLite database in the data folder, and the small settings file.

Why SQLite (the standard library's `sqlite3`): the history grows without bound and two copies
of the game may run at once. Rewriting one JSON file per save froze the window for seconds
with a long history, and two copies overwrote each other's practice. Here every answer and
every practice review is one small transaction, so a `kill -9` loses at most the answer in
flight and two copies never lose each other's work (WAL mode, a busy timeout, `BEGIN
IMMEDIATE` for every write).

What is kept (`SCHEMA`, version in `PRAGMA user_version`, upgraded by `MIGRATIONS`):

- `matches`, `match_players`, `questions`, `picks`, `board_scores`: every match, finished or
  not, with every question dealt and every pick made; `legacy_counts` holds the per-kind,
  per-drama and missed-actor counts of matches imported from the old `scores.json`, which
  kept no questions.
- `daily`: each player's daily challenge per day (started, then its result).
- `board_times`: the best time per deck and board variant.
- `practice`: one row per practice card, `(card_id, due, state, updated_at)`; `state` is
  whatever JSON the practice module gives, so the scheduler can change without the store.
- `remembered`: small values such as the names last entered.

Files of older versions (`scores.json`, `practice.json`, `boards.json`, `daily.json`) are
imported once, on the first start, then renamed `*.imported`; nothing is thrown away.

Trouble never stops the game and never passes silently: a read-only folder or database is
opened read-only (everything is shown; one warning says progress can't be saved); a damaged
database is moved aside as `*.corrupt-DATE` and a fresh one started; a `KDRAMA_QUIZ_HOME`
that is a file gives one clear warning. All of it lands in `Store.warnings`, shown on the
title screen and printed by the command line.

Statistics are SQL queries over indexed tables, so a history of 200,000 matches costs
milliseconds to summarise, not a loop over every match.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from game.core.board import BestTime
from game.core.records import (
    ACTOR_KINDS,
    BoardResult,
    MatchPlan,
    MatchRecord,
    Pick,
    PlayerResult,
    QuestionRecord,
)
from game.core.settings import Settings, settings_from_json

DATABASE_FILE = "kdrama-quiz.sqlite3"
SETTINGS_FILE = "settings.json"
SCORES_FILE = "scores.json"
PRACTICE_FILE = "practice.json"
BOARDS_FILE = "boards.json"
DAILY_FILE = "daily.json"
BUSY_TIMEOUT_S = 10.0
RESUMABLE_MODES = ("classic", "board")  # the daily challenge resumes from its own screen
READ_ONLY_WARNING = "the data folder is read-only: everything is shown, but progress can't be saved"

# Schema version 1, as the first SQLite release of the game wrote it.
_SCHEMA_1 = """
CREATE TABLE matches (
    id TEXT PRIMARY KEY,
    mode TEXT NOT NULL,
    deck TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    rounds INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0,
    plan TEXT
);
CREATE INDEX matches_by_time ON matches (finished_at);
CREATE TABLE match_players (
    match_id TEXT NOT NULL,
    seat INTEGER NOT NULL,
    name TEXT NOT NULL,
    points INTEGER NOT NULL DEFAULT 0,
    correct INTEGER NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (match_id, seat)
);
CREATE INDEX match_players_by_name ON match_players (name, points);
CREATE TABLE questions (
    match_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    round_no INTEGER NOT NULL,
    kind TEXT NOT NULL,
    prompt TEXT NOT NULL,
    options TEXT NOT NULL,
    answer INTEGER NOT NULL,
    drama TEXT NOT NULL DEFAULT '',
    character TEXT,
    actor TEXT,
    PRIMARY KEY (match_id, position)
);
CREATE TABLE picks (
    match_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    player TEXT NOT NULL,
    option INTEGER,
    seconds REAL NOT NULL,
    correct INTEGER NOT NULL,
    points INTEGER NOT NULL DEFAULT 0,
    halved INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (match_id, position, player)
);
CREATE TABLE board_scores (
    match_id TEXT NOT NULL,
    round_no INTEGER NOT NULL,
    player TEXT NOT NULL,
    points INTEGER NOT NULL,
    correct INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    PRIMARY KEY (match_id, round_no, player)
);
CREATE TABLE legacy_counts (
    match_id TEXT NOT NULL,
    player TEXT NOT NULL,
    what TEXT NOT NULL,
    key TEXT NOT NULL,
    correct INTEGER NOT NULL,
    answered INTEGER NOT NULL
);
CREATE TABLE daily (
    player TEXT NOT NULL,
    day TEXT NOT NULL,
    match_id TEXT,
    points INTEGER,
    correct INTEGER,
    answered INTEGER,
    PRIMARY KEY (player, day)
);
CREATE TABLE board_times (
    key TEXT PRIMARY KEY,
    seconds REAL NOT NULL,
    player TEXT NOT NULL,
    date TEXT NOT NULL
);
CREATE TABLE practice (
    card_id TEXT PRIMARY KEY,
    due TEXT NOT NULL,
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE remembered (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Each entry upgrades the schema by one version: MIGRATIONS[0] makes version 1 from nothing.
MIGRATIONS: tuple[str, ...] = (
    _SCHEMA_1,
    # 2: a match can be resumed after the game closes (time on the waiting question, the
    # board in progress, whether it is still offered), and what a player has been asked is
    # looked up by question (issue 9's exposure) without scanning every pick.
    """
    ALTER TABLE matches ADD COLUMN round_no INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE matches ADD COLUMN time_used REAL NOT NULL DEFAULT 0;
    ALTER TABLE matches ADD COLUMN board_state TEXT;
    ALTER TABLE matches ADD COLUMN open INTEGER NOT NULL DEFAULT 1;
    CREATE INDEX picks_by_player ON picks (player, match_id, position, correct);
    CREATE INDEX matches_open ON matches (open, complete);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

# A match counts in the tables once it has a finished round (as the old file saved it) or is
# complete; one abandoned at its first question does not count as a 0-point match.
_COUNTED = "(m.complete = 1 OR m.rounds > 0)"


@dataclass(frozen=True)
class LoadResult:
    data: dict[str, Any]
    warnings: tuple[str, ...]


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def _aside(path: Path, label: str) -> Path:
    """A free name beside `path` for setting it aside: NAME.LABEL-DATE[-n]."""
    aside = path.with_name(f"{path.name}.{label}-{_stamp()}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.{label}-{_stamp()}-{n}")
    return aside


# -- small JSON files (settings, and reading the old files once) ---------------------------
class JsonFile:
    """One JSON object on disk, carrying a `version` key that callers never see. Used for the
    settings (small and meant to be edited by hand) and to read the files older versions
    kept. Writes are atomic: a temp file beside it, fsync, then `os.replace`."""

    def __init__(self, path: Path, *, schema_version: int = 1) -> None:
        self.path = Path(path)
        self.schema_version = schema_version

    def load(self, *, set_aside: bool = True) -> LoadResult:
        """The stored object: empty when missing. A damaged one is moved aside (unless
        `set_aside` is False, for a read-only folder) with a warning that says where."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return LoadResult({}, ())
        except OSError as error:
            return LoadResult({}, (f"{self.path.name} could not be read ({_reason(error)})",))
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            return self._damaged("was damaged", set_aside)
        if not isinstance(data, dict):
            return self._damaged("was damaged", set_aside)
        version = data.pop("version", self.schema_version)
        if not isinstance(version, int) or isinstance(version, bool):
            return self._damaged("was damaged", set_aside)
        if version > self.schema_version:
            return self._damaged("was written by a newer version of the game", set_aside)
        return LoadResult(data, ())

    def _damaged(self, what: str, set_aside: bool) -> LoadResult:
        name = self.path.name
        if not set_aside:
            return LoadResult({}, (f"{name} {what}; left as it is (the folder is read-only)",))
        aside = _aside(self.path, "corrupt")
        try:
            os.rename(self.path, aside)
        except OSError as error:
            return LoadResult(
                {},
                (
                    f"{name} {what} and could not be moved aside "
                    f"({_reason(error)}); it is left as it is",
                ),
            )
        return LoadResult({}, (f"{name} {what}; moved to {aside.name}; starting fresh",))

    def write(self, data: dict[str, Any]) -> None:
        """Temp file in the same directory, fsync, then os.replace: atomic on every platform.
        Raises OSError when the file cannot be written."""
        text = json.dumps({"version": self.schema_version, **data}, ensure_ascii=False, indent=2)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
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


def load_settings(home: Path) -> tuple[Settings, list[str]]:
    """The stored settings. A damaged file gives the defaults; a bad value costs only its own
    key (see `settings_from_json`); every problem comes back as a warning."""
    home = Path(home)
    if home.exists() and not home.is_dir():
        return Settings(), []  # the Store says what is wrong with the folder, once
    result = JsonFile(home / SETTINGS_FILE).load(set_aside=os.access(home, os.W_OK))
    settings, warnings = settings_from_json(result.data)
    return settings, [*result.warnings, *warnings]


def save_settings(home: Path, settings: Settings) -> list[str]:
    """Write the settings; returns warnings (empty when saved) rather than raising, because a
    setting that cannot be saved should not stop the game."""
    try:
        JsonFile(Path(home) / SETTINGS_FILE).write(settings.to_json())
    except OSError as error:
        return [f"could not save {SETTINGS_FILE} ({_reason(error)})"]
    return []


# -- the database ---------------------------------------------------------------------------
def _migrate(db: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION, one version per transaction."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for target in range(version + 1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another copy may have migrated while this one waited for the lock.
            if db.execute("PRAGMA user_version").fetchone()[0] >= target:
                db.execute("ROLLBACK")
                continue
            for statement in MIGRATIONS[target - 1].split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {target}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def _bool(value: Any) -> bool:
    return bool(value)


class Store:
    """The player's data. Built once (by the App, or by a command) and handed to every screen.

    Reads never raise; writes that fail become a warning. `warnings` is the one list of what
    went wrong, each message once.
    """

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.path = self.home / DATABASE_FILE
        self.warnings: list[str] = []
        self.read_only = False
        self._db = self._open()

    # -- warnings ------------------------------------------------------------------------
    def warn(self, messages: Iterable[str]) -> None:
        for message in messages:
            if message not in self.warnings:
                self.warnings.append(message)

    # -- opening -------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        home = self.home
        if home.exists() and not home.is_dir():
            self.warn(
                [
                    f"KDRAMA_QUIZ_HOME points at a file, not a folder ({home}): nothing "
                    "can be loaded or saved; point it at a folder"
                ]
            )
            return self._memory()
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self.warn(
                [
                    f"the data folder {home} could not be created ({_reason(error)}): "
                    "progress can't be saved"
                ]
            )
            return self._memory()
        writable = os.access(home, os.W_OK) and (
            not self.path.exists() or os.access(self.path, os.W_OK)
        )
        if writable:
            try:
                return self._open_writable()
            except sqlite3.DatabaseError as error:
                if not self._read_only_error(error):
                    return self._start_fresh(error)
        return self._open_read_only()

    @staticmethod
    def _read_only_error(error: sqlite3.DatabaseError) -> bool:
        text = str(error).lower()
        return "readonly" in text or "read-only" in text or "unable to open" in text

    def _connect(self, target: str, *, uri: bool = False) -> sqlite3.Connection:
        db = sqlite3.connect(
            target, timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=uri, check_same_thread=False
        )
        db.row_factory = sqlite3.Row
        return db

    def _open_writable(self) -> sqlite3.Connection:
        fresh = not self.path.exists()
        db = self._connect(str(self.path))
        try:
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                db.close()
                self.warn(
                    [
                        f"{DATABASE_FILE} was written by a newer version of the game: "
                        "it is shown but not changed"
                    ]
                )
                return self._open_read_only(warn=False)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            _migrate(db)
            db.execute("SELECT count(*) FROM matches").fetchone()  # a damaged file fails here
        except BaseException:
            db.close()
            raise
        if fresh or self._has_old_files():
            self._import_old_files(db, rename=True)
        return db

    def _open_read_only(self, *, warn: bool = True) -> sqlite3.Connection:
        """The database as it is, for reading only. A WAL database in a read-only folder
        cannot make its shared-memory file, so `immutable` is the way in there."""
        self.read_only = True
        if warn:
            self.warn([READ_ONLY_WARNING])
        if not self.path.exists():
            db = self._memory(read_only=True)
            self._import_old_files(db, rename=False)
            return db
        for query in ("mode=ro", "immutable=1"):
            try:
                db = self._connect(f"{self.path.resolve().as_uri()}?{query}", uri=True)
                version = db.execute("PRAGMA user_version").fetchone()[0]
                db.execute("SELECT count(*) FROM matches").fetchone()
            except sqlite3.DatabaseError:
                continue
            if version < SCHEMA_VERSION:  # too old to read as it is: an upgraded copy in memory
                memory = self._memory(read_only=True)
                db.backup(memory)
                db.close()
                _migrate(memory)
                return memory
            return db
        self.warn(
            [f"{DATABASE_FILE} could not be read and the folder is read-only: nothing is shown"]
        )
        return self._memory(read_only=True)

    def _memory(self, *, read_only: bool = True) -> sqlite3.Connection:
        """An empty database in memory: the game runs, nothing is kept."""
        self.read_only = read_only
        db = self._connect(":memory:")
        _migrate(db)
        return db

    def _start_fresh(self, error: BaseException) -> sqlite3.Connection:
        """Move a damaged database (and its WAL files) aside and start a new one."""
        aside = _aside(self.path, "corrupt")
        try:
            os.rename(self.path, aside)
            for suffix in ("-wal", "-shm"):
                extra = self.path.with_name(self.path.name + suffix)
                if extra.exists():
                    os.rename(extra, aside.with_name(aside.name + suffix))
        except OSError as rename_error:
            self.warn(
                [
                    f"{DATABASE_FILE} is damaged ({error}) and could not be moved aside "
                    f"({_reason(rename_error)}): progress can't be saved"
                ]
            )
            return self._memory()
        self.warn([f"{DATABASE_FILE} was damaged ({error}); moved to {aside.name}; starting fresh"])
        return self._open_writable()

    # -- transactions --------------------------------------------------------------------
    @contextmanager
    def _write(self, what: str) -> Iterator[sqlite3.Connection | None]:
        """One write transaction, taken at once (`BEGIN IMMEDIATE`) so two copies queue up
        instead of failing halfway. Yields None when nothing can be saved; a failure
        becomes a warning naming `what` was not saved."""
        if self.read_only:
            yield None
            return
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            self.warn([f"could not save {what} ({error})"])
            yield None
            return
        try:
            yield db
            db.execute("COMMIT")
        except sqlite3.Error as error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            self.warn([f"could not save {what} ({error})"])

    def _rows(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as error:
            self.warn([f"{DATABASE_FILE} could not be read ({error})"])
            return []

    def close(self) -> None:
        self._db.close()

    # -- matches -------------------------------------------------------------------------
    def record_match(self, record: MatchRecord) -> None:
        """Save a match whole, finished or not: a new one, or the same `id` again (after a
        round, a board score or the end), replacing what was saved before."""
        with self._write("the match") as db:
            if db is not None:
                self._put_match(db, record)

    def _put_match(self, db: sqlite3.Connection, record: MatchRecord) -> None:
        plan = None if record.plan is None else json.dumps(record.plan.to_json())
        board = (
            None
            if record.board_state is None
            else json.dumps(dict(record.board_state), ensure_ascii=False)
        )
        db.execute(
            "INSERT INTO matches (id, mode, deck, finished_at, rounds, complete, plan, "
            "round_no, time_used, board_state, open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, deck = excluded.deck, "
            "finished_at = excluded.finished_at, rounds = excluded.rounds, "
            "complete = excluded.complete, plan = excluded.plan, round_no = excluded.round_no, "
            "time_used = excluded.time_used, board_state = excluded.board_state, "
            "open = open AND NOT excluded.complete",
            (
                record.id,
                record.mode,
                record.deck,
                record.finished_at,
                record.rounds,
                int(record.complete),
                plan,
                record.round_no,
                record.time_used,
                board,
                int(not record.complete),
            ),
        )
        for table in ("match_players", "picks", "board_scores"):
            db.execute(f"DELETE FROM {table} WHERE match_id = ?", (record.id,))
        db.executemany(
            "INSERT INTO match_players (match_id, seat, name, points, correct, answered) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (record.id, seat, p.name, p.points, p.correct, p.answered)
                for seat, p in enumerate(record.players)
            ],
        )
        db.executemany(
            "INSERT OR REPLACE INTO questions (match_id, position, round_no, kind, prompt, "
            "options, answer, drama, character, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    record.id,
                    i,
                    q.round_no,
                    q.kind,
                    q.prompt,
                    json.dumps(list(q.options), ensure_ascii=False),
                    q.answer,
                    q.drama,
                    q.character,
                    q.actor,
                )
                for i, q in enumerate(record.questions)
            ],
        )
        db.executemany(
            "INSERT INTO picks (match_id, position, player, option, seconds, correct, points, "
            "halved) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    record.id,
                    i,
                    name,
                    pick.option,
                    pick.seconds,
                    int(pick.correct),
                    pick.points,
                    int(pick.halved),
                )
                for i, q in enumerate(record.questions)
                for name, pick in q.picks.items()
            ],
        )
        db.executemany(
            "INSERT INTO board_scores (match_id, round_no, player, points, correct, answered) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (record.id, b.round_no, b.player, b.points, b.correct, b.answered)
                for b in record.boards
            ],
        )

    def save_answer(
        self, match_id: str, position: int, player: str, pick: Pick, totals: PlayerResult
    ) -> None:
        """One answer, as it is given: the pick and the player's new totals, in one small
        transaction. The match and its questions were saved when the round was dealt."""
        with self._write("the answer") as db:
            if db is None:
                return
            db.execute(
                "INSERT OR REPLACE INTO picks (match_id, position, player, option, seconds, "
                "correct, points, halved) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    match_id,
                    position,
                    player,
                    pick.option,
                    pick.seconds,
                    int(pick.correct),
                    pick.points,
                    int(pick.halved),
                ),
            )
            db.execute(
                "UPDATE match_players SET points = ?, correct = ?, answered = ? "
                "WHERE match_id = ? AND name = ?",
                (totals.points, totals.correct, totals.answered, match_id, player),
            )
            db.execute(
                "UPDATE matches SET finished_at = ?, time_used = 0 WHERE id = ?", (_now(), match_id)
            )

    def save_pause(
        self, match_id: str, time_used: float, board_state: Mapping[str, Any] | None = None
    ) -> None:
        """Where a match was left: seconds spent on the waiting question, and the board in
        progress (its pairs made), so Resume picks up exactly there, even after a restart."""
        state = None if board_state is None else json.dumps(board_state, ensure_ascii=False)
        with self._write("where the match was left") as db:
            if db is not None:
                db.execute(
                    "UPDATE matches SET time_used = ?, board_state = ? WHERE id = ?",
                    (time_used, state, match_id),
                )

    def board_state(self, match_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT board_state FROM matches WHERE id = ?", (match_id,))
        if not rows or rows[0][0] is None:
            return None
        try:
            state = json.loads(rows[0][0])
        except ValueError:
            return None
        return state if isinstance(state, dict) else None

    def _open_ids(self, players: Sequence[str], modes: Sequence[str]) -> list[str]:
        """Matches still offered for Resume to exactly these players, newest first."""
        if not players:
            return []
        marks = ",".join("?" * len(modes))
        rows = self._rows(
            f"SELECT m.id FROM matches m WHERE m.open = 1 AND m.complete = 0 "
            f"AND m.mode IN ({marks}) AND (SELECT group_concat(name, char(31)) FROM "
            f"(SELECT name FROM match_players WHERE match_id = m.id ORDER BY seat)) = ? "
            f"ORDER BY m.finished_at DESC, m.rowid DESC",
            (*modes, "\x1f".join(players)),
        )
        return [row[0] for row in rows]

    def unfinished(
        self, players: Sequence[str], modes: Sequence[str] = RESUMABLE_MODES
    ) -> MatchRecord | None:
        """The newest match left unfinished by exactly these players, to offer as Resume."""
        ids = self._open_ids(players, modes)
        return self.match(ids[0]) if ids else None

    def close_unfinished(self, players: Sequence[str], keep: str | None = None) -> None:
        """Stop offering these players' unfinished matches (but `keep`) for Resume: a new
        match was started instead. They stay in the history, marked unfinished."""
        ids = [
            match_id for match_id in self._open_ids(players, RESUMABLE_MODES) if match_id != keep
        ]
        if not ids:
            return
        with self._write("the match") as db:
            if db is not None:
                db.executemany(
                    "UPDATE matches SET open = 0 WHERE id = ?", [(match_id,) for match_id in ids]
                )

    def match(self, match_id: str) -> MatchRecord | None:
        """One match with its questions and picks."""
        rows = self._rows("SELECT * FROM matches WHERE id = ?", (match_id,))
        if not rows:
            return None
        row = rows[0]
        players = tuple(
            PlayerResult(r["name"], r["points"], r["correct"], r["answered"])
            for r in self._rows(
                "SELECT * FROM match_players WHERE match_id = ? ORDER BY seat", (match_id,)
            )
        )
        picks: dict[int, dict[str, Pick]] = {}
        for r in self._rows("SELECT * FROM picks WHERE match_id = ?", (match_id,)):
            picks.setdefault(r["position"], {})[r["player"]] = Pick(
                r["option"], r["seconds"], _bool(r["correct"]), r["points"], _bool(r["halved"])
            )
        questions = tuple(
            QuestionRecord(
                r["round_no"],
                r["kind"],
                r["prompt"],
                tuple(json.loads(r["options"])),
                r["answer"],
                r["drama"],
                r["character"],
                r["actor"],
                picks.get(r["position"], {}),
            )
            for r in self._rows(
                "SELECT * FROM questions WHERE match_id = ? ORDER BY position", (match_id,)
            )
        )
        boards = tuple(
            BoardResult(r["round_no"], r["player"], r["points"], r["correct"], r["answered"])
            for r in self._rows(
                "SELECT * FROM board_scores WHERE match_id = ? ORDER BY round_no, rowid",
                (match_id,),
            )
        )
        plan = None
        if row["plan"]:
            try:
                plan = MatchPlan.from_json(json.loads(row["plan"]))
            except (ValueError, KeyError, TypeError):
                plan = None
        return MatchRecord(
            row["id"],
            row["mode"],
            row["deck"],
            row["finished_at"],
            row["rounds"],
            _bool(row["complete"]),
            players,
            questions,
            boards,
            plan,
            row["time_used"],
            row["round_no"],
            self.board_state(match_id),
        )

    def matches(self) -> list[MatchRecord]:
        """Every match, finished or not, oldest first."""
        ids = self._rows("SELECT id FROM matches ORDER BY finished_at, rowid")
        return [record for (match_id,) in ids if (record := self.match(match_id)) is not None]

    def matches_json(self) -> Iterator[str]:
        """Every match as the JSON text `scores --json` prints, oldest first. SQLite writes
        the JSON itself, so a long history streams out without building Python objects."""
        sql = """
        SELECT json_object(
          'id', m.id, 'finished_at', m.finished_at, 'deck', m.deck, 'mode', m.mode,
          'rounds', m.rounds, 'complete', json(CASE WHEN m.complete THEN 'true' ELSE 'false' END),
          'players', (SELECT json_group_array(json_object('name', name, 'points', points,
                        'correct', correct, 'answered', answered))
                      FROM (SELECT * FROM match_players WHERE match_id = m.id ORDER BY seat)),
          'questions', (SELECT json_group_array(json_object(
                          'kind', q.kind, 'prompt', q.prompt, 'options', json(q.options),
                          'answer', q.answer,
                          'picks', (SELECT json_group_object(p.player, json_object(
                                       'option', p.option, 'seconds', round(p.seconds, 2),
                                       'correct', json(CASE WHEN p.correct THEN 'true'
                                                            ELSE 'false' END)))
                                    FROM picks p WHERE p.match_id = q.match_id
                                    AND p.position = q.position)))
                        FROM (SELECT * FROM questions WHERE match_id = m.id
                              ORDER BY position) q))
        FROM matches m ORDER BY m.finished_at, m.rowid
        """
        try:
            for (text,) in self._db.execute(sql):
                yield text
        except sqlite3.DatabaseError as error:
            self.warn([f"{DATABASE_FILE} could not be read ({error})"])

    def high_scores(self, limit: int = 10) -> list[dict[str, Any]]:
        """Best single-match results, highest first; on a tie the earlier result ranks higher."""
        rows = self._rows(
            f"SELECT mp.name, mp.points, m.finished_at, m.mode FROM match_players mp "
            f"JOIN matches m ON m.id = mp.match_id WHERE {_COUNTED} "
            f"ORDER BY mp.points DESC, m.finished_at LIMIT ?",
            (limit,),
        )
        return [
            {
                "name": r["name"],
                "points": r["points"],
                "date": r["finished_at"][:10],
                "mode": r["mode"],
            }
            for r in rows
        ]

    def player_bests(self, *, exclude_match: str | None = None) -> dict[str, int]:
        """Each player's best match total; `exclude_match` leaves out a match still being
        saved, so its own earlier saves do not count as a previous best."""
        rows = self._rows(
            f"SELECT mp.name, max(mp.points) FROM match_players mp JOIN matches m "
            f"ON m.id = mp.match_id WHERE {_COUNTED} AND m.id IS NOT ? GROUP BY mp.name",
            (exclude_match,),
        )
        return {name: best for name, best in rows}

    def question_exposure(self, players: Sequence[str]) -> dict[tuple[str, str], tuple[int, int]]:
        """(kind, prompt) -> (times any of `players` was asked it, times they missed it):
        one indexed query, for dealing fresh and once-missed questions first."""
        if not players:
            return {}
        marks = ",".join("?" * len(players))
        rows = self._rows(
            f"SELECT q.kind, q.prompt, count(*), sum(1 - p.correct) FROM picks p "
            f"JOIN questions q ON q.match_id = p.match_id AND q.position = p.position "
            f"WHERE p.player IN ({marks}) GROUP BY q.kind, q.prompt",
            tuple(players),
        )
        return {(kind, prompt): (seen, missed) for kind, prompt, seen, missed in rows}

    # -- the statistics, as queries ------------------------------------------------------
    def player_summaries(self) -> list[tuple[str, int, int, int, int, int]]:
        """(name, matches, best, total points, correct, answered), most matches first."""
        rows = self._rows(
            f"SELECT mp.name, count(*), max(mp.points), sum(mp.points), sum(mp.correct), "
            f"sum(mp.answered) FROM match_players mp JOIN matches m ON m.id = mp.match_id "
            f"WHERE {_COUNTED} GROUP BY mp.name"
        )
        return sorted((tuple(r) for r in rows), key=lambda r: (-r[1], -r[2], r[0]))

    def accuracy(self, what: str, player: str | None) -> dict[str, tuple[int, int]]:
        """key -> (correct, answered) by question `what` ("kind" or "drama")."""
        column = {"kind": "q.kind", "drama": "q.drama"}[what]
        sql = (
            f"SELECT {column}, sum(p.correct), count(*) FROM picks p JOIN questions q "
            f"ON q.match_id = p.match_id AND q.position = p.position "
            f"JOIN matches m ON m.id = p.match_id WHERE {_COUNTED} "
            f"AND (:player IS NULL OR p.player = :player) GROUP BY {column} "
            f"UNION ALL SELECT l.key, sum(l.correct), sum(l.answered) FROM legacy_counts l "
            f"WHERE l.what = :what AND (:player IS NULL OR l.player = :player) GROUP BY l.key"
        )
        totals: dict[str, tuple[int, int]] = {}
        for key, correct, answered in self._rows(sql, {"player": player, "what": what}):
            old = totals.get(key, (0, 0))
            totals[key] = (old[0] + correct, old[1] + answered)
        return totals

    def missed_actors(self, player: str | None) -> dict[str, int]:
        kinds = ",".join(f"'{kind}'" for kind in sorted(ACTOR_KINDS))
        sql = (
            f"SELECT q.actor, count(*) FROM picks p JOIN questions q "
            f"ON q.match_id = p.match_id AND q.position = p.position "
            f"JOIN matches m ON m.id = p.match_id WHERE {_COUNTED} AND p.correct = 0 "
            f"AND q.kind IN ({kinds}) AND q.actor IS NOT NULL "
            f"AND (:player IS NULL OR p.player = :player) GROUP BY q.actor "
            f"UNION ALL SELECT l.key, sum(l.answered) FROM legacy_counts l "
            f"WHERE l.what = 'actor' AND (:player IS NULL OR l.player = :player) "
            f"GROUP BY l.key"
        )
        counts: dict[str, int] = {}
        for actor, n in self._rows(sql, {"player": player}):
            counts[actor] = counts.get(actor, 0) + n
        return counts

    def match_count(self, player: str | None) -> int:
        rows = self._rows(
            f"SELECT count(*) FROM matches m WHERE {_COUNTED} AND (:player IS NULL OR EXISTS "
            f"(SELECT 1 FROM match_players WHERE match_id = m.id AND name = :player))",
            {"player": player},
        )
        return rows[0][0] if rows else 0

    def recent_points(
        self, player: str | None, names: Sequence[str], recent: int
    ) -> list[tuple[int, str, str, int]]:
        """(match number, date, name, points) for `names` over the last `recent` counted
        matches (under the player filter), numbered oldest first from 1."""
        total = self.match_count(player)
        first = max(1, total - recent + 1)
        if not names or not total:
            return []
        marks = ",".join("?" * len(names))
        rows = self._rows(
            f"WITH chosen AS (SELECT m.id, m.finished_at, m.rowid AS r FROM matches m "
            f"WHERE {_COUNTED} AND (? IS NULL OR EXISTS (SELECT 1 FROM match_players "
            f"WHERE match_id = m.id AND name = ?)) ORDER BY m.finished_at DESC, m.rowid DESC "
            f"LIMIT ?), numbered AS (SELECT *, row_number() OVER (ORDER BY finished_at, r) "
            f"AS n FROM chosen) SELECT c.n, c.finished_at, mp.name, mp.points FROM numbered c "
            f"JOIN match_players mp ON mp.match_id = c.id WHERE mp.name IN ({marks}) "
            f"ORDER BY c.n, mp.seat",
            (player, player, total - first + 1, *names),
        )
        return [(first + n - 1, finished[:10], name, points) for n, finished, name, points in rows]

    # -- names ---------------------------------------------------------------------------
    def last_players(self) -> list[str]:
        rows = self._rows("SELECT value FROM remembered WHERE key = 'last_players'")
        if not rows:
            return []
        try:
            names = json.loads(rows[0][0])
        except ValueError:
            return []
        return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []

    def remember_players(self, names: Iterable[str]) -> None:
        cleaned = [name.strip() for name in names if name.strip()]
        with self._write("the player names") as db:
            if db is not None:
                db.execute(
                    "INSERT OR REPLACE INTO remembered (key, value) VALUES ('last_players', ?)",
                    (json.dumps(cleaned, ensure_ascii=False),),
                )

    # -- practice ------------------------------------------------------------------------
    def practice_states(self) -> dict[str, Any]:
        """Every practised card's state, as the practice module serialised it."""
        states: dict[str, Any] = {}
        for card_id, state in self._rows("SELECT card_id, state FROM practice"):
            try:
                states[card_id] = json.loads(state)
            except ValueError:
                self.warn([f"practice progress: skipped card {card_id!r}: damaged"])
        return states

    def save_review(self, card_id: str, state: Mapping[str, Any], due: date | datetime) -> None:
        """One practice review: that card's new state, in one small transaction, so two
        copies practising at once each keep their own cards."""
        with self._write("practice progress") as db:
            if db is not None:
                db.execute(
                    "INSERT OR REPLACE INTO practice (card_id, due, state, updated_at) "
                    "VALUES (?, ?, ?, ?)",
                    (card_id, due.isoformat(), json.dumps(state, ensure_ascii=False), _now()),
                )

    # -- daily challenge -----------------------------------------------------------------
    def daily_rows(self, player: str) -> list[sqlite3.Row]:
        return self._rows("SELECT * FROM daily WHERE player = ? ORDER BY day", (player,))

    def daily_start(self, player: str, day: date, match_id: str) -> bool:
        """Claim `day` for `player` with this match; False when the day was already begun
        (a day is played once)."""
        with self._write("the daily challenge") as db:
            if db is None:
                return False
            cursor = db.execute(
                "INSERT OR IGNORE INTO daily (player, day, match_id) VALUES (?, ?, ?)",
                (player, day.isoformat(), match_id),
            )
            return cursor.rowcount == 1
        return False

    def daily_finish(self, match_id: str, points: int, correct: int, answered: int) -> date | None:
        """Record the result of the daily match `match_id` on the day it was dealt for."""
        with self._write("the daily challenge") as db:
            if db is None:
                return None
            row = db.execute(
                "SELECT day FROM daily WHERE match_id = ? AND points IS NULL", (match_id,)
            ).fetchone()
            if row is None:
                return None
            db.execute(
                "UPDATE daily SET points = ?, correct = ?, answered = ? WHERE match_id = ?",
                (points, correct, answered, match_id),
            )
            return date.fromisoformat(row[0])
        return None

    # -- board best times ----------------------------------------------------------------
    def best_time(self, key: str) -> BestTime | None:
        rows = self._rows("SELECT seconds, player, date FROM board_times WHERE key = ?", (key,))
        return BestTime(rows[0][0], rows[0][1], rows[0][2]) if rows else None

    def record_time(
        self,
        key: str,
        seconds: float,
        player: str,
        now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> bool:
        """Keep `seconds` if it beats the stored best (or none is stored); True when it did."""
        with self._write("the best time") as db:
            if db is None:
                return False
            cursor = db.execute(
                "INSERT INTO board_times (key, seconds, player, date) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET seconds = excluded.seconds, "
                "player = excluded.player, date = excluded.date "
                "WHERE excluded.seconds < board_times.seconds",
                (key, round(seconds, 2), player, now().isoformat(timespec="seconds")),
            )
            return cursor.rowcount == 1
        return False

    # -- the files older versions kept -----------------------------------------------------
    def _has_old_files(self) -> bool:
        return any(
            (self.home / name).exists()
            for name in (SCORES_FILE, PRACTICE_FILE, BOARDS_FILE, DAILY_FILE)
        )

    def _import_old_files(self, db: sqlite3.Connection, *, rename: bool) -> None:
        """Copy scores.json, practice.json, boards.json and daily.json into the database in
        one transaction, then rename each `*.imported` (unless the folder is read-only:
        then they are read into memory on every start, and nothing is renamed)."""
        from game.core.legacy import import_files

        found = [
            name
            for name in (SCORES_FILE, PRACTICE_FILE, BOARDS_FILE, DAILY_FILE)
            if (self.home / name).exists()
        ]
        if not found:
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            warnings = import_files(db, self.home, set_aside=rename)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        self.warn(warnings)
        if not rename:
            return
        for name in found:
            path = self.home / name
            try:
                if path.exists():
                    os.replace(path, path.with_name(name + ".imported"))
                Path(str(path) + ".lock").unlink(missing_ok=True)
            except OSError as error:
                self.warn([f"{name} was imported but could not be renamed ({_reason(error)})"])
