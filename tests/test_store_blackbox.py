"""The player's data from outside: the command line run as a player runs it, and the database
looked at with sqlite3. Read-only folders, two copies at once, kill -9, old files, damage."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from game import paths
from game.core.daily import DailyLog, DayResult
from game.core.deck import load_deck
from game.core.scheduler import CardState
from game.core.session import Match
from game.core.store import DATABASE_FILE, MIGRATIONS, SCHEMA_VERSION, Store

ROOT = Path(__file__).resolve().parent.parent
DECK = load_deck(paths.default_deck())


def env_for(home: Path) -> dict[str, str]:
    env = dict(
        os.environ,
        KDRAMA_QUIZ_HOME=str(home),
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
    )
    env["PYTHONPATH"] = str(ROOT)
    return env


def game(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        env=env_for(home),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def scores(home: Path) -> tuple[dict, list[str]]:
    result = game(home, "scores", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr.splitlines()


def database(home: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{home / DATABASE_FILE}?mode=ro", uri=True)


def a_history(home: Path) -> Match:
    """A finished match, a practised card, a best time and a daily result."""
    store = Store(home)
    match = Match(DECK, ["Mina"], rounds=1, questions_per_round=3, seed=2, time_limit=None)
    match.start_round()
    while not match.round_over:
        match.answer(match.current_question.answer, 2.0)
    match.finish_round()
    store.record_match(match.record())
    card = "actor:crash-landing-on-you:Yoon Se-ri"
    due = datetime(2099, 1, 1, tzinfo=timezone.utc)
    state = CardState("review", due, 7.0, 5.0, None, due - timedelta(days=7), 1, 1)
    store.save_review(card, state.to_json(), state.due)
    store.record_time("Unlikely K-Drama Romances | couples", 42.0, "Mina")
    DailyLog(store, "Mina").start(date(2024, 6, 4), "daily-1")
    DailyLog(store, "Mina").finish("daily-1", DayResult(900, 9, 10))
    store.close()
    return match


# -- a read-only folder ---------------------------------------------------------------------
def read_only_run(home: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the game with `home` really read-only: a read-only bind mount in a private mount
    namespace (as root), or the folder's write permission taken away (as anyone else)."""
    command = [sys.executable, "-m", "game", *args]
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in [home, *home.iterdir()]}
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            return subprocess.run(
                command, env=env_for(home), cwd=ROOT, capture_output=True, text=True, timeout=60
            )
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare (util-linux) for a read-only bind mount")
    script = 'mount --bind "$H" "$H" && mount -o remount,bind,ro "$H" && exec "$@"'
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", *command],
        env={**env_for(home), "H": str(home)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if "mount" in result.stderr and result.returncode != 0:
        pytest.skip(f"no read-only bind mount here: {result.stderr.strip()}")
    return result


def test_a_read_only_folder_shows_everything_with_one_warning(tmp_path):
    home = tmp_path / "home"
    match = a_history(home)
    before = sorted(p.name for p in home.iterdir())
    result = read_only_run(home, "scores", "--json")
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1 and "read-only" in warnings[0] and "can't be saved" in warnings[0]
    data = json.loads(result.stdout)
    (shown,) = data["matches"]
    assert shown["id"] == match.id and len(shown["questions"]) == 3
    assert all(q["picks"]["Mina"]["correct"] for q in shown["questions"])
    assert data["player_bests"] == {"Mina": match.standings()[0].total}
    practice = data["stats"]["practice"]
    assert sum(practice["levels"]) == 1 and practice["new"] == practice["total"] - 1
    assert sorted(p.name for p in home.iterdir()) == before  # nothing written, no lock files

    window = read_only_run(home, "--frames", "3")
    assert window.returncode == 0 and window.stderr == ""


def test_old_files_in_a_read_only_folder_are_shown_and_left_alone(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    old = {
        "matches": [
            {
                "id": "old-1",
                "finished_at": "2024-05-01T12:00:00+00:00",
                "mode": "classic",
                "players": [{"name": "Joon", "points": 4100, "correct": 8, "answered": 10}],
            }
        ]
    }
    (home / "scores.json").write_text(json.dumps(old), encoding="utf-8")
    result = read_only_run(home, "scores", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["player_bests"] == {"Joon": 4100}
    assert [p.name for p in home.iterdir()] == ["scores.json"]


# -- two copies at once, and kill -9 ----------------------------------------------------------
def consistent(home: Path) -> None:
    """The database is whole, and every answer it holds is in its player's totals."""
    db = database(home)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    totals = db.execute(
        "SELECT mp.answered, (SELECT count(*) FROM picks p WHERE p.match = mp.match "
        "AND p.player = mp.name) FROM match_players mp JOIN matches m ON m.no = mp.match "
        "WHERE m.mode = 'classic'"
    ).fetchall()
    assert all(answered == picks for answered, picks in totals), totals
    kinds = dict(
        db.execute(
            "SELECT player, sum(answered) FROM answer_totals WHERE what = 'kind' GROUP BY player"
        ).fetchall()
    )
    picks = dict(db.execute("SELECT player, count(*) FROM picks GROUP BY player").fetchall())
    assert {k: v for k, v in kinds.items() if v} == picks
    db.close()


def test_two_copies_playing_and_practising_at_once_keep_every_answer(tmp_path):
    home = tmp_path / "home"
    common = ["--rounds", "1", "--questions", "3", "--autoplay"]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "game", "--players", who, "--seed", seed, *common],
            env=env_for(home),
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who, seed in (("Ann", "1"), ("Bo", "2"))
    ]
    practice = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "game",
            "--mode",
            "practice",
            "--autoplay",
            "--frames",
            "400",
            "--seed",
            "3",
        ],
        env=env_for(home),
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    for process in (*runs, practice):
        _out, err = process.communicate(timeout=90)
        assert process.returncode == 0, err
        assert "could not save" not in err
    consistent(home)
    data, warnings = scores(home)
    assert warnings == []
    by_player = {m["players"][0]["name"]: m for m in data["matches"]}
    for name in ("Ann", "Bo"):
        match = by_player[name]
        assert match["complete"] and len(match["questions"]) == 3
        assert all(name in q["picks"] for q in match["questions"])
        assert match["players"][0]["answered"] == 3
    db = database(home)
    assert db.execute("SELECT count(*) FROM practice").fetchone()[0] >= 1
    db.close()


