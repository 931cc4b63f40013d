"""The files older versions kept (scores.json, practice.json, boards.json, daily.json), read
once into the database.

Players may have edited these by hand, so every entry is checked: a damaged one is skipped
with a warning naming it, and stays in the renamed `*.imported` file, so nothing is lost.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

from game.core.records import QuestionRecord
from game.core.store import (
    BOARDS_FILE,
    DAILY_FILE,
    PRACTICE_FILE,
    SCORES_FILE,
    JsonFile,
    Store,
)

DAILY_PLAYER = "Player 1"  # whose daily results these were, when no name was remembered


def _is_count(value: Any) -> bool:
    return type(value) is int and value >= 0  # not a bool: True is no count


def match_problem(record: Any) -> str | None:
    """Why `record` (an entry of the old scores.json) is not a usable match, or None."""
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
    if not isinstance(record.get("questions", []), list):
        return "questions: expected a list"
    return None


def _already(db: sqlite3.Connection, name: str) -> bool:
    """Whether another copy of the game imported `name` first (both may start at once)."""
    key = f"imported:{name}"
    row = db.execute("SELECT 1 FROM remembered WHERE key = ?", (key,)).fetchone()
    if row is None:
        db.execute(
            "INSERT INTO remembered (key, value) VALUES (?, ?)",
            (key, datetime.now().isoformat(timespec="seconds")),
        )
    return row is not None


def import_files(db: sqlite3.Connection, home: Path, *, set_aside: bool) -> list[str]:
    """Copy every old file found in `home` into `db` (inside the caller's transaction).
    Returns the warnings: damaged files and skipped entries."""
    warnings: list[str] = []
    names: list[str] = []

    def load(name: str) -> dict[str, Any] | None:
        if not (home / name).exists() or (set_aside and _already(db, name)):
            return None
        result = JsonFile(home / name).load(set_aside=set_aside)
        warnings.extend(result.warnings)
        return result.data

    scores = load(SCORES_FILE)
    if scores is not None:
        names = _import_scores(db, scores, warnings)
    practice = load(PRACTICE_FILE)
    if practice is not None:
        _import_practice(db, practice, warnings)
    boards = load(BOARDS_FILE)
    if boards is not None:
        _import_boards(db, boards, warnings)
    daily = load(DAILY_FILE)
    if daily is not None:
        remembered = db.execute("SELECT value FROM remembered WHERE key = 'last_players'")
        row = remembered.fetchone()
        stored = json.loads(row[0]) if row else names
        player = stored[0] if stored and isinstance(stored[0], str) else DAILY_PLAYER
        _import_daily(db, daily, player, warnings)
    return warnings


def _import_scores(db: sqlite3.Connection, data: dict[str, Any], warnings: list[str]) -> list[str]:
    """Every usable match of the old scores.json, in bulk: a long history (issue 8's had
    200,000 matches) is read in seconds, inside the caller's one transaction."""
    matches = data.get("matches", [])
    if not isinstance(matches, list):
        warnings.append(
            f"{SCORES_FILE}: the match list was damaged; it is kept in {SCORES_FILE}.imported"
        )
        matches = []
    known = {match_id for (match_id,) in db.execute("SELECT id FROM matches")}
    (no,) = db.execute("SELECT coalesce(max(no), 0) FROM matches").fetchone()
    rows: list[tuple[Any, ...]] = []
    players: list[tuple[Any, ...]] = []
    totals: dict[tuple[str, str, str], list[int]] = {}
    for i, record in enumerate(matches):
        problem = match_problem(record)
        if problem:
            warnings.append(
                f"{SCORES_FILE}: skipped damaged match #{i + 1} ({problem}); it is "
                f"kept in {SCORES_FILE}.imported"
            )
            continue
        if record["id"] in known:
            continue  # the same match twice in the file
        known.add(record["id"])
        no += 1
        rounds = record.get("rounds", 1)
        rounds = rounds if _is_count(rounds) else 1
        rows.append(
            (
                no,
                record["id"],
                record["mode"],
                str(record.get("deck", "")),
                record["finished_at"],
                rounds,
                int(record.get("complete") is not False),
                rounds,
            )
        )
        players += [
            (no, seat, p["name"].strip(), p["points"], p["correct"], p["answered"])
            for seat, p in enumerate(record["players"])
        ]
        questions = [q for q in record.get("questions", []) if _question_ok(q)]
        if questions:
            _import_questions(db, no, questions)  # the picks carry the counts
        else:
            _add_counts(totals, record)
    db.executemany(
        "INSERT INTO matches (no, id, mode, deck, finished_at, rounds, complete, round_no, "
        "open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
        rows,
    )
    db.executemany(
        "INSERT INTO match_players (match, seat, name, points, correct, answered) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        players,
    )
    db.executemany(
        "INSERT INTO answer_totals (player, what, key, correct, answered) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (player, what, key) DO UPDATE SET correct = correct + excluded.correct, "
        "answered = answered + excluded.answered",
        [(*key, correct, answered) for key, (correct, answered) in totals.items()],
    )
    names = data.get("last_players", [])
    if isinstance(names, list) and all(isinstance(n, str) for n in names):
        db.execute(
            "INSERT OR REPLACE INTO remembered (key, value) VALUES ('last_players', ?)",
            (json.dumps(names, ensure_ascii=False),),
        )
        return names
    warnings.append(f"{SCORES_FILE}: the remembered player names were damaged")
    return []


def _import_questions(db: sqlite3.Connection, no: int, questions: list[dict[str, Any]]) -> None:
    """A match saved with its questions (the JSON of `MatchRecord.to_json`)."""
    for position, q in enumerate(questions):
        text = Store._text_id(
            db,
            QuestionRecord(1, q["kind"], q["prompt"], tuple(map(str, q["options"])), q["answer"]),
        )
        db.execute(
            "INSERT INTO questions (match, position, round_no, text) VALUES (?, ?, 1, ?)",
            (no, position, text),
        )
        for player, pick in q.get("picks", {}).items():
            if isinstance(pick, dict) and isinstance(pick.get("correct"), bool):
                option, seconds = pick.get("option"), pick.get("seconds", 0)
                db.execute(
                    "INSERT OR IGNORE INTO picks (match, position, player, option, seconds, "
                    "correct) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        no,
                        position,
                        player,
                        option if _is_count(option) else None,
                        seconds if isinstance(seconds, int | float) else 0,
                        int(pick["correct"]),
                    ),
                )


