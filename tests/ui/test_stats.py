"""The statistics screen, opened from the title with real input, and `kdrama-quiz scores`."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import timedelta

import pygame
import pytest

from game.core.practice import CardState, Progress, cards_from_deck, due_today, progress_json
from game.core.records import Pick, QuestionRecord
from game.core.scheduler import utc_now
from game.core.session import Match
from game.core.store import Store
from game.ui.events import click, key, resize
from game.ui.scenes.stats import PAGES
from tests.ui.helpers import assert_text_inside, bundled_deck, drawn_texts, make_app, typed

PAGE_IDS = [page[0] for page in PAGES]


def played(players: list[str], right: dict[str, int], *, kinds: list[str], seed: int) -> dict:
    """A finished one-round match of four questions each where each player gets their first
    `right[name]` answers right and the rest wrong."""
    match = Match(bundled_deck(), players, rounds=1, questions_per_round=4, seed=seed,
                  kinds=kinds, time_limit=None)
    match.start_round()
    answered: Counter[str] = Counter()
    while not match.round_over:
        player, question = match.current_player, match.current_question
        good = answered[player] < right[player]
        answered[player] += 1
        match.answer(question.answer if good else (question.answer + 1) % len(question.options),
                     2.0)
    match.finish_round()
    return match.record()


@pytest.fixture
def history(user_home):
    """Mina: 3/4 actor questions, then 1/4 drama questions alone; Joon: 0/4 actor."""
    store = Store(user_home)
    first = played(["Mina", "Joon"], {"Mina": 3, "Joon": 0}, kinds=["actor"], seed=11)
    second = played(["Mina"], {"Mina": 1}, kinds=["drama"], seed=12)
    for record in (first, second):
        store.record_match(record)
    return [first.to_json(), second.to_json()]


def open_stats(home, size=(1280, 720)):
    app = make_app(home, size=size)
    app.step([key(pygame.K_6)], 0.05)
    assert app.scene.name == "stats"
    return app


@pytest.fixture
def app(history, user_home):
    created = open_stats(user_home)
    yield created
    pygame.quit()


def bar_heights(chart) -> dict[str, float]:
    return {bar.label.split("\n")[0]: bar.rect.height / chart.plot.height for bar in chart.bars}


def test_question_kind_bars_are_as_tall_as_the_accuracy(app):
    app.step([key(pygame.K_2)], 0.05)
    chart = app.scene.chart
    assert chart.kind == "columns" and chart.maximum == 1.0
    heights = bar_heights(chart)
    assert set(heights) == {"Actor", "Drama"}
    assert heights["Actor"] == pytest.approx(3 / 8, abs=1 / chart.plot.height)  # both players
    assert heights["Drama"] == pytest.approx(1 / 4, abs=1 / chart.plot.height)
    assert all(bar.rect.bottom == chart.plot.bottom for bar in chart.bars)
    app.step([key(pygame.K_TAB)], 0.05)  # the filter moves to the first player: Mina
    assert app.scene.player == "Mina"
    assert bar_heights(app.scene.chart)["Actor"] == pytest.approx(
        3 / 4, abs=1 / app.scene.chart.plot.height)


def test_drama_bars_are_as_long_as_the_accuracy_per_drama(app, history):
    chart = app.scene.chart
    assert app.scene.page_id == "dramas" and chart.kind == "rows"
    titles = {d.id: d.title for d in bundled_deck().dramas}
    sums: dict[str, list[int]] = {}
    for record in history:
        for rows in record["by_drama"].values():
            for drama, counts in rows.items():
                pair = sums.setdefault(titles[drama], [0, 0])
                pair[0] += counts["correct"]
                pair[1] += counts["answered"]
    assert {bar.label for bar in chart.bars} <= set(sums)
    for bar in chart.bars:
        correct, answered = sums[bar.label]
        assert bar.rect.width == pytest.approx(bar.track.width * correct / answered, abs=1)
        assert bar.track.width == chart.plot.width


def test_score_lines_follow_the_points_of_each_match(app, history):
    app.step(click(app.scene.tabs[2].rect.center), 0.05)
    chart = app.scene.chart
    assert app.scene.page_id == "scores" and chart.kind == "lines"
    lines = {line.name: line for line in chart.lines}
    assert set(lines) == {"Mina", "Joon"}
    mina = lines["Mina"]
    points = [p["points"] for r in history for p in r["players"] if p["name"] == "Mina"]
    assert [value for _match, value in mina.data] == points
    assert mina.points[0][1] < mina.points[1][1]  # more points in match 1: drawn higher
    assert mina.points[0][0] < mina.points[1][0]
    assert lines["Joon"].data == ((1, 0),) and lines["Joon"].points[0][1] == chart.plot.bottom


def test_pages_change_with_keys_arrows_and_clicks(app):
    scene = app.scene
    app.step([key(pygame.K_LEFT)], 0.05)
    assert scene.page_id == "practice"
    app.step([key(pygame.K_RIGHT)], 0.05)
    assert scene.page_id == "dramas"
    app.step([key(pygame.K_4)], 0.05)
    assert scene.page_id == "actors"
    app.step(click(scene.tabs[1].rect.center), 0.05)
    assert scene.page_id == "kinds"
    app.step(click(scene.player_button.rect.center), 0.05)
    assert scene.player == "Mina"
    app.step([key(pygame.K_F2), key(pygame.K_F2)], 0.05)
    assert scene.player is None  # Mina -> Joon -> everyone again
    app.step([key(pygame.K_TAB, pygame.KMOD_SHIFT)], 0.05)
    assert scene.player == "Joon"
    app.step([key(pygame.K_ESCAPE)], 0.05)
    assert app.scene.name == "title"


def test_missed_actors_page_lists_joons_misses(app, history):
    app.step([key(pygame.K_4)], 0.05)
    missed = app.scene.stats.missed_actors
    expected = Counter()
    for record in history:
        for counts in record["missed_actors"].values():
            expected.update(counts)
    assert {m.actor: m.misses for m in missed} == dict(expected)
    drawn = {placed.text for placed in app.ctx.text.placed}
    assert {m.actor for m in missed} <= drawn


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
@pytest.mark.parametrize("large", [False, True])
def test_every_page_fits_the_window(history, user_home, size, large):
    app = open_stats(user_home, size=size)
    if large:
        app.ctx.save_settings(app.ctx.settings.with_value("text_size", "large"))
    try:
        for page in range(len(PAGES)):
            app.step([key(pygame.K_1 + page)], 0.05)
            assert app.scene.page == page
            assert_text_inside(app)
            window = pygame.Rect((0, 0), size)
            assert window.contains(app.scene.chart.area)
            for bar in app.scene.chart.bars:
                assert app.scene.chart.area.contains(bar.rect)
            for tab in app.scene.tabs:
                assert window.contains(tab.rect)
    finally:
        pygame.quit()


def test_resizing_keeps_the_chart_in_proportion(app):
    app.step([key(pygame.K_2), resize(800, 600)], 0.05)
    app.step([], 0.05)
    small = bar_heights(app.scene.chart)
    app.step([resize(1920, 1080)], 0.05)
    assert app.scene.chart.plot.height > 0
    assert bar_heights(app.scene.chart) == pytest.approx(small, abs=0.01)
    assert_text_inside(app)


def test_empty_history_says_so_on_every_page(user_home):
    app = open_stats(user_home, size=(800, 600))
    try:
        for page in range(len(PAGES)):
            app.step([key(pygame.K_1 + page)], 0.05)
            assert app.scene.chart.kind == "empty" and app.scene.chart.message
            assert_text_inside(app)
        app.step([key(pygame.K_TAB), key(pygame.K_DOWN)], 0.05)  # nobody to pick, nothing to scroll
        assert app.scene.player is None and app.scene.scroll == 0
    finally:
        pygame.quit()


def test_a_long_drama_list_scrolls(history, user_home):
    store = Store(user_home)
    record = played(["Ann"], {"Ann": 2}, kinds=["actor"], seed=13)
    made_up = tuple(QuestionRecord(1, "drama", f"Q{n}", ("a", "b"), 0, f"drama-{n:02}",
                                   picks={"Ann": Pick(n % 2, 1.0, n % 2 == 0)})
                    for n in range(30))
    store.record_match(replace(record, questions=record.questions + made_up))
    app = open_stats(user_home, size=(800, 600))
    try:
        scene = app.scene
        first = [bar.label for bar in scene.chart.bars]
        assert len(first) < 34  # 30 made-up dramas and the 4 real ones do not fit at once
        app.step([key(pygame.K_DOWN)], 0.05)
        assert scene.scroll == 1
        assert [bar.label for bar in scene.chart.bars][:-1] == first[1:]
        app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-100, flipped=False)], 0.05)
        assert scene.chart.bars[-1].label == scene.stats.by_drama[-1].label
        assert_text_inside(app)
    finally:
        pygame.quit()


def test_typing_narrows_accuracy_by_drama_and_digits_still_switch_pages(history, user_home):
    store = Store(user_home)
    record = played(["Ann"], {"Ann": 2}, kinds=["actor"], seed=13)
    made_up = tuple(QuestionRecord(1, "drama", f"Q{n}", ("a", "b"), 0, f"drama-{n:02}",
                                   picks={"Ann": Pick(n % 2, 1.0, n % 2 == 0)})
                    for n in range(30))
    store.record_match(replace(record, questions=record.questions + made_up))
    app = open_stats(user_home, size=(800, 600))
    try:
        scene = app.scene
        app.step([*typed("1")], 0.05)  # the page key: nothing typed
        assert scene.page_id == "dramas" and scene.drama_filter.text == ""
        app.step([*typed("a"), *typed("-"), *typed("2")], 0.05)
        assert scene.page_id == "dramas"  # once typing, a digit is part of the search
        labels = [bar.label for bar in scene.chart.bars]
        assert sorted(labels) == [f"drama-{n}" for n in range(20, 30)]
        assert any("matching “a-2” (Esc clears)" in t for t in drawn_texts(app))
        app.step([key(pygame.K_ESCAPE)], 0.05)
        assert scene.drama_filter.text == "" and app.scene is scene
        app.step([*typed("2")], 0.05)
        assert scene.page_id == "kinds"
        assert_text_inside(app)
    finally:
        pygame.quit()


LEVEL_STABILITY = {1: 1.0, 2: 2.0, 3: 7.0, 4: 21.0, 5: 60.0}


def save_practice(home, levels: list[int]) -> list:
    """Practice progress with one card at each of the given levels, all due now."""
    cards = cards_from_deck(bundled_deck())
    progress = Progress()
    now = utc_now()
    for card, level in zip(cards, levels, strict=False):
        days = LEVEL_STABILITY[level]
        progress.record(card.id, CardState("review", now, days, 5.0, None,
                                           now - timedelta(days=days), 1, 1))
    store = Store(home)
    for card_id, state in progress.items():
        store.save_review(card_id, state.to_json(), state.due)
    return cards


def test_practice_page_shows_cards_per_level(history, user_home):
    cards = save_practice(user_home, [1, 1, 1, 2, 5])
    app = open_stats(user_home)
    try:
        app.step([key(pygame.K_5)], 0.05)
        chart = app.scene.chart
        assert chart.kind == "columns"
        counts = {bar.label: bar.value for bar in chart.bars}
        assert counts == {"New": len(cards) - 5, "Level 1": 3, "Level 2": 1, "Level 3": 0,
                          "Level 4": 0, "Level 5": 1}
        for bar in chart.bars:
            assert bar.rect.height == pytest.approx(
                chart.plot.height * bar.value / chart.maximum, abs=1)
        assert chart.maximum >= len(cards) - 5
        assert any("5 cards due today" in p.text for p in app.ctx.text.placed)
        assert_text_inside(app)
    finally:
        pygame.quit()


def test_autoplay_leafs_through_the_pages_and_leaves(app):
    import random

    while app.scene.name == "stats":
        app.step(app.scene.autoplay(random.Random(1)), 0.05)
    assert app.scene.name == "title"


def test_scores_command_prints_the_statistics(history, capsys):
    from game.cli import main

    assert main(["scores"]) == 0
    out = capsys.readouterr().out
    assert "Accuracy by question kind" in out and "Accuracy by drama" in out
    actor = next(line for line in out.splitlines() if line.strip().startswith("Actor "))
    assert "38%" in actor and "3/8" in actor and "█" in actor
    assert "Points per match" in out and "Actors missed most" in out
    assert main(["scores", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"matches", "player_bests", "stats"} <= set(data)
    kinds = {row["key"]: row for row in data["stats"]["by_kind"]}
    assert (kinds["actor"]["correct"], kinds["actor"]["answered"]) == (3, 8)
    assert kinds["actor"]["percent"] == 38 and kinds["drama"]["percent"] == 25
    assert [p["name"] for p in data["stats"]["players"]] == ["Mina", "Joon"]
    assert data["stats"]["practice"]["levels"] == [0, 0, 0, 0, 0]


def test_scores_command_prints_practice_mastery(user_home, capsys):
    from game.cli import main

    save_practice(user_home, [4, 4])
    assert main(["scores"]) == 0
    out = capsys.readouterr().out
    assert "Practice mastery" in out and "2 cards due today" in out
    level4 = next(line for line in out.splitlines() if line.strip().startswith("Level 4"))
    assert level4.split()[2] == "2"
    assert main(["scores", "--json"]) == 0
    practice = json.loads(capsys.readouterr().out)["stats"]["practice"]
    assert practice["levels"] == [0, 0, 0, 2, 0] and practice["due_today"] == 2
    assert practice["forecast"] == [2, 0, 0, 0, 0, 0, 0]
    progress, _ = Progress.from_json(progress_json(Store(user_home).practice_states()))
    assert due_today(progress, cards_from_deck(bundled_deck()), utc_now()) == 2


def test_scores_command_with_no_history(capsys):
    from game.cli import main

    assert main(["scores"]) == 0
    assert "No matches recorded yet." in capsys.readouterr().out
    assert main(["scores", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["matches"] == [] and data["stats"]["by_kind"] == []