def picks_saved(home: Path) -> int:
    if not (home / DATABASE_FILE).exists():
        return 0
    db = database(home)
    try:
        return db.execute("SELECT count(*) FROM picks").fetchone()[0]
    except sqlite3.OperationalError:  # the first copy is still creating the tables
        return 0
    finally:
        db.close()


def test_kill_9_during_answers_never_damages_the_database(tmp_path):
    home = tmp_path / "home"
    rng = random.Random(9)
    deadline = time.monotonic() + 14
    kills = 0
    while kills < 10 and time.monotonic() < deadline:
        before = picks_saved(home)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "game",
                "--players",
                "Ann",
                "Bo",
                "--rounds",
                "3",
                "--questions",
                "10",
                "--autoplay",
                "--seed",
                str(kills),
            ],
            env=env_for(home),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        waited = time.monotonic() + 4
        while picks_saved(home) == before and time.monotonic() < waited:
            time.sleep(0.05)  # until an answer is being saved...
        time.sleep(rng.uniform(0.0, 0.6))  # ...then kill it at some moment after that
        process.send_signal(signal.SIGKILL)
        process.wait()
        kills += 1
        consistent(home)
    answered = picks_saved(home)
    assert kills >= 5
    assert answered >= kills // 2  # answers were being saved when the kills came
    data, warnings = scores(home)
    assert warnings == []
    assert all(not m["complete"] for m in data["matches"])
    assert sum(len(q["picks"]) for m in data["matches"] for q in m["questions"]) == answered


