"""The player's data: one SQLite database in the data folder, and the small settings file.

Why SQLite (the standard library's `sqlite3`): the history grows without bound and two copies
of the game may run at once. Rewriting one JSON file per save froze the window for seconds
with a long history, and two copies overwrote each other's practice. Here every answer and
every practice review is one small transaction, so a `kill -9` loses at most the answer in
flight and two copies never lose each other's work (WAL mode, a busy timeout, `BEGIN
IMMEDIATE` for every write).

What is kept (version in `PRAGMA user_version`, built and upgraded by `MIGRATIONS`):

- `matches`, `match_players`, `questions`, `picks`, `board_scores`: every match, finished or
  not, with every question dealt and every pick made. A match is `id` outside the database
  and a small integer `no` inside it; each question's text is kept once in
  `question_texts`, however often it is dealt.
- `answer_totals`: each player's right/answered counts by question kind and by drama, and
  misses per actor, kept up to date by triggers on `picks` (matches imported from the old
  `scores.json`, which kept no questions, add their counts here directly).
- `daily`: each player's daily challenge per day (claimed when dealt, then its result).
- `board_times`: the best time per deck and board variant.
- `practice`: one row per practice card, `(card_id, due, state, updated_at)`; `state` is
  whatever JSON the practice module gives, so the scheduler can change without the store.
- `remembered`: small values such as the names last entered.

How others use it: a match is saved whole with `record_match(match.record())` (when a
round is dealt, a board score is in, a round ends; party mode too) and answer by answer
with `save_answer(match.id, *match.last_pick())`; `save_pause` keeps where it was left, and
`unfinished(players)` gives it back for Resume (`game.core.resume.rebuild` deals it again).
Practice reads `practice_states()` and saves each review with `save_review(card_id, state,
due)`. `question_exposure(players)` says what these players were asked and missed.

Files of older versions (`scores.json`, `practice.json`, `boards.json`, `daily.json`) are
imported once, on the first start, then renamed `*.imported`; nothing is thrown away.

Trouble never stops the game and never passes silently: a read-only folder or database is
opened read-only (everything is shown; one warning says progress can't be saved); a damaged
database is moved aside as `*.corrupt-DATE` and a fresh one started; a `KDRAMA_QUIZ_HOME`
that is a file gives one clear warning. All of it lands in `Store.warnings`, shown on the
title screen and printed by the command line.

Statistics are SQL queries over indexed tables and the running totals, so a history of
200,000 matches is summarised in a fraction of a second, not by a loop over every match.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.core.settings import Settings, settings_from_json

if TYPE_CHECKING:  # match records load with the first match, not with the title screen
    from game.core.board import BestTime
    from game.core.records import MatchRecord, Pick, PlayerResult, QuestionRecord

DATABASE_FILE = "kdrama-quiz.sqlite3"
SETTINGS_FILE = "settings.json"
SCORES_FILE = "scores.json"
PRACTICE_FILE = "practice.json"
BOARDS_FILE = "boards.json"
DAILY_FILE = "daily.json"
BUSY_TIMEOUT_S = 10.0
RESUMABLE_MODES = ("classic", "board")  # the daily challenge resumes from its own screen
READ_ONLY_WARNING = "the data folder is read-only: everything is shown, but progress can't be saved"

# Schema version 1, as the first SQLite release of the game wrote it. A match is `no` inside
# the database (small keys keep a long history small) and `id` outside it; a question's text
# is kept once however often it is dealt.
_SCHEMA_1 = """
CREATE TABLE matches (
    no INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    mode TEXT NOT NULL,
    deck TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    rounds INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0,
    plan TEXT
);
CREATE INDEX matches_by_time ON matches (finished_at);
CREATE TABLE match_players (
    match INTEGER NOT NULL,
    seat INTEGER NOT NULL,
    name TEXT NOT NULL,
    points INTEGER NOT NULL DEFAULT 0,
    correct INTEGER NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (match, seat)
) WITHOUT ROWID;
CREATE INDEX match_players_by_name ON match_players (name, answered, points, correct);
CREATE INDEX match_players_by_points ON match_players (points, answered);
CREATE TABLE question_texts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    prompt TEXT NOT NULL,
    options TEXT NOT NULL,
    answer INTEGER NOT NULL,
    drama TEXT NOT NULL DEFAULT '',
    character TEXT,
    actor TEXT,
    UNIQUE (kind, prompt, options, answer)
);
CREATE TABLE questions (
    match INTEGER NOT NULL,
    position INTEGER NOT NULL,
    round_no INTEGER NOT NULL,
    text INTEGER NOT NULL,
    PRIMARY KEY (match, position)
) WITHOUT ROWID;
CREATE TABLE picks (
    match INTEGER NOT NULL,
    position INTEGER NOT NULL,
    player TEXT NOT NULL,
    option INTEGER,
    seconds REAL NOT NULL,
    correct INTEGER NOT NULL,
    points INTEGER NOT NULL DEFAULT 0,
    halved INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (match, position, player)
) WITHOUT ROWID;
CREATE TABLE board_scores (
    match INTEGER NOT NULL,
    round_no INTEGER NOT NULL,
    player TEXT NOT NULL,
    points INTEGER NOT NULL,
    correct INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    PRIMARY KEY (match, round_no, player)
) WITHOUT ROWID;
CREATE TABLE legacy_counts (
    match INTEGER NOT NULL,
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

# What each pick adds to (or takes from) its player's running totals by kind, by drama and of
# missed actors: kept by triggers, so the statistics read a few hundred rows, never every pick.
_PICK_TOTALS = """
SELECT {sign} AS sign, t.kind, t.drama, t.actor FROM questions q
JOIN question_texts t ON t.id = q.text WHERE q.match = {row}.match AND q.position = {row}.position
"""


def _totals_trigger(name: str, event: str, row: str, sign: int) -> str:
    """A trigger that moves `answer_totals` by one pick (`sign` +1 on insert, -1 on delete)."""
    source = _PICK_TOTALS.format(sign=sign, row=row)
    parts = []
    for what, key, correct, condition in (
        ("kind", "kind", f"{row}.correct", "1"),
        ("drama", "drama", f"{row}.correct", "1"),
        (
            "actor",
            "actor",
            "0",
            f"{row}.correct = 0 AND kind IN ('actor', 'character') AND actor IS NOT NULL",
        ),
    ):
        parts.append(
            f"INSERT INTO answer_totals (player, what, key, correct, answered) "
            f"SELECT {row}.player, '{what}', {key}, sign * {correct}, sign FROM ({source}) "
            f"WHERE {condition} ON CONFLICT (player, what, key) DO UPDATE SET "
            f"correct = correct + excluded.correct, answered = answered + excluded.answered;"
        )
    return f"CREATE TRIGGER {name} AFTER {event} ON picks BEGIN {' '.join(parts)} END;"


# Each entry upgrades the schema by one version: MIGRATIONS[0] makes version 1 from nothing.
MIGRATIONS: tuple[str, ...] = (
    _SCHEMA_1,
    # 2: a match can be resumed after the game closes (rounds dealt, time on the waiting
    # question, the board in progress, whether it is still offered); what a player has been
    # asked is found through an index (issue 9); and the statistics' running totals, filled
    # from the picks already kept and from the counts imported from older files.
    f"""
    ALTER TABLE matches ADD COLUMN round_no INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE matches ADD COLUMN time_used REAL NOT NULL DEFAULT 0;
    ALTER TABLE matches ADD COLUMN board_state TEXT;
    ALTER TABLE matches ADD COLUMN open INTEGER NOT NULL DEFAULT 1;
    UPDATE matches SET open = 0, round_no = rounds;
    CREATE INDEX matches_open ON matches (open, complete);
    CREATE INDEX picks_by_player ON picks (player, match, position, correct);
    CREATE TABLE answer_totals (
        player TEXT NOT NULL,
        what TEXT NOT NULL,
        key TEXT NOT NULL,
        correct INTEGER NOT NULL,
        answered INTEGER NOT NULL,
        PRIMARY KEY (player, what, key)
    ) WITHOUT ROWID;
    INSERT INTO answer_totals (player, what, key, correct, answered)
        SELECT player, what, key, sum(correct), sum(answered) FROM (
            SELECT p.player, 'kind' AS what, t.kind AS key, p.correct, 1 AS answered
                FROM picks p JOIN questions q USING (match, position)
                JOIN question_texts t ON t.id = q.text
            UNION ALL SELECT p.player, 'drama', t.drama, p.correct, 1
                FROM picks p JOIN questions q USING (match, position)
                JOIN question_texts t ON t.id = q.text
            UNION ALL SELECT p.player, 'actor', t.actor, 0, 1
                FROM picks p JOIN questions q USING (match, position)
                JOIN question_texts t ON t.id = q.text
                WHERE p.correct = 0 AND t.kind IN ('actor', 'character') AND t.actor IS NOT NULL
            UNION ALL SELECT player, what, key, correct, answered FROM legacy_counts)
        WHERE true GROUP BY player, what, key;
    DROP TABLE legacy_counts;
    {_totals_trigger("picks_counted", "INSERT", "NEW", 1)}
    {_totals_trigger("picks_uncounted", "DELETE", "OLD", -1)}
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


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
def _statements(script: str) -> Iterator[str]:
    """The statements of `script` one by one (a trigger's body holds semicolons too), so a
    migration runs inside one transaction, which `executescript` would commit first."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            if statement.strip():
                yield statement
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement.strip()[:60]}")


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
            for statement in _statements(MIGRATIONS[target - 1]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {target}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def _damaged(error: sqlite3.DatabaseError) -> bool:
    """Whether `error` says the file is not a (sound) database: the only case in which it
    is moved aside. A database locked by another copy is busy, not damaged."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    text = str(error).lower()
    return "not a database" in text or "malformed" in text


def _read_only(error: sqlite3.DatabaseError) -> bool:
    text = str(error).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


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
                return self._open_writable_patiently()
            except sqlite3.DatabaseError as error:
                if _damaged(error):
                    return self._start_fresh(error)
                if not _read_only(error):  # locked too long by another copy, say: never
                    self.warn(
                        [
                            f"{DATABASE_FILE} could not be opened for saving ({error}): "
                            "everything is shown, but progress can't be saved"
                        ]
                    )
                    return self._open_read_only(warn=False)
        return self._open_read_only()

    def _connect(self, target: str, *, uri: bool = False) -> sqlite3.Connection:
        db = sqlite3.connect(
            target, timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=uri, check_same_thread=False
        )
        db.row_factory = sqlite3.Row
        return db

    def _open_writable_patiently(self) -> sqlite3.Connection:
        """`_open_writable`, tried again while another copy holds the lock it needs. Two
        copies starting together on a new folder both create and switch the database to WAL;
        SQLite answers "locked" at once to the slower one there (no busy handler for a
        journal-mode change), and giving up would leave that copy unable to save."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                return self._open_writable()
            except sqlite3.OperationalError as error:
                busy = "locked" in str(error).lower() or "busy" in str(error).lower()
                if not busy or time.monotonic() >= deadline:
                    raise
                time.sleep(0.02)

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
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a damaged file fails
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
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
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
        except BaseException:  # a bug in the caller: undo, and let it show
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

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
        board = None
        if record.board_state is not None:
            board = json.dumps(dict(record.board_state), ensure_ascii=False)
        db.execute(
            "INSERT INTO matches (id, mode, deck, finished_at, rounds, complete, plan, round_no, "
            "time_used, board_state, open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
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
        no = db.execute("SELECT no FROM matches WHERE id = ?", (record.id,)).fetchone()[0]
        # Picks first: the triggers that take them out of the totals look up their questions.
        for table in ("picks", "match_players", "board_scores", "questions"):
            db.execute(f"DELETE FROM {table} WHERE match = ?", (no,))
        db.executemany(
            "INSERT INTO match_players (match, seat, name, points, correct, answered) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (no, seat, p.name, p.points, p.correct, p.answered)
                for seat, p in enumerate(record.players)
            ],
        )
        db.executemany(
            "INSERT INTO questions (match, position, round_no, text) VALUES (?, ?, ?, ?)",
            [(no, i, q.round_no, self._text_id(db, q)) for i, q in enumerate(record.questions)],
        )
        db.executemany(
            "INSERT INTO picks (match, position, player, option, seconds, correct, points, "
            "halved) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    no,
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
            "INSERT INTO board_scores (match, round_no, player, points, correct, answered) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(no, b.round_no, b.player, b.points, b.correct, b.answered) for b in record.boards],
        )

    @staticmethod
    def _text_id(db: sqlite3.Connection, question: QuestionRecord) -> int:
        """The row of the question's text, added the first time it is dealt."""
        key = (
            question.kind,
            question.prompt,
            json.dumps(list(question.options), ensure_ascii=False),
            question.answer,
        )
        db.execute(
            "INSERT OR IGNORE INTO question_texts (kind, prompt, options, answer, drama, "
            "character, actor) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (*key, question.drama, question.character, question.actor),
        )
        return db.execute(
            "SELECT id FROM question_texts WHERE kind = ? AND prompt = ? AND options = ? "
            "AND answer = ?",
            key,
        ).fetchone()[0]

    def save_answer(
        self, match_id: str, position: int, player: str, pick: Pick, totals: PlayerResult
    ) -> None:
        """One answer, as it is given: the pick and the player's new totals, in one small
        transaction. The match and its questions were saved when the round was dealt."""
        with self._write("the answer") as db:
            if db is None:
                return
            row = db.execute("SELECT no FROM matches WHERE id = ?", (match_id,)).fetchone()
            if row is None:
                raise sqlite3.IntegrityError(f"no match {match_id} to add an answer to")
            no = row[0]
            # Delete, then insert: a REPLACE would not run the totals' delete trigger.
            db.execute(
                "DELETE FROM picks WHERE match = ? AND position = ? AND player = ?",
                (no, position, player),
            )
            db.execute(
                "INSERT INTO picks (match, position, player, option, seconds, correct, points, "
                "halved) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    no,
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
                "WHERE match = ? AND name = ?",
                (totals.points, totals.correct, totals.answered, no, player),
            )
            db.execute(
                "UPDATE matches SET finished_at = ?, time_used = 0 WHERE no = ?", (_now(), no)
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

    def _open_ids(self, players: Sequence[str], modes: Sequence[str]) -> list[str]:
        """Matches still offered for Resume to exactly these players, newest first."""
        if not players:
            return []
        marks = ",".join("?" * len(modes))
        rows = self._rows(
            f"SELECT m.id FROM matches m WHERE m.open = 1 AND m.complete = 0 "
            f"AND m.mode IN ({marks}) AND (SELECT group_concat(name, char(31)) FROM "
            f"(SELECT name FROM match_players WHERE match = m.no ORDER BY seat)) = ? "
            f"ORDER BY m.finished_at DESC, m.no DESC",
            (*modes, "\x1f".join(players)),
        )
        return [row[0] for row in rows]

    def unfinished(
        self, players: Sequence[str], modes: Sequence[str] = RESUMABLE_MODES
    ) -> MatchRecord | None:
        """The newest match left unfinished by exactly these players, to offer as Resume."""
        ids = self._open_ids(players, modes)
        return self.match(ids[0]) if ids else None

    def close_unfinished(self, players: Sequence[str]) -> None:
        """Stop offering these players' unfinished matches for Resume: a new match was
        started instead. They stay in the history, marked unfinished."""
        ids = self._open_ids(players, RESUMABLE_MODES)
        if not ids:
            return
        with self._write("the match") as db:
            if db is not None:
                db.executemany(
                    "UPDATE matches SET open = 0 WHERE id = ?", [(match_id,) for match_id in ids]
                )

    def match(self, match_id: str) -> MatchRecord | None:
        """One match with its questions and picks."""
        from game.core.records import (
            BoardResult,
            MatchPlan,
            MatchRecord,
            Pick,
            PlayerResult,
            QuestionRecord,
        )

        rows = self._rows("SELECT * FROM matches WHERE id = ?", (match_id,))
        if not rows:
            return None
        row = rows[0]
        no = row["no"]
        players = tuple(
            PlayerResult(r["name"], r["points"], r["correct"], r["answered"])
            for r in self._rows("SELECT * FROM match_players WHERE match = ? ORDER BY seat", (no,))
        )
        picks: dict[int, dict[str, Pick]] = {}
        for r in self._rows("SELECT * FROM picks WHERE match = ?", (no,)):
            picks.setdefault(r["position"], {})[r["player"]] = Pick(
                r["option"], r["seconds"], bool(r["correct"]), r["points"], bool(r["halved"])
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
                "SELECT q.position, q.round_no, t.* FROM questions q JOIN question_texts t "
                "ON t.id = q.text WHERE q.match = ? ORDER BY q.position",
                (no,),
            )
        )
        boards = tuple(
            BoardResult(r["round_no"], r["player"], r["points"], r["correct"], r["answered"])
            for r in self._rows(
                "SELECT * FROM board_scores WHERE match = ? ORDER BY round_no", (no,)
            )
        )
        plan = None
        if row["plan"]:
            try:
                plan = MatchPlan.from_json(json.loads(row["plan"]))
            except (ValueError, KeyError, TypeError):
                plan = None
        board = None
        if row["board_state"]:
            try:
                board = json.loads(row["board_state"])
            except ValueError:
                board = None
        return MatchRecord(
            row["id"],
            row["mode"],
            row["deck"],
            row["finished_at"],
            row["rounds"],
            bool(row["complete"]),
            players,
            questions,
            boards,
            plan,
            row["time_used"],
            row["round_no"],
            board if isinstance(board, dict) else None,
        )

    def matches(self) -> list[MatchRecord]:
        """Every match, finished or not, oldest first."""
        ids = self._rows("SELECT id FROM matches ORDER BY finished_at, no")
        return [record for (match_id,) in ids if (record := self.match(match_id)) is not None]

    def matches_json(self) -> Iterator[list[str]]:
        """Every match as the JSON text `scores --json` prints, oldest first, in batches.
        SQLite writes the JSON itself, so a long history streams out without building a
        Python object per match."""
        sql = """
        SELECT json_object(
          'id', m.id, 'finished_at', m.finished_at, 'deck', m.deck, 'mode', m.mode,
          'rounds', m.rounds, 'complete', json(CASE WHEN m.complete THEN 'true' ELSE 'false' END),
          'players', (SELECT json_group_array(json_object('name', name, 'points', points,
                        'correct', correct, 'answered', answered))
                      FROM match_players WHERE match = m.no),
          'questions', (SELECT json_group_array(json_object(
                          'kind', t.kind, 'prompt', t.prompt, 'options', json(t.options),
                          'answer', t.answer,
                          'picks', (SELECT json_group_object(p.player, json_object(
                                       'option', p.option, 'seconds', round(p.seconds, 2),
                                       'correct', json(CASE WHEN p.correct THEN 'true'
                                                            ELSE 'false' END)))
                                    FROM picks p WHERE p.match = q.match
                                    AND p.position = q.position)))
                        FROM questions q JOIN question_texts t ON t.id = q.text
                        WHERE q.match = m.no))
        FROM matches m ORDER BY m.finished_at, m.no
        """
        try:
            cursor = self._db.execute(sql)
            while batch := cursor.fetchmany(2000):
                yield [text for (text,) in batch]
        except sqlite3.DatabaseError as error:
            self.warn([f"{DATABASE_FILE} could not be read ({error})"])

    def high_scores(self, limit: int = 10) -> list[dict[str, Any]]:
        """Best single-match results, highest first; on a tie the earlier result ranks higher.
        The cut-off comes from the points index, so only the top rows are sorted."""
        rows = self._rows(
            "SELECT mp.name, mp.points, m.finished_at, m.mode FROM match_players mp "
            "JOIN matches m ON m.no = mp.match WHERE mp.answered > 0 AND mp.points >= "
            "coalesce((SELECT points FROM match_players WHERE answered > 0 "
            "ORDER BY points DESC LIMIT 1 OFFSET ?), 0) "
            "ORDER BY mp.points DESC, m.finished_at, m.no, mp.seat LIMIT ?",
            (limit - 1, limit),
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
            "SELECT name, max(points) FROM match_players WHERE answered > 0 AND match IS NOT "
            "(SELECT no FROM matches WHERE id = ?) GROUP BY name",
            (exclude_match,),
        )
        return {name: best for name, best in rows}

    def question_exposure(
        self, players: Sequence[str], *, before: str | None = None
    ) -> dict[tuple[str, str], tuple[int, int]]:
        """(kind, prompt) -> (times any of `players` was asked it, times they missed it):
        one indexed query, for dealing fresh and once-missed questions first.

        `before` (a match id) counts only the matches saved before that one: what its
        players had seen when it was dealt, so a match left unfinished deals again exactly
        as it did, whatever was played since."""
        if not players:
            return {}
        marks = ",".join("?" * len(players))
        since = ""
        params: tuple = tuple(players)
        if before is not None:
            since = "AND p.match < (SELECT no FROM matches WHERE id = ?) "
            params += (before,)
        rows = self._rows(
            f"SELECT t.kind, t.prompt, count(*), sum(1 - p.correct) FROM picks p "
            f"JOIN questions q ON q.match = p.match AND q.position = p.position "
            f"JOIN question_texts t ON t.id = q.text "
            f"WHERE p.player IN ({marks}) {since}GROUP BY t.kind, t.prompt",
            params,
        )
        return {(kind, prompt): (seen, missed) for kind, prompt, seen, missed in rows}

    # -- the statistics, as queries ------------------------------------------------------
    # A player's match counts once they have answered in it (a match left at its first
    # question is not a 0-point result). Answers count from the running totals.
    def player_summaries(self) -> list[tuple[str, int, int, int, int, int]]:
        """(name, matches, best, total points, correct, answered), most matches first."""
        rows = self._rows(
            "SELECT name, count(*), max(points), sum(points), sum(correct), sum(answered) "
            "FROM match_players WHERE answered > 0 GROUP BY name"
        )
        return sorted((tuple(r) for r in rows), key=lambda r: (-r[1], -r[2], r[0]))

    def accuracy(self, what: str, player: str | None) -> dict[str, tuple[int, int]]:
        """key -> (correct, answered) by question `what` ("kind" or "drama")."""
        rows = self._rows(
            "SELECT key, sum(correct), sum(answered) FROM answer_totals WHERE what = :what "
            "AND (:player IS NULL OR player = :player) GROUP BY key HAVING sum(answered) > 0",
            {"what": what, "player": player},
        )
        return {key: (correct, answered) for key, correct, answered in rows}

    def missed_actors(self, player: str | None) -> dict[str, int]:
        """Actor -> how often an actor or character question about them was missed."""
        return {actor: misses for actor, (_c, misses) in self.accuracy("actor", player).items()}

    def match_count(self, player: str | None) -> int:
        if player is None:  # grouped in key order: no temporary index for DISTINCT
            rows = self._rows(
                "SELECT count(*) FROM (SELECT match FROM match_players "
                "WHERE answered > 0 GROUP BY match)"
            )
        else:
            rows = self._rows(
                "SELECT count(*) FROM match_players WHERE name = ? AND answered > 0", (player,)
            )
        return rows[0][0] if rows else 0

    def recent_points(
        self, player: str | None, names: Sequence[str], recent: int, total: int
    ) -> list[tuple[int, str, str, int]]:
        """(match number, date, name, points) for `names` over the last `recent` of the
        `total` counted matches (under the player filter), numbered oldest first from 1."""
        first = max(1, total - recent + 1)
        if not names or not total:
            return []
        marks = ",".join("?" * len(names))
        rows = self._rows(
            f"WITH chosen AS (SELECT m.no, m.finished_at FROM matches m WHERE EXISTS "
            f"(SELECT 1 FROM match_players WHERE match = m.no AND answered > 0 "
            f"AND (? IS NULL OR name = ?)) ORDER BY m.finished_at DESC, m.no DESC LIMIT ?), "
            f"numbered AS (SELECT *, row_number() OVER (ORDER BY finished_at, no) AS n "
            f"FROM chosen) SELECT c.n, c.finished_at, mp.name, mp.points FROM numbered c "
            f"JOIN match_players mp ON mp.match = c.no WHERE mp.name IN ({marks}) "
            f"AND mp.answered > 0 ORDER BY c.n, mp.seat",
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
        from game.core.board import BestTime

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
        found = [
            name
            for name in (SCORES_FILE, PRACTICE_FILE, BOARDS_FILE, DAILY_FILE)
            if (self.home / name).exists()
        ]
        if not found:
            return
        from game.core.legacy import import_files  # only on the start that finds old files

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
