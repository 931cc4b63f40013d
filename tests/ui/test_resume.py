"""Matches survive leaving them: Quit to title, closing the window, quitting the game, and the
next launch, with the time left on the question and the pairs made on a board."""

from __future__ import annotations

import re

import pygame
import pytest

from game.core.daily import DailyLog
from game.core.store import Store
from game.ui.events import click, key
from game.ui.scenes.board import PLAYING, READY
from game.ui.scenes.daily import DailyScene
from tests.ui.helpers import answer, assert_text_inside, drawn_texts, go_on, make_app
from tests.ui.test_daily import DAY, open_daily, play_to_results


@pytest.fixture(autouse=True)
def _close_pygame():
    yield
    pygame.quit()


def start_classic(app) -> None:
    app.step([key(pygame.K_1)], 0.05)
    app.step([key(pygame.K_F5)], 0.05)
    assert app.scene.name == "question"


def quit_to_title(app) -> None:
    app.step([key(pygame.K_ESCAPE)], 0.05)
    assert app.scene.name == "pause"
    app.step([key(pygame.K_q)], 0.05)
    assert app.scene.name == "title"


def close_window(app) -> None:
    app.step([pygame.event.Event(pygame.QUIT)], 0.0)
    assert app.ctx.running and app.scene.name == "confirm_quit"
    app.step([key(pygame.K_q)], 0.0)
    assert not app.ctx.running


def test_quit_to_title_then_resume_keeps_the_time_already_spent(user_home):
    app = make_app(user_home)
    start_classic(app)
    app.step([], 12.0)  # 12 of the 20 seconds spent thinking
    quit_to_title(app)
    app.step([key(pygame.K_r)], 0.05)
    assert app.scene.name == "question"
    assert app.scene.elapsed == pytest.approx(12.0, abs=0.2)
    assert app.scene.remaining == pytest.approx(8.0, abs=0.2)
    answer(app, right=True, elapsed=1.0)
    assert app.scene.turn.elapsed == pytest.approx(13.0, abs=0.2)  # not 1 s: no free time


def test_closing_the_window_asks_and_the_next_launch_offers_resume(user_home):
    app = make_app(user_home)
    start_classic(app)
    answer(app, right=True)
    go_on(app)
    app.step([], 5.0)
    standings = app.ctx.match.standings()
    match_id = app.ctx.match.id
    app.step([pygame.event.Event(pygame.QUIT)], 0.0)
    assert app.scene.name == "confirm_quit"
    assert any("is kept" in t for t in drawn_texts(app))
    app.step([key(pygame.K_ESCAPE)], 0.0)  # keep playing after all
    assert app.scene.name == "question" and app.ctx.running
    close_window(app)
    pygame.quit()

    again = make_app(user_home)  # the next launch, same players
    title = again.scene
    assert title.buttons[0].id == "resume"
    assert title.buttons[0].label == "Resume: Ann & Bo"
    again.step([key(pygame.K_RETURN)], 0.05)
    assert again.scene.name == "question"
    match = again.ctx.match
    assert match.id == match_id and match.turn_index == 1 and match.current_player == "Bo"
    assert match.standings() == standings
    assert again.scene.elapsed == pytest.approx(5.0, abs=0.2)
    answer(again, right=True)
    go_on(again)
    assert again.scene.name in ("summary", "question")


def test_another_set_of_players_is_not_offered_the_match(user_home):
    app = make_app(user_home)
    start_classic(app)
    close_window(app)
    pygame.quit()
    other = make_app(user_home, players=("Cy",))
    assert "resume" not in [b.id for b in other.scene.buttons]


def test_quitting_from_the_title_with_a_match_in_progress_asks_first(user_home):
    app = make_app(user_home)
    start_classic(app)
    quit_to_title(app)
    app.step([key(pygame.K_ESCAPE)], 0.05)  # Esc on the title quits the game
    assert app.ctx.running and app.scene.name == "confirm_quit"
    app.step([key(pygame.K_RETURN)], 0.05)  # the default choice keeps playing
    assert app.scene.name == "title" and app.ctx.running
    app.step([key(pygame.K_q)], 0.05)
    assert app.scene.name == "confirm_quit"
    app.step([key(pygame.K_q)], 0.05)
    assert not app.ctx.running
    assert Store(user_home).unfinished(["Ann", "Bo"]) is not None


def test_a_new_match_replaces_the_offer(user_home):
    app = make_app(user_home)
    start_classic(app)
    first = app.ctx.match.id
    quit_to_title(app)
    app.ctx.match = None  # as at a new launch
    start_classic(app)
    assert app.ctx.match.id != first
    assert Store(user_home).unfinished(["Ann", "Bo"]).id == app.ctx.match.id


def to_board(app) -> None:
    app.step([key(pygame.K_2)], 0.05)
    app.step([key(pygame.K_F5)], 0.05)
    assert app.scene.name == "board" and app.scene.state == READY
    app.step([key(pygame.K_RETURN)], 0.05)
    assert app.scene.state == PLAYING


def make_two_pairs(app) -> list[frozenset[str]]:
    scene = app.scene
    app.step([], 0.0)
    for link in sorted(scene.board.links, key=sorted)[:2]:
        first, second = sorted(link, key=lambda i: scene.board.item(i).column)
        app.step(click(scene.rects[first].center), 0.05)
        app.step(click(scene.rects[second].center), 0.05)
    assert len(scene.run.current.linked) == 2
    return list(scene.run.current.linked)


