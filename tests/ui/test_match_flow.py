"""A whole hot-seat match played headless through App.step, as a player would."""

from __future__ import annotations

import json

import pygame
import pytest

from game.core.store import Store
from game.ui.events import click, key, text
from tests.ui.helpers import answer, assert_text_inside, go_on, make_app, play_until


@pytest.fixture
def app(user_home):
    created = make_app(user_home)
    yield created
    pygame.quit()


def start_match(app) -> None:
    app.step([key(pygame.K_1)], 0.05)
    assert app.scene.name == "setup"
    app.step([key(pygame.K_F5)], 0.05)
    assert app.scene.name == "question"


def test_two_player_match_alternates_turns_and_records_scores(app, user_home):
    start_match(app)
    seen_players = []
    while app.scene.name == "question":
        player = app.scene.player
        seen_players.append(player)
        answer(app, right=player == "Ann")
        assert app.scene.name == "feedback"
        assert app.scene.turn.correct == (player == "Ann")
        go_on(app)
        if app.scene.name == "summary":
            go_on(app)
            assert app.scene.name == "scoreboard"
            go_on(app)
    assert seen_players == ["Ann", "Bo"] * 4  # 2 rounds x 2 questions each, alternating
    assert app.scene.name == "results"
    standings = app.scene.match.standings()
    assert [s.name for s in standings] == ["Ann", "Bo"]
    assert standings[0].total >= 4 * 500 and standings[1].total == 0
    recorded = Store(user_home).matches()
    assert len(recorded) == 1
    points = {p.name: p.points for p in recorded[0].players}
    assert points == {"Ann": standings[0].total, "Bo": 0}


def test_timeout_scores_nothing_and_says_so(app):
    start_match(app)
    limit = app.ctx.settings.time_limit
    app.step([], limit + 0.5)
    app.step([], 0.0)
    assert app.scene.name == "feedback"
    assert app.scene.turn.chosen is None
    assert app.scene.turn.points.total == 0
    assert "Time's up" in app.scene.headline


def test_clicking_an_answer_button_answers(app):
    start_match(app)
    scene = app.scene
    button = scene.buttons[scene.question.answer]
    app.step(click(button.rect.center), 0.5)
    assert app.scene.name == "feedback" and app.scene.turn.correct


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080), (1280, 720)])
def test_resize_mid_question_keeps_text_inside(app, size):
    start_match(app)
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)], 0.1)
    assert pygame.display.get_surface().get_size() == size
    assert_text_inside(app)
    answer(app, right=False)
    assert_text_inside(app)


def test_typing_m_in_a_name_does_not_mute(app):
    app.step([key(pygame.K_1)], 0.05)
    before = app.ctx.sound.muted
    app.step([key(pygame.K_m), text("m")], 0.05)
    assert app.ctx.sound.muted == before
    assert app.scene.boxes[0].value.endswith("m")


def test_korean_name_through_ime(app):
    app.step([key(pygame.K_1)], 0.05)
    box = app.scene.boxes[0]
    for _ in range(len(box.value)):
        app.step([key(pygame.K_BACKSPACE)], 0.01)
    app.step([pygame.event.Event(pygame.TEXTEDITING, text="ㅁ", start=0, length=1)], 0.01)
    assert box.shown == "ㅁ"
    app.step([text("민지")], 0.01)
    assert box.value == "민지"
    app.step([key(pygame.K_F5)], 0.05)
    assert app.scene.name == "question" and app.scene.player == "민지"


def test_m_mutes_outside_text_entry(app):
    app.step([key(pygame.K_m)], 0.05)
    assert app.ctx.sound.muted


def test_pause_then_quit_to_title_keeps_the_match(app):
    start_match(app)
    answer(app, right=True)
    go_on(app)
    app.step([key(pygame.K_ESCAPE)], 0.05)
    assert app.scene.name == "pause"
    app.step([key(pygame.K_q)], 0.05)
    assert app.scene.name == "title"
    assert app.scene.buttons[0].id == "resume"
    app.step([key(pygame.K_RETURN)], 0.05)
    assert app.scene.name == "question"
    assert app.scene.match.turn_index == 1


def test_closing_the_window_keeps_finished_rounds(app, user_home):
    start_match(app)
    play_until(app, "summary")
    app.step([pygame.event.Event(pygame.QUIT)], 0.0)
    assert app.ctx.running and app.scene.name == "confirm_quit"  # a match is in progress
    app.step([key(pygame.K_q)], 0.0)
    assert not app.ctx.running
    recorded = Store(user_home).matches()
    assert len(recorded) == 1
    assert all(p.points > 0 for p in recorded[0].players)


def test_corrupt_scores_file_is_moved_aside_with_a_warning(user_home):
    user_home.mkdir(parents=True)
    (user_home / "scores.json").write_text("{not json", encoding="utf-8")
    app = make_app(user_home)
    try:
        assert any("scores.json" in w for w in app.ctx.warnings)
        assert any(p.name.startswith("scores.json.corrupt") for p in user_home.iterdir())
        app.step([key(pygame.K_1)], 0.05)
        assert app.scene.name == "setup"
    finally:
        pygame.quit()


def test_setup_refuses_duplicate_names(app):
    app.step([key(pygame.K_1)], 0.05)
    scene = app.scene
    scene.boxes[1].value = "ann"
    app.step([key(pygame.K_F5)], 0.05)
    assert app.scene.name == "setup" and "same name" in scene.error


def test_scores_command_lists_the_finished_match(app, user_home, capsys):
    from game.cli import main

    start_match(app)
    play_until(app, "results")
    assert main(["scores", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {p["name"] for p in data["matches"][0]["players"]} == {"Ann", "Bo"}
