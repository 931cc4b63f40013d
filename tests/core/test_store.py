from __future__ import annotations

import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from game.core import store
from game.core.settings import Settings
from game.core.store import (
    JsonFile,
    ProgressStore,
    ScoreStore,
    load_settings,
    match_problem,
    save_settings,
)


def record(points: dict[str, int], when: str = "2024-05-01T12:00:00+00:00", **extra: Any) -> dict:
    return {
        "id": f"{when} {sorted(points.items())}",
        "finished_at": when,
        "deck": "Unlikely K-Drama Romances",
        "mode": "classic",
        "rounds": 2,
        "players": [
            {"name": name, "points": p, "correct": p // 1000, "answered": 10}
            for name, p in points.items()
        ],
        **extra,
    }


def files_in(home: Path) -> set[str]:
    return {p.name for p in home.iterdir()}


def test_matches_round_trip_between_launches(tmp_path: Path) -> None:
    home = tmp_path / "not" / "yet" / "there"
    first = record({"Mina": 3200, "Joon": 4100}, "2024-05-01T12:00:00+00:00")
    second = record({"Mina": 5000}, "2024-05-02T09:30:00+00:00")
    ScoreStore(home).record_match(first)
    ScoreStore(home).record_match(second)

    later = ScoreStore(home)
    assert later.matches() == [first, second]
    assert later.player_bests() == {"Mina": 5000, "Joon": 4100}
    assert later.high_scores(limit=2) == [
        {"name": "Mina", "points": 5000, "date": "2024-05-02", "mode": "classic"},
        {"name": "Joon", "points": 4100, "date": "2024-05-01", "mode": "classic"},
    ]
    assert later.warnings == []


def test_saving_the_same_match_again_replaces_it(tmp_path: Path) -> None:
    scores = ScoreStore(tmp_path)
    other = record({"Joon": 700}, "2024-05-01T09:00:00")
    after_round_one = record({"Mina": 900}, "2024-05-01T10:00:00", id="match-1")
    after_round_two = record({"Mina": 1800}, "2024-05-01T10:05:00", id="match-1")
    for saved in (after_round_one, other, after_round_two):
        scores.record_match(saved)
    assert ScoreStore(tmp_path).matches() == [other, after_round_two]


def test_high_score_tie_goes_to_the_earlier_result(tmp_path: Path) -> None:
    scores = ScoreStore(tmp_path)
    scores.record_match(record({"Late": 900}, "2024-06-02T10:00:00"))
    scores.record_match(record({"Early": 900}, "2024-06-01T10:00:00"))
    assert [h["name"] for h in scores.high_scores()] == ["Early", "Late"]


def test_setup_screen_names_are_remembered(tmp_path: Path) -> None:
    assert ScoreStore(tmp_path).last_players() == []
    ScoreStore(tmp_path).remember_players(["  Mina ", "", "지수"])
    assert ScoreStore(tmp_path).last_players() == ["Mina", "지수"]


def test_a_malformed_record_is_refused_before_touching_the_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"players\[0\]\.points"):
        ScoreStore(tmp_path).record_match(record({"Mina": -5}))
    assert not (tmp_path / "scores.json").exists()


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff\xfe\x9c garbage",
        b'{"version": 1, "matches": [{"id": "a", "fini',
        b"[1, 2, 3]",
        b'{"version": "one", "matches": []}',
    ],
    ids=["garbage-bytes", "truncated", "wrong-top-level-type", "bad-version"],
)
def test_damaged_scores_file_is_moved_aside_and_the_game_goes_on(
    tmp_path: Path, content: bytes
) -> None:
    (tmp_path / "scores.json").write_bytes(content)
    scores = ScoreStore(tmp_path)

    assert scores.matches() == []
    [warning] = scores.warnings
    assert warning.startswith("scores.json was damaged; moved to scores.json.corrupt-")
    assert warning.endswith("; starting fresh")
    [aside] = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert aside.read_bytes() == content
    assert aside.name in warning

    scores.record_match(record({"Mina": 1000}))
    assert ScoreStore(tmp_path).matches() == [record({"Mina": 1000})]


def test_two_damaged_files_in_the_same_second_are_both_kept(tmp_path: Path) -> None:
    for content in (b"{oops", b"{oops again"):
        (tmp_path / "scores.json").write_bytes(content)
        ScoreStore(tmp_path).matches()
    kept = sorted(p.read_bytes() for p in tmp_path.iterdir() if ".corrupt-" in p.name)
    assert kept == [b"{oops", b"{oops again"]


def test_a_file_from_a_newer_game_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    newer = json.dumps({"version": 99, "matches": "a new layout"})
    (tmp_path / "scores.json").write_text(newer, encoding="utf-8")
    scores = ScoreStore(tmp_path)
    scores.record_match(record({"Mina": 1000}))
    assert "newer version" in scores.warnings[0]
    [aside] = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert aside.read_text(encoding="utf-8") == newer