def board_cards(scene) -> list[list[str]]:
    return [[item.id for item in column] for column in scene.board.columns]


@pytest.mark.parametrize("relaunch", [False, True])
def test_a_paused_board_comes_back_with_its_pairs(user_home, relaunch):
    app = make_app(user_home, players=("Ann",), rounds=1)
    to_board(app)
    app.step([], 4.0)
    pairs = make_two_pairs(app)
    cards = board_cards(app.scene)
    clock = app.scene.run.seconds
    if relaunch:
        close_window(app)
        pygame.quit()
        app = make_app(user_home, players=("Ann",), rounds=1)
    else:
        quit_to_title(app)
    app.step([key(pygame.K_r)], 0.05)
    scene = app.scene
    assert scene.name == "board" and scene.state == READY  # the clock waits for the player
    assert board_cards(scene) == cards
    assert scene.run.current.linked == pairs
    assert scene.run.seconds == pytest.approx(clock, abs=0.1)


def test_the_daily_challenge_is_each_players_own(user_home):
    app = make_app(user_home, players=("Jisoo",))
    open_daily(app)
    app.step([key(pygame.K_RETURN)], 0.05)
    play_to_results(app)
    pygame.quit()
    minho = make_app(user_home, players=("Min-ho",))
    scene = open_daily(minho)
    assert scene.result is None and scene.streak == 0
    assert scene.buttons[0].label == "Start today's challenge"
    assert DailyLog(Store(user_home), "Jisoo").streak(DAY) == 1


def test_a_daily_left_half_way_resumes_after_a_restart_and_cannot_be_dealt_again(user_home):
    app = make_app(user_home, players=("Jisoo",))
    open_daily(app)
    app.step([key(pygame.K_RETURN)], 0.05)
    first = app.scene.question.prompt
    answer(app, right=True)
    go_on(app)
    second = app.scene.question.prompt
    close_window(app)
    pygame.quit()

    again = make_app(user_home, players=("Jisoo",))
    assert "resume" not in [b.id for b in again.scene.buttons]  # the daily has its own screen
    scene = open_daily(again)
    assert scene.buttons[0].label == "Resume today's challenge"
    again.step([key(pygame.K_RETURN)], 0.05)
    assert again.scene.name == "question"
    assert again.scene.question.prompt == second != first
    assert again.ctx.match.turn_index == 1
    play_to_results(again)
    scene = DailyScene(again.ctx, lambda: DAY)
    assert scene.result is not None and scene.buttons[0].enabled is False


@pytest.mark.parametrize("size", [(800, 600), (1280, 720), (1920, 1080)])
def test_the_title_shows_every_warning_or_how_many_more(user_home, size):
    app = make_app(user_home, size=size)
    app.ctx.store.warn([f"problem {n}" for n in range(1, 3)])
    app.scene.dirty = True
    texts = " ".join(drawn_texts(app))
    assert "problem 1" in texts and "problem 2" in texts and "more)" not in texts
    app.ctx.store.warn(
        [f"problem {n} with a longer description of what went wrong" for n in range(3, 41)]
    )
    app.scene.dirty = True
    texts = " ".join(drawn_texts(app))
    more = int(re.search(r"\(and (\d+) more\)", texts).group(1))
    shown = set(re.findall(r"! problem (\d+)", texts))
    assert shown == {str(n) for n in range(1, 41 - more)}  # the first ones, then the count
    assert_text_inside(app)


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
@pytest.mark.parametrize("large", [False, True])
def test_warnings_resume_and_the_quit_question_fit_the_window(user_home, size, large):
    app = make_app(user_home, size=size, players=("Ann", "Seo-yeon Park-Lee"))
    if large:
        app.ctx.save_settings(app.ctx.settings.with_value("text_size", "large"))
    start_classic(app)
    quit_to_title(app)
    app.ctx.store.warn(
        [f"practice.json: skipped a damaged card number {n} of the old file" for n in range(7)]
    )
    app.scene.dirty = True
    texts = drawn_texts(app)
    assert "Resume: Ann & Seo-yeon Park-Lee" in texts
    assert_text_inside(app)
    app.step([key(pygame.K_q)], 0.05)
    assert app.scene.name == "confirm_quit"
    drawn_texts(app)
    assert_text_inside(app)


def test_a_5050_used_before_the_pause_stays_used(user_home):
    app = make_app(user_home)
    start_classic(app)
    app.step([key(pygame.K_l)], 0.05)
    removed = app.scene.removed
    assert len(removed) == 2
    quit_to_title(app)
    app.step([key(pygame.K_r)], 0.05)
    assert app.scene.removed == removed  # the same two options stay gone, not a fresh 50/50
    assert not app.scene.buttons[removed[0]].enabled


def test_time_on_a_question_survives_a_crash(user_home):
    app = make_app(user_home)
    start_classic(app)
    for _ in range(9):
        app.step([], 1.0)  # 9 s on the first question, then the process dies: no quitting
    match_id = app.ctx.match.id
    pygame.quit()
    again = make_app(user_home)
    again.step([key(pygame.K_r)], 0.05)
    assert again.ctx.match.id == match_id and again.scene.name == "question"
    assert 8.0 <= again.scene.elapsed <= 9.0  # saved every two seconds at most