# -- old files, damage, versions --------------------------------------------------------------
def test_old_json_files_are_imported_on_the_first_start(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    files = {
        "scores.json": {
            "version": 1,
            "last_players": ["Joon"],
            "matches": [
                {
                    "id": "old-1",
                    "finished_at": "2024-05-01T12:00:00+00:00",
                    "mode": "classic",
                    "players": [{"name": "Joon", "points": 4100, "correct": 8, "answered": 10}],
                    "by_kind": {"Joon": {"actor": {"correct": 8, "answered": 10}}},
                }
            ],
        },
        "practice.json": {
            "version": 1,
            "format": 1,
            "cards": {
                "actor:crash-landing-on-you:Yoon Se-ri": {
                    "box": 3,
                    "due": "2099-01-01",
                    "seen": 3,
                    "correct": 3,
                }
            },
        },
        "boards.json": {
            "version": 1,
            "best": {"Deck | couples": {"seconds": 30.5, "player": "Joon", "date": "2024-05-02"}},
        },
        "daily.json": {
            "version": 1,
            "days": {"2024-06-04": {"points": 700, "correct": 7, "answered": 10}},
        },
    }
    for name, data in files.items():
        (home / name).write_text(json.dumps(data), encoding="utf-8")
    data, warnings = scores(home)
    assert warnings == []
    assert data["player_bests"] == {"Joon": 4100}
    assert data["matches"][0]["id"] == "old-1" and data["matches"][0]["complete"] is True
    assert data["stats"]["by_kind"][0]["correct"] == 8
    assert sum(data["stats"]["practice"]["levels"]) == 1  # the Leitner card, carried over
    assert sorted(p.name for p in home.glob("*.imported")) == sorted(f"{n}.imported" for n in files)
    db = database(home)
    assert db.execute("SELECT seconds, player FROM board_times").fetchall() == [(30.5, "Joon")]
    assert db.execute("SELECT player, day, points FROM daily").fetchall() == [
        ("Joon", "2024-06-04", 700)
    ]
    db.close()
    again, _ = scores(home)  # the second start imports nothing twice
    assert len(again["matches"]) == 1


def test_a_corrupt_database_is_moved_aside_and_a_fresh_one_started(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / DATABASE_FILE).write_bytes(b"not a database at all " * 200)
    data, warnings = scores(home)
    assert data["matches"] == []
    assert len(warnings) == 1 and "damaged" in warnings[0] and "starting fresh" in warnings[0]
    (aside,) = home.glob(f"{DATABASE_FILE}.corrupt-*")
    assert aside.read_bytes().startswith(b"not a database")
    db = database(home)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    _data, warnings = scores(home)
    assert warnings == []  # the fresh one is fine


def test_a_version_1_database_is_migrated_by_the_command_line(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    db = sqlite3.connect(home / DATABASE_FILE)
    db.executescript(MIGRATIONS[0])
    db.executescript("""
        PRAGMA user_version = 1;
        INSERT INTO matches (no, id, mode, deck, finished_at, rounds, complete)
            VALUES (1, 'v1-match', 'classic', 'Deck', '2024-05-01T12:00:00+00:00', 1, 1);
        INSERT INTO match_players VALUES (1, 0, 'Mina', 1200, 1, 1);
        INSERT INTO question_texts (id, kind, prompt, options, answer, drama)
            VALUES (1, 'drama', 'Which drama?', '["A", "B"]', 1, 'cloy');
        INSERT INTO questions VALUES (1, 0, 1, 1);
        INSERT INTO picks VALUES (1, 0, 'Mina', 1, 2.5, 1, 1200, 0);
    """)
    db.close()
    data, warnings = scores(home)
    assert warnings == []
    (match,) = data["matches"]
    assert match["questions"] == [
        {
            "kind": "drama",
            "prompt": "Which drama?",
            "options": ["A", "B"],
            "answer": 1,
            "picks": {"Mina": {"option": 1, "seconds": 2.5, "correct": True}},
        }
    ]
    assert data["stats"]["by_kind"][0]["correct"] == 1
    db = database(home)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_a_home_that_is_a_file_says_so_once(tmp_path):
    home = tmp_path / "home"
    home.write_text("a file", encoding="utf-8")
    data, warnings = scores(home)
    assert data["matches"] == []
    assert len(warnings) == 1 and "KDRAMA_QUIZ_HOME" in warnings[0]
    window = game(home, "--frames", "2")
    assert window.returncode == 0 and window.stderr == ""
    assert home.read_text(encoding="utf-8") == "a file"
