"""Fifty phones on loopback answer every question of a round at once: every answer counted
once, "locked" quickly, and the host's frames stay short meanwhile."""

from __future__ import annotations

from game.bench_party import run_party_load


def test_fifty_phones_answering_at_once_are_each_counted_once_and_quickly(tmp_path) -> None:
    result = run_party_load(tmp_path, players=50, questions=6, timeout=40)
    assert result["finished"], result["refused"]
    assert result["refused"] == []
    assert result["answers_sent"] == result["answers_counted"] == 50 * 6
    assert result["latency_p99_ms"] < 50
    # The host's frames while the answers pour in. Its own work per frame (processor time
    # of the game thread) stays under 4 ms; on the clock a frame may also wait for the
    # simulated phones and the other tests sharing this machine's cores, so the wall-clock
    # p99 (reported against 4 ms by `kdrama-quiz bench`) must only never cost a 60 fps frame.
    assert result["frames_while_answering"] >= 6 * 5
    assert result["frame_cpu_p99_ms"] < 4
    assert result["frame_p99_ms"] < 1000 / 60
    from game.core.store import Store

    [match] = Store(tmp_path).matches()
    for number, question in enumerate(match.questions, start=1):
        sent = {name: option for name, n, option in result["phone_answers"] if n == number}
        assert {name: pick.option for name, pick in question.picks.items()} == sent
        assert len(sent) == 50
    assert sorted(p.name for p in match.players) == [f"Phone {n:02d}" for n in range(1, 51)]
