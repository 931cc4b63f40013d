"""The player's data in SQLite: matches, answers, practice, imports, damage and versions."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from game import paths
from game.core import store as store_module
from game.core.deck import load_deck
from game.core.practice import Progress, progress_json
from game.core.records import Pick
from game.core.resume import rebuild
from game.core.session import Match
from game.core.settings import Settings
from game.core.store import (
    DATABASE_FILE,
    MIGRATIONS,
    SCHEMA_VERSION,
    Store,
    load_settings,
    save_settings,
)

DECK = load_deck(paths.default_deck())


def played(
    players: list[str], *, seed: int = 1, rounds: int = 1, questions: int = 2, right: bool = True
) -> Match:
    """A match with every round played (right or wrong answers) and closed."""
    match = Match(
        DECK, players, rounds=rounds, questions_per_round=questions, seed=seed, time_limit=None
    )
    while not match.match_over:
        match.start_round()
        while not match.round_over:
            question = match.current_question
            wrong = (question.answer + 1) % len(question.options)
            match.answer(question.answer if right else wrong, 2.0)
        match.finish_round()
    return match


def old_match(name: str, points: int, when: str = "2024-05-01T12:00:00+00:00") -> dict:
    """A match as the JSON files of older versions kept it."""
    return {
        "id": f"{name}-{when}",
        "finished_at": when,
        "mode": "classic",
        "rounds": 1,
        "players": [{"name": name, "points": points, "correct": 1, "answered": 2}],
        "by_kind": {name: {"actor": {"correct": 1, "answered": 2}}},
    }


def test_matches_round_trip_between_launches_with_every_question_and_pick(tmp_path) -> None:
    home = tmp_path / "not" / "yet" / "there"
    first, second = played(["Mina", "Joon"], seed=1), played(["Mina"], seed=2, right=False)
    Store(home).record_match(first.record())
    Store(home).record_match(second.record())
    later = Store(home)
    records = later.matches()
    assert [r.id for r in records] == [first.id, second.id]
    assert records[0].names == ("Mina", "Joon") and records[0].complete
    assert len(records[0].questions) == 4
    question = records[0].questions[0]
    assert question.picks == {
        "Mina": Pick(question.answer, 2.0, True, question.picks["Mina"].points)
    }
    mina_best = first.standings()[0].total
    assert later.player_bests() == {"Mina": mina_best, "Joon": first.standings()[1].total}
    assert later.high_scores(1) == [
        {
            "name": "Mina",
            "points": mina_best,
            "date": records[0].finished_at[:10],
            "mode": "classic",
        }
    ]
    assert later.warnings == []


def test_saving_the_same_match_again_replaces_it(tmp_path) -> None:
    store = Store(tmp_path)
    match = Match(DECK, ["Mina"], rounds=2, questions_per_round=2, seed=3, time_limit=None)
    match.start_round()
    store.record_match(match.record())
    assert [r.complete for r in store.matches()] == [False]
    while not match.match_over:
        while not match.round_over:
            match.answer(match.current_question.answer, 1.0)
        match.finish_round()
        if not match.match_over:
            match.start_round()
        store.record_match(match.record())
    [saved] = Store(tmp_path).matches()
    assert saved.complete and saved.rounds == 2 and len(saved.questions) == 4


def test_each_answer_is_saved_on_its_own_and_the_match_resumes_from_it(tmp_path) -> None:
    store = Store(tmp_path)
    match = Match(DECK, ["Ann", "Bo"], rounds=2, questions_per_round=2, seed=4, time_limit=20.0)
    match.start_round()
    store.record_match(match.record())
    for chosen in (match.current_question.answer, None, match.current_question.answer):
        match.answer(chosen, 3.5)
        store.save_answer(match.id, *match.last_pick())
    match.time_used = 7.25
    store.save_pause(match.id, match.time_used)

    record = Store(tmp_path).unfinished(["Ann", "Bo"])
    assert record is not None and record.id == match.id and not record.complete
    assert [len(q.picks) for q in record.questions] == [1, 1, 1, 0]
    again = rebuild(DECK, record)
    assert again is not None and again.id == match.id
    assert again.turn_index == 3 and again.current_player == "Bo"
    assert again.current_question == match.current_question
    assert again.standings() == match.standings()
    assert again.time_used == 7.25  # the question keeps the time already spent on it
    assert Store(tmp_path).unfinished(["Bo", "Ann"]) is None  # other seats: another match
    assert Store(tmp_path).unfinished(["Ann"]) is None


def test_starting_a_new_match_stops_offering_the_old_one(tmp_path) -> None:
    store = Store(tmp_path)
    old = Match(DECK, ["Ann"], rounds=1, questions_per_round=2, seed=5)
    old.start_round()
    store.record_match(old.record())
    store.close_unfinished(["Ann"])
    assert store.unfinished(["Ann"]) is None
    assert [r.complete for r in store.matches()] == [False]  # kept, as unfinished


def test_the_names_entered_are_remembered(tmp_path) -> None:
    assert Store(tmp_path).last_players() == []
    Store(tmp_path).remember_players(["  Mina ", "", "지수"])
    assert Store(tmp_path).last_players() == ["Mina", "지수"]


def test_practice_reviews_from_two_copies_keep_each_others_cards(tmp_path) -> None:
    one, two = Store(tmp_path), Store(tmp_path)
    one.save_review("actor:a:X", {"box": 2, "due": "2024-06-02"}, date(2024, 6, 2))
    two.save_review("actor:b:Y", {"box": 1, "due": "2024-06-01"}, date(2024, 6, 1))
    one.save_review("actor:a:X", {"box": 3, "due": "2024-06-05"}, date(2024, 6, 5))
    assert Store(tmp_path).practice_states() == {
        "actor:a:X": {"box": 3, "due": "2024-06-05"},
        "actor:b:Y": {"box": 1, "due": "2024-06-01"},
    }
    rows = (
        sqlite3.connect(tmp_path / DATABASE_FILE)
        .execute("SELECT card_id, due FROM practice ORDER BY card_id")
        .fetchall()
    )
    assert rows == [("actor:a:X", "2024-06-05"), ("actor:b:Y", "2024-06-01")]


def test_question_exposure_counts_what_these_players_saw_and_missed(tmp_path) -> None:
    store = Store(tmp_path)
    good, bad = played(["Ann"], seed=6), played(["Bo"], seed=6, right=False)
    for match in (good, bad):
        store.record_match(match.record())
    seen = store.question_exposure(["Ann", "Bo"])
    keys = {(q.kind, q.prompt) for q in good.record().questions}
    assert set(seen) == keys  # the same seed dealt both the same questions
    assert all(value == (2, 1) for value in seen.values())
    assert set(store.question_exposure(["Ann"]).values()) == {(1, 0)}
    assert store.question_exposure(["Nobody"]) == {}
    plan = store._db.execute(
        "EXPLAIN QUERY PLAN SELECT 1 FROM picks p WHERE p.player IN ('Ann')"
    ).fetchall()
    assert "picks_by_player" in str([tuple(row) for row in plan])


def test_old_json_files_are_imported_once_and_kept_as_imported(tmp_path) -> None:
    scores = {
        "version": 1,
        "matches": [old_match("Mina", 900), old_match("Joon", 700)],
        "last_players": ["Mina", "Joon"],
    }
    practice = {
        "version": 1,
        "format": 1,
        "cards": {"actor:x:Y": {"box": 2, "due": "2024-06-03", "seen": 2, "correct": 2}},
    }
    boards = {
        "version": 1,
        "best": {"Deck | couples": {"seconds": 31.5, "player": "Mina", "date": "2024-06-01"}},
    }
    for name, data in (
        ("scores.json", scores),
        ("practice.json", practice),
        ("boards.json", boards),
    ):
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    store = Store(tmp_path)
    assert store.warnings == []
    assert store.player_bests() == {"Mina": 900, "Joon": 700}
    assert store.last_players() == ["Mina", "Joon"]
    progress, problems = Progress.from_json(progress_json(store.practice_states()))
    carried = progress.state("actor:x:Y")  # the Leitner box, carried over to the scheduler
    assert problems == [] and carried is not None and (carried.seen, carried.correct) == (2, 2)
    assert store.best_time("Deck | couples").seconds == 31.5
    assert {p.name for p in tmp_path.iterdir()} >= {
        "scores.json.imported",
        "practice.json.imported",
        "boards.json.imported",
    }
    assert not (tmp_path / "scores.json").exists()
    assert len(Store(tmp_path).matches()) == 2  # a second start imports nothing again
    assert json.loads((tmp_path / "scores.json.imported").read_text()) == scores


def test_damaged_old_entries_are_skipped_with_a_warning_and_kept(tmp_path) -> None:
    bad = old_match("Mina", 100)
    bad["players"][0]["points"] = -5
    scores = {"matches": [old_match("Joon", 700), bad, "nonsense"]}
    (tmp_path / "scores.json").write_text(json.dumps(scores), encoding="utf-8")
    store = Store(tmp_path)
    assert store.player_bests() == {"Joon": 700}
    assert len(store.warnings) == 2
    assert "match #2" in store.warnings[0] and "players[0].points" in store.warnings[0]
    assert "scores.json.imported" in store.warnings[0]
    kept = json.loads((tmp_path / "scores.json.imported").read_text(encoding="utf-8"))
    assert kept == scores


def test_a_damaged_old_file_is_moved_aside_with_a_warning(tmp_path) -> None:
    (tmp_path / "scores.json").write_text("{not json", encoding="utf-8")
    store = Store(tmp_path)
    [warning] = store.warnings
    assert warning.startswith("scores.json was damaged; moved to scores.json.corrupt-")
    assert list(tmp_path.glob("scores.json.corrupt-*"))
    store.record_match(played(["Mina"]).record())
    assert len(Store(tmp_path).matches()) == 1


def test_a_corrupt_database_is_set_aside_and_a_fresh_one_started(tmp_path) -> None:
    first = Store(tmp_path)
    first.record_match(played(["Mina"]).record())
    first.close()
    (tmp_path / DATABASE_FILE).write_bytes(b"this is not a database" * 100)
    store = Store(tmp_path)
    [warning] = store.warnings
    assert "was damaged" in warning and "starting fresh" in warning
    [aside] = tmp_path.glob(f"{DATABASE_FILE}.corrupt-*")
    assert aside.read_bytes().startswith(b"this is not a database")
    assert store.matches() == [] and not store.read_only
    store.record_match(played(["Joon"]).record())
    assert [r.names for r in Store(tmp_path).matches()] == [("Joon",)]


def test_a_database_from_a_newer_game_is_shown_but_never_changed(tmp_path) -> None:
    Store(tmp_path).record_match(played(["Mina"]).record())
    db = sqlite3.connect(tmp_path / DATABASE_FILE)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    store = Store(tmp_path)
    assert store.read_only and "newer version" in store.warnings[0]
    assert len(store.matches()) == 1
    store.record_match(played(["Joon"]).record())
    assert len(Store(tmp_path).matches()) == 1


def test_a_version_1_database_is_migrated_and_keeps_its_data(tmp_path) -> None:
    db = sqlite3.connect(tmp_path / DATABASE_FILE)
    db.executescript(MIGRATIONS[0])
    db.executescript("""
        PRAGMA user_version = 1;
        INSERT INTO matches (no, id, mode, deck, finished_at, rounds, complete)
            VALUES (1, 'm1', 'classic', 'Deck', '2024-05-01T12:00:00+00:00', 1, 1);
        INSERT INTO match_players VALUES (1, 0, 'Mina', 1200, 1, 2);
        INSERT INTO question_texts (id, kind, prompt, options, answer, drama, character, actor)
            VALUES (7, 'actor', 'Who plays Yoon Se-ri?', '["A", "B"]', 0, 'cloy', 'Yoon Se-ri',
                    'Son Ye-jin');
        INSERT INTO questions VALUES (1, 0, 1, 7), (1, 1, 1, 7);
        INSERT INTO picks VALUES (1, 0, 'Mina', 0, 2.0, 1, 1000, 0),
                                 (1, 1, 'Mina', 1, 3.0, 0, 0, 0);
        INSERT INTO legacy_counts VALUES (2, 'Joon', 'actor', 'Hyun Bin', 0, 3);
        INSERT INTO practice VALUES ('actor:a:B', '2024-06-01', '{"box": 1}', '');
    """)
    db.close()
    store = Store(tmp_path)
    assert store.warnings == []
    version = sqlite3.connect(tmp_path / DATABASE_FILE).execute("PRAGMA user_version")
    assert version.fetchone()[0] == SCHEMA_VERSION
    assert store.player_bests() == {"Mina": 1200}
    assert store.practice_states() == {"actor:a:B": {"box": 1}}
    assert store.accuracy("kind", "Mina") == {"actor": (1, 2)}  # the totals were filled in
    assert store.missed_actors(None) == {"Son Ye-jin": 1, "Hyun Bin": 3}
    assert store.question_exposure(["Mina"]) == {("actor", "Who plays Yoon Se-ri?"): (2, 1)}
    assert store.unfinished(["Mina"]) is None  # an old finished match is not offered
    match = Match(DECK, ["Mina"], rounds=1, questions_per_round=2, seed=1)
    match.start_round()
    store.record_match(match.record())  # the new columns take a match that can be resumed
    match.answer(match.current_question.answer, 1.0)
    store.save_answer(match.id, *match.last_pick())
    assert Store(tmp_path).unfinished(["Mina"]).id == match.id
    kind = match.current_question.kind
    assert store.accuracy("kind", "Mina")[kind][1] >= 1  # new picks count through the triggers


def test_the_running_totals_follow_every_save_and_replace(tmp_path) -> None:
    store = Store(tmp_path)
    match = played(["Ann", "Bo"], seed=9, questions=3)
    for _ in range(2):  # saved twice: counted once
        store.record_match(match.record())
    expected: dict[str, list[int]] = {}
    for question in match.record().questions:
        for name, pick in question.picks.items():
            if name == "Ann":
                counts = expected.setdefault(question.kind, [0, 0])
                counts[0] += pick.correct
                counts[1] += 1
    assert store.accuracy("kind", "Ann") == {k: tuple(v) for k, v in expected.items()}
    rows = store._db.execute(
        "SELECT p.player, t.kind, count(*) FROM picks p JOIN questions q USING (match, position) "
        "JOIN question_texts t ON t.id = q.text GROUP BY 1, 2"
    ).fetchall()
    totals = {(r[0], r[1]): r[2] for r in rows}
    assert {(name, key): answered for (name, key), answered in totals.items()} == {
        (name, key): v[1]
        for name in ("Ann", "Bo")
        for key, v in store.accuracy("kind", name).items()
    }


def test_a_home_that_is_a_file_gives_one_clear_warning(tmp_path) -> None:
    home = tmp_path / "quiz-home"
    home.write_text("not a folder", encoding="utf-8")
    store = Store(home)
    [warning] = store.warnings
    assert "KDRAMA_QUIZ_HOME" in warning and "is a file" not in warning
    assert "not a folder" in warning and str(home) in warning
    store.record_match(played(["Mina"]).record())  # nothing saved, nothing raised
    store.save_review("c", {}, date(2024, 1, 1))
    assert store.warnings == [warning]
    assert load_settings(home) == (Settings(), [])
    assert home.read_text(encoding="utf-8") == "not a folder"


def _answer_many(home: str, who: str, start) -> None:
    store = Store(Path(home))
    match = Match(DECK, [who], rounds=1, questions_per_round=20, seed=7, time_limit=None)
    match.start_round()
    store.record_match(match.record())
    start.wait()  # both writers begin together, or one may finish before the other starts
    while not match.round_over:
        match.answer(match.current_question.answer, 1.0)
        store.save_answer(match.id, *match.last_pick())
        store.save_review(f"{who}:{match.turn_index}", {"n": match.turn_index}, date(2024, 1, 1))


def test_two_processes_answering_at_once_lose_nothing(tmp_path) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    workers = [
        context.Process(target=_answer_many, args=(str(tmp_path), who, start)) for who in ("A", "B")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    store = Store(tmp_path)
    assert sorted(len([q for q in r.questions if q.picks]) for r in store.matches()) == [20, 20]
    assert {r.players[0].answered for r in store.matches()} == {20}
    assert len(store.practice_states()) == 40


def test_settings_round_trip(tmp_path) -> None:
    chosen = Settings(difficulty="hard", volume=0.25, hidden_dramas=("crash-landing-on-you",))
    assert save_settings(tmp_path, chosen) == []
    assert load_settings(tmp_path) == (chosen, [])


def test_missing_settings_file_gives_the_defaults_quietly(tmp_path) -> None:
    assert load_settings(tmp_path / "nowhere") == (Settings(), [])


def test_a_bad_setting_falls_back_for_that_key_only(tmp_path) -> None:
    raw = {"difficulty": "hard", "volume": "loud", "rounds": 5, "colour": "pink"}
    (tmp_path / "settings.json").write_text(json.dumps(raw), encoding="utf-8")
    settings, warnings = load_settings(tmp_path)
    assert (settings.difficulty, settings.rounds) == ("hard", 5)
    assert settings.volume == Settings().volume
    assert len(warnings) == 2
    assert any("volume" in w for w in warnings)
    assert any("colour" in w for w in warnings)


def test_a_damaged_settings_file_gives_defaults_and_is_kept(tmp_path) -> None:
    (tmp_path / "settings.json").write_bytes(b'{"volume": 0.')
    settings, warnings = load_settings(tmp_path)
    assert settings == Settings()
    assert warnings[0].startswith("settings.json was damaged; moved to settings.json.corrupt-")


@pytest.mark.parametrize("board", [False, True])
def test_rebuild_refuses_a_match_the_deck_can_no_longer_deal(board) -> None:
    match = Match(
        DECK, ["Ann"], rounds=1, questions_per_round=2, seed=8, mode="board" if board else "classic"
    )
    match.start_round(board=board)
    record = match.record()
    if board:
        assert rebuild(DECK, record) is not None
        return
    changed = replace(
        record, questions=tuple(replace(q, prompt=q.prompt + "?") for q in record.questions)
    )
    assert rebuild(DECK, changed) is None


def test_a_database_busy_for_too_long_is_opened_read_only_never_set_aside(tmp_path, monkeypatch):
    db = sqlite3.connect(tmp_path / DATABASE_FILE, isolation_level=None)
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.execute("BEGIN IMMEDIATE")  # another copy holds the write lock: the upgrade must wait
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.1)
    store = Store(tmp_path)
    assert store.read_only and "could not be opened for saving" in store.warnings[0]
    assert not list(tmp_path.glob("*.corrupt-*"))
    db.execute("ROLLBACK")
    db.close()
    assert not Store(tmp_path).read_only  # once free, it opens (and upgrades) as usual


def test_a_full_disk_costs_a_warning_and_keeps_what_was_saved(tmp_path) -> None:
    store = Store(tmp_path)
    first = played(["Mina"], seed=1)
    store.record_match(first.record())
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")  # as if the disk were full now
    big = played(["Joon", "Ann", "Bo"], seed=2, rounds=3, questions=10)
    store.record_match(big.record())
    assert store.warnings == ["could not save the match (database or disk is full)"]
    store.remember_players(["Mina"])  # the next save is not refused by a half transaction
    assert [r.id for r in Store(tmp_path).matches()] == [first.id]


def test_question_exposure_before_a_match_counts_only_the_matches_saved_before_it(
    tmp_path,
) -> None:
    store = Store(tmp_path)
    first, middle, last = (played(["Ann"], seed=seed) for seed in (1, 2, 3))
    for match in (first, middle, last):
        store.record_match(match.record())
    asked = Counter(
        (q.kind, q.prompt) for match in (first, middle) for q in match.record().questions
    )
    assert store.question_exposure(["Ann"], before=first.id) == {}
    assert store.question_exposure(["Ann"], before=last.id) == {
        key: (times, 0) for key, times in asked.items()
    }
    everything = set(asked) | {(q.kind, q.prompt) for q in last.record().questions}
    assert set(store.question_exposure(["Ann"])) == everything  # without `before`, all count


def _open_when_told(home: str, start, results) -> None:
    start.wait()
    store = Store(Path(home))
    results.put((store.read_only, store.warnings))


def test_two_copies_starting_together_on_a_new_folder_can_both_save(tmp_path) -> None:
    # Both create the database and switch it to WAL at once; the slower one used to be told
    # "locked" and fall back to read-only, silently keeping nothing of its match.
    context = multiprocessing.get_context("spawn")
    outcomes = []
    for attempt in range(6):
        home = tmp_path / f"home-{attempt}"
        start, results = context.Barrier(2), context.Queue()
        workers = [
            context.Process(target=_open_when_told, args=(str(home), start, results))
            for _ in range(2)
        ]
        for worker in workers:
            worker.start()
        outcomes += [results.get(timeout=60) for _ in workers]
        for worker in workers:
            worker.join(timeout=60)
    assert outcomes == [(False, [])] * 12