def test_a_hand_edited_bad_entry_is_skipped_and_kept(tmp_path: Path) -> None:
    good = [record({"Mina": 2000}, "2024-05-01T10:00:00"), record({"Joon": 3000}, "2024-05-03")]
    bad = record({"Hye": 0}, "2024-05-02T10:00:00")
    bad["players"][0]["points"] = "lots"
    data = {"version": 1, "matches": [good[0], bad, good[1]], "last_players": ["Mina"]}
    (tmp_path / "scores.json").write_text(json.dumps(data), encoding="utf-8")

    scores = ScoreStore(tmp_path)
    assert scores.matches() == good
    assert scores.player_bests() == {"Mina": 2000, "Joon": 3000}
    assert len(scores.warnings) == 1
    assert "match #2" in scores.warnings[0] and "players[0].points" in scores.warnings[0]
    assert scores.last_players() == ["Mina"]

    scores.record_match(record({"Mina": 100}, "2024-05-04T10:00:00"))
    on_disk = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    assert on_disk["rejected"] == [bad]
    assert len(on_disk["matches"]) == 3
    assert ScoreStore(tmp_path).matches() == [*good, record({"Mina": 100}, "2024-05-04T10:00:00")]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("players", []),
        ("finished_at", "yesterday"),
        ("id", 7),
        ("by_kind", ["actor"]),
    ],
)
def test_match_problem_names_the_bad_field(field: str, value: Any) -> None:
    bad = record({"Mina": 1}, **{field: value})
    problem = match_problem(bad)
    assert problem is not None and problem.startswith(field)
    assert match_problem(record({"Mina": 1})) is None


def _record_many(home: str, who: str, start: Any) -> None:
    scores = ScoreStore(Path(home))
    start.wait()  # both writers begin together, or one may finish before the other starts
    for i in range(20):
        scores.record_match(record({who: i}, f"2024-05-01T12:00:{i:02d}"))


def test_two_processes_recording_at_once_lose_nothing(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    workers = [
        context.Process(target=_record_many, args=(str(tmp_path), who, start)) for who in "AB"
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    matches = ScoreStore(tmp_path).matches()
    assert len(matches) == 40
    for who in "AB":
        mine = [m["players"][0]["points"] for m in matches if m["players"][0]["name"] == who]
        assert mine == list(range(20))  # each writer's own records stay in order


def test_writes_leave_no_temporary_files(tmp_path: Path) -> None:
    scores = ScoreStore(tmp_path)
    for i in range(5):
        scores.record_match(record({"Mina": i}))
    scores.remember_players(["Mina"])
    assert files_in(tmp_path) == {"scores.json", "scores.json.lock"}


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scores = ScoreStore(tmp_path)
    scores.record_match(record({"Mina": 1000}))
    before = (tmp_path / "scores.json").read_bytes()

    def disk_full(*_: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", disk_full)
    scores.record_match(record({"Joon": 2000}))

    assert scores.warnings == ["could not save scores.json (No space left on device)"]
    assert (tmp_path / "scores.json").read_bytes() == before
    assert files_in(tmp_path) == {"scores.json", "scores.json.lock"}


def test_json_file_hides_its_version_key(tmp_path: Path) -> None:
    file = JsonFile(tmp_path / "x.json", schema_version=3)
    result = file.update(lambda data: {**data, "n": data.get("n", 0) + 1})
    assert result.data == {"n": 1}
    assert file.load() == store.LoadResult({"n": 1}, ())
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["version"] == 3


def test_settings_round_trip(tmp_path: Path) -> None:
    chosen = Settings(difficulty="hard", volume=0.25, hidden_dramas=("crash-landing-on-you",))
    assert save_settings(tmp_path, chosen) == []
    assert load_settings(tmp_path) == (chosen, [])


def test_missing_settings_file_gives_the_defaults_quietly(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "nowhere") == (Settings(), [])


def test_a_bad_setting_falls_back_for_that_key_only(tmp_path: Path) -> None:
    raw = {"difficulty": "hard", "volume": "loud", "rounds": 5, "colour": "pink"}
    (tmp_path / "settings.json").write_text(json.dumps(raw), encoding="utf-8")
    settings, warnings = load_settings(tmp_path)
    assert (settings.difficulty, settings.rounds) == ("hard", 5)
    assert settings.volume == Settings().volume
    assert len(warnings) == 2
    assert any("volume" in w for w in warnings)
    assert any("colour" in w for w in warnings)


def test_a_damaged_settings_file_gives_defaults_and_is_kept(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_bytes(b'{"volume": 0.')
    settings, warnings = load_settings(tmp_path)
    assert settings == Settings()
    assert warnings[0].startswith("settings.json was damaged; moved to settings.json.corrupt-")


def test_practice_progress_round_trip_and_recovery(tmp_path: Path) -> None:
    progress = ProgressStore(tmp_path)
    assert progress.load() == ({}, [])
    progress.save({"boxes": {"Hyun Bin": 3}})
    assert ProgressStore(tmp_path).load() == ({"boxes": {"Hyun Bin": 3}}, [])

    (tmp_path / "practice.json").write_text('"just a string"', encoding="utf-8")
    again = ProgressStore(tmp_path)
    data, warnings = again.load()
    assert data == {} and "practice.json was damaged" in warnings[0]
    assert again.warnings == warnings
