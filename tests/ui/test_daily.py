"""The daily challenge screen: today's round, once for a score, the streak and the week."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pygame
import pytest

from game.core.daily import DAILY_QUESTIONS, DailyLog, DayResult
from game.core.store import Store
from game.ui.events import click, key
from game.ui.scenes.daily import DailyScene
from tests.ui.helpers import answer, assert_text_inside, drawn_texts, make_app

DAY = date(2024, 6, 4)


@pytest.fixture(autouse=True)
def _close_pygame():
    yield
    pygame.quit()


def open_daily(app, day: date = DAY) -> DailyScene:
    """The daily screen as on `day` (the title's button opens it for the real today)."""
    scene = DailyScene(app.ctx, lambda: day)
    app.ctx.scenes.push(scene)
    app.step([], 0.0)
    assert app.scene is scene
    return scene


def play_to_results(app, right: bool = True) -> list[str]:
    """Answer every question; returns the prompts asked."""
    prompts = []
    for _ in range(100):
        if app.scene.name == "results":
            return prompts
        if app.scene.name == "question":
            prompts.append(app.scene.question.prompt)
            answer(app, right)
        else:
            app.step([key(pygame.K_RETURN)], 0.05)
    raise AssertionError(f"stuck on {app.scene.name}")


def test_the_title_button_opens_todays_challenge(user_home):
    app = make_app(user_home)
    app.step([key(pygame.K_4)], 0.05)
    assert app.scene.name == "daily"
    assert app.scene.day == date.today()
    assert_text_inside(app)


def test_todays_round_is_ten_questions_for_one_player_and_its_score_is_kept(user_home):
    app = make_app(user_home)
    open_daily(app)
    app.step([key(pygame.K_RETURN)], 0.05)
    assert app.scene.name == "question"
    match = app.ctx.match
    assert (match.mode, match.players, match.rounds) == ("daily", ("Ann",), 1)
    assert match.turns_in_round == DAILY_QUESTIONS
    prompts = play_to_results(app)
    assert len(prompts) == DAILY_QUESTIONS
    total = match.standings()[0].total
    assert DailyLog(Store(user_home), "Ann").results() == {
        DAY: DayResult(total, DAILY_QUESTIONS, DAILY_QUESTIONS)}
    assert [m.mode for m in Store(user_home).matches()] == ["daily"]


def test_a_second_play_the_same_day_is_refused_with_a_reason(user_home):
    app = make_app(user_home)
    open_daily(app)
    app.step([key(pygame.K_RETURN)], 0.05)
    play_to_results(app, right=False)
    app.step([key(pygame.K_t)], 0.05)
    scene = open_daily(app)
    assert not scene.buttons[0].enabled
    assert any("Played today" in t for t in drawn_texts(app))
    app.step(click(scene.buttons[0].rect.center), 0.05)
    assert app.scene is scene and app.ctx.match is None
    assert_text_inside(app)
    app.step([key(pygame.K_RETURN)], 0.05)  # the focus waits on Back
    assert app.scene.name == "title" and app.ctx.match is None
    open_daily(app, DAY + timedelta(days=1))
    assert app.scene.buttons[0].enabled  # tomorrow brings a new one


def round_for(home, day: date, difficulty: str) -> list[str]:
    """The prompts and options of `day`'s round, played in a fresh app in `home`."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.json").write_text(json.dumps({"difficulty": difficulty}), encoding="utf-8")
    app = make_app(home, seed=None)
    open_daily(app, day)
    app.step([key(pygame.K_RETURN)], 0.05)
    assert app.ctx.settings.difficulty == difficulty  # the player's own setting is untouched
    seen = []
    while app.scene.name != "results":
        if app.scene.name == "question":
            seen.append(f"{app.scene.question.prompt} {app.scene.question.options}")
            answer(app, True)
        else:
            app.step([key(pygame.K_RETURN)], 0.05)
    pygame.quit()
    return seen


def test_the_day_fixes_the_round_whatever_the_difficulty_setting(tmp_path):
    easy = round_for(tmp_path / "a", DAY, "easy")
    hard = round_for(tmp_path / "b", DAY, "hard")
    assert len(easy) == DAILY_QUESTIONS and easy == hard
    assert round_for(tmp_path / "c", DAY + timedelta(days=1), "easy") != easy


def test_the_streak_and_the_week_are_shown(user_home):
    user_home.mkdir(parents=True)
    played = {(DAY - timedelta(days=n)).isoformat(): {"points": 1000 + n, "correct": 5,
                                                       "answered": 10} for n in (1, 2, 4)}
    # An older version's files: one daily log per machine, for the player last named.
    (user_home / "daily.json").write_text(json.dumps({"days": played}), encoding="utf-8")
    (user_home / "scores.json").write_text(json.dumps({"matches": [], "last_players": ["Ann"]}),
                                           encoding="utf-8")
    app = make_app(user_home)
    scene = open_daily(app)
    assert (scene.streak, scene.best) == (2, 2)
    texts = drawn_texts(app)
    assert "Streak: 2 days" in texts
    # 4 June 2024 was a Tuesday: played Mon, Sun and Fri, not Sat
    assert {"● Mon", "● Sun", "○ Sat", "● Fri", "○ Today"} <= set(texts)
    assert "1,001" in texts and "1,004" in texts


def test_a_challenge_left_for_the_title_is_resumed_not_dealt_again(user_home):
    app = make_app(user_home)
    open_daily(app)
    app.step([key(pygame.K_RETURN)], 0.05)
    match = app.ctx.match
    answer(app, True)
    app.step([key(pygame.K_RETURN)], 0.05)
    app.step([key(pygame.K_ESCAPE)], 0.05)
    app.step([key(pygame.K_q)], 0.05)
    assert app.scene.name == "title"
    scene = open_daily(app)
    assert scene.buttons[0].label == "Resume today's challenge"
    app.step([key(pygame.K_RETURN)], 0.05)
    assert app.ctx.match is match and app.scene.name == "question"
    assert match.turn_index == 1
    play_to_results(app)
    assert DailyLog(Store(user_home), "Ann").played(DAY)


def test_the_player_is_the_one_remembered_from_setup(user_home):
    Store(user_home).remember_players(["Mina", "Joon"])
    app = make_app(user_home, players=())
    scene = open_daily(app)
    assert scene.player == "Mina"
    app.step([key(pygame.K_RETURN)], 0.05)
    assert app.ctx.match.players == ("Mina",)


def test_an_ordinary_match_is_never_recorded_as_the_daily(user_home):
    app = make_app(user_home, rounds=1, questions=1)
    app.step([key(pygame.K_1)], 0.05)
    app.step([key(pygame.K_F5)], 0.05)
    play_to_results(app)
    assert DailyLog(Store(user_home), "Ann").results() == {}


@pytest.mark.parametrize("size", [(800, 600), (1280, 720), (1920, 1080)])
def test_the_daily_screen_fits_with_large_text_and_spoiler_note(user_home, size):
    user_home.mkdir(parents=True)
    (user_home / "settings.json").write_text(json.dumps(
        {"text_size": "large", "hidden_dramas": ["itaewon-class"]}), encoding="utf-8")
    log = DailyLog(Store(user_home), "Ann")
    log.start(DAY, "an earlier match")
    log.finish("an earlier match", DayResult(12345, 9, 10))
    app = make_app(user_home, size=size)
    open_daily(app)
    texts = drawn_texts(app)
    assert any("Spoiler-safe" in t for t in texts)
    assert_text_inside(app)