def _add_counts(totals: dict[tuple[str, str, str], list[int]], record: dict[str, Any]) -> None:
    """Add an old record's per-kind, per-drama and missed-actor counts to `totals`; a count
    that is not a whole number (a hand edit) is skipped, a correct above answered clamped."""
    for what, table in (("kind", "by_kind"), ("drama", "by_drama")):
        for player, rows in _table(record, table).items():
            for key, value in rows.items():
                if (
                    isinstance(value, dict)
                    and _is_count(value.get("correct"))
                    and _is_count(value.get("answered"))
                ):
                    sums = totals.setdefault((player, what, key), [0, 0])
                    sums[0] += min(value["correct"], value["answered"])
                    sums[1] += value["answered"]
    for player, rows in _table(record, "missed_actors").items():
        for actor, misses in rows.items():
            if _is_count(misses) and misses:
                totals.setdefault((player, "actor", actor), [0, 0])[1] += misses


def _question_ok(q: Any) -> bool:
    return (
        isinstance(q, dict)
        and isinstance(q.get("kind"), str)
        and isinstance(q.get("prompt"), str)
        and isinstance(q.get("options"), list)
        and _is_count(q.get("answer"))
        and isinstance(q.get("picks", {}), dict)
    )


def _table(record: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
    table = record.get(key, {})
    return (
        {name: rows for name, rows in table.items() if isinstance(rows, dict)}
        if isinstance(table, dict)
        else {}
    )


def _import_practice(db: sqlite3.Connection, data: dict[str, Any], warnings: list[str]) -> None:
    """Each card of the old practice.json, read by the practice module (which carries the
    Leitner boxes of older versions over to its own schedule), one row per card."""
    from game.core.practice import Progress

    progress, problems = Progress.from_json(data)
    warnings.extend(
        f"{PRACTICE_FILE}: {problem}; it is kept in {PRACTICE_FILE}.imported"
        for problem in problems
    )
    now = datetime.now().isoformat(timespec="seconds")
    db.executemany(
        "INSERT OR IGNORE INTO practice (card_id, due, state, updated_at) VALUES (?, ?, ?, ?)",
        [
            (card_id, state.due.isoformat(), json.dumps(state.to_json(), ensure_ascii=False), now)
            for card_id, state in progress.items()
        ],
    )


def _import_boards(db: sqlite3.Connection, data: dict[str, Any], warnings: list[str]) -> None:
    best = data.get("best", {})
    if not isinstance(best, dict):
        warnings.append(f"{BOARDS_FILE}: the best times were damaged")
        return
    for key, raw in best.items():
        seconds = raw.get("seconds") if isinstance(raw, dict) else None
        player = raw.get("player") if isinstance(raw, dict) else None
        if (
            isinstance(seconds, bool)
            or not isinstance(seconds, int | float)
            or seconds < 0
            or not isinstance(player, str)
        ):
            warnings.append(f"{BOARDS_FILE}: skipped a damaged best time for {key!r}")
            continue
        db.execute(
            "INSERT OR IGNORE INTO board_times (key, seconds, player, date) VALUES (?, ?, ?, ?)",
            (key, float(seconds), player, str(raw.get("date", ""))),
        )


def _import_daily(
    db: sqlite3.Connection, data: dict[str, Any], player: str, warnings: list[str]
) -> None:
    days = data.get("days", {})
    if not isinstance(days, dict):
        warnings.append(f"{DAILY_FILE}: the list of days was damaged")
        return
    for key, value in days.items():
        numbers = (
            [value.get(k) for k in ("points", "correct", "answered")]
            if isinstance(value, dict)
            else []
        )
        try:
            day = date.fromisoformat(key)
        except ValueError:
            day = None
        if (
            day is None
            or len(numbers) != 3
            or not all(_is_count(n) for n in numbers)
            or numbers[1] > numbers[2]
        ):
            warnings.append(f"{DAILY_FILE}: skipped a damaged entry for {key!r}")
            continue
        db.execute(
            "INSERT OR IGNORE INTO daily (player, day, points, correct, answered) "
            "VALUES (?, ?, ?, ?, ?)",
            (player, day.isoformat(), *numbers),
        )
