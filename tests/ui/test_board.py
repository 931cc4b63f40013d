"""The matching board played headless through App.step: clicks, drags, keys, hot-seat."""

from __future__ import annotations

import random

import pygame
import pytest

from game.core.board import CHAIN, PENALTY_SECONDS, record_key
from game.core.store import Store
from game.ui.events import click, drag, key, resize
from game.ui.scenes.board import CLEARED, DONE, PLAYING, READY, drag_frame_times
from tests.ui.helpers import assert_text_inside, make_app

CLOY = "drama:crash-landing-on-you"


@pytest.fixture
def app(user_home):
    created = make_app(user_home, players=("Ann",), rounds=1)
    yield created
    pygame.quit()


def to_board(app, *, hard: bool = False) -> None:
    if hard:
        app.ctx.save_settings(app.ctx.settings.with_value("difficulty", "hard"))
    app.step([key(pygame.K_2)], 0.05)
    assert app.scene.name == "setup"
    app.step([key(pygame.K_F5)], 0.05)
    assert app.scene.name == "board" and app.scene.state == READY


def start_playing(app, **kwargs) -> None:
    to_board(app, **kwargs)
    app.step([key(pygame.K_RETURN)], 0.05)
    assert app.scene.state == PLAYING


def drawn(app) -> list[str]:
    return [placed.text for placed in app.ctx.text.placed]


def ordered(scene, link) -> tuple[str, str]:
    """The link's two cards, left column first."""
    first, second = sorted(link, key=lambda i: scene.board.item(i).column)
    return first, second


def open_links(scene) -> list[tuple[str, str]]:
    made = set(scene.run.current.linked)
    return [ordered(scene, link) for link in sorted(scene.board.links, key=sorted)
            if link not in made]


def wrong_partner(scene, card: str) -> str:
    column = scene.board.item(card).column + 1
    return next(item.id for item in scene.board.columns[column]
                if item.id not in scene.board.partners(card)
                and scene.run.current.has_room(item.id, column - 1))


def click_pair(app, first: str, second: str, dt: float = 0.5) -> None:
    scene = app.scene
    app.step(click(scene.rects[first].center), dt)
    app.step(click(scene.rects[second].center), dt)


def solve_current_board(app, pair=click_pair) -> None:
    """Make every remaining right pair of the board on screen, then pass its cleared note."""
    scene = app.scene
    for first, second in open_links(scene):
        pair(app, first, second)
    if scene.state == CLEARED:
        app.step([key(pygame.K_RETURN)], 0.05)


def solve_run(app, pair=click_pair) -> None:
    scene = app.scene
    while scene.state == PLAYING:
        solve_current_board(app, pair)
    assert scene.state == DONE


def test_a_board_round_with_clicks_scores_each_player_in_turn(user_home):
    app = make_app(user_home, players=("Ann", "Bo"), rounds=1)
    to_board(app)
    scene = app.scene
    assert "Ann's board — press Enter when ready" in drawn(app)
    app.step([key(pygame.K_RETURN)], 0.05)
    first, _ = open_links(scene)[0]
    click_pair(app, first, wrong_partner(scene, first))
    solve_run(app)
    assert scene.run.right == 9 and scene.run.wrong == 1
    ann = scene.score.total
    assert any("9 couples matched" in line for line in drawn(app))
    app.step([key(pygame.K_RETURN)], 0.05)
    assert scene.state == READY and "Bo's board — press Enter when ready" in drawn(app)
    app.step([key(pygame.K_RETURN)], 0.05)
    solve_run(app, pair=lambda app, a, b: click_pair(app, a, b, dt=8.0))  # slow: no time bonus
    assert scene.score.total == 900
    app.step([key(pygame.K_RETURN)], 0.05)
    assert app.scene.name == "summary"
    match = app.scene.match
    assert {s.name: s.total for s in match.standings()} == {"Ann": ann, "Bo": 900}
    results = {r.name: (r.correct, r.answered) for r in match.round_results(1)}
    assert results == {"Ann": (9, 10), "Bo": (9, 9)}
    (record,) = Store(user_home).matches()
    assert record.mode == "board"
    assert {p.name: p.points for p in record.players} == {"Ann": ann, "Bo": 900}
    pygame.quit()


def test_dragging_a_card_onto_its_match_pairs_them(app):
    start_playing(app)
    scene = app.scene
    couple, drama = open_links(scene)[0]
    rects = scene.rects
    app.step(drag(rects[couple].center, (rects[couple].centerx, 2)), 0.1)  # dropped on nothing
    assert scene.run.current.linked == [] and scene.selected is None and not scene.animating
    app.step(drag(rects[couple].center, rects[wrong_partner(scene, couple)].center), 0.1)
    assert scene.run.current.wrong == 1
    app.step(drag(rects[drama].center, rects[couple].center), 0.1)  # either way round
    assert scene.run.current.linked == [frozenset({couple, drama})]
    solve_run(app, pair=lambda app, a, b: app.step(drag(scene.rects[a].center,
                                                         scene.rects[b].center), 0.3))
    assert scene.run.right == 9


def test_dragging_animates_only_while_the_card_is_held(app):
    start_playing(app)
    scene = app.scene
    couple, _ = open_links(scene)[0]
    events = drag(scene.rects[couple].center, (5, 5))
    app.step(events[:-1], 0.1)
    assert scene.animating and scene.drag_pos == (5, 5)
    assert_text_inside(app)
    app.step(events[-1:], 0.1)
    assert not scene.animating


def focus_on(app, card: str) -> None:
    scene = app.scene
    for _ in range(len(scene.board.items) + 1):
        if scene.keyboard and scene._focus_item().id == card:
            return
        app.step([key(pygame.K_TAB)], 0.1)
    raise AssertionError(f"Tab never reached {card}")


def test_the_keyboard_alone_completes_the_board(app):
    start_playing(app)
    scene = app.scene

    def by_keys(app, first: str, second: str) -> None:
        focus_on(app, first)
        app.step([key(pygame.K_RETURN)], 0.1)
        assert scene.selected == first
        focus_on(app, second)
        app.step([key(pygame.K_RETURN)], 0.1)

    solve_run(app, pair=by_keys)
    assert scene.run.right == 9 and scene.run.wrong == 0


def test_arrow_keys_move_between_and_along_columns(app):
    start_playing(app)
    scene = app.scene
    app.step([key(pygame.K_DOWN)], 0.0)
    assert scene.keyboard and scene.focus == (0, 1)
    app.step([key(pygame.K_RIGHT)], 0.0)
    assert scene.focus[0] == 1
    app.step([key(pygame.K_LEFT)], 0.0)
    app.step([key(pygame.K_UP)], 0.0)
    assert scene.focus == (0, 0)


def test_a_wrong_pair_shakes_and_costs_time(app):
    start_playing(app)
    scene = app.scene
    app.step([], 3.0)
    couple, _ = open_links(scene)[0]
    wrong = wrong_partner(scene, couple)
    before = scene.run.seconds
    click_pair(app, couple, wrong, dt=0.0)
    assert scene.run.seconds == pytest.approx(before + PENALTY_SECONDS)
    assert scene.animating and set(scene.shaking) == {couple, wrong}
    assert f"+{PENALTY_SECONDS:g} s" in drawn(app)
    assert any(line.startswith("×") for line in drawn(app))
    assert scene.run.current.linked == [] and scene.run.current.is_open(couple)
    app.step([], 0.5)
    assert not scene.animating


def test_the_two_couple_drama_takes_both_couples(app):
    start_playing(app)
    scene = app.scene
    if CLOY not in scene.rects:
        solve_current_board(app)
    first, second = sorted(scene.board.partners(CLOY))
    assert "0/2" in drawn(app)
    click_pair(app, first, CLOY)
    assert scene.run.current.is_open(CLOY) and "1/2" in drawn(app)
    click_pair(app, CLOY, second)  # the drama first this time
    assert not scene.run.current.is_open(CLOY)
    assert scene.run.current.filled(CLOY, 0) == 2


def test_the_hard_difficulty_plays_three_columns(app):
    start_playing(app, hard=True)
    scene = app.scene
    assert len(scene.board.columns) == 3
    assert any("character → partner → drama" in line for line in drawn(app))
    character = scene.board.columns[0][0].id
    click_pair(app, character, scene.board.columns[2][0].id)  # not neighbours: no penalty
    assert scene.run.current.wrong == 0 and "neighbouring" in scene.message
    app.step(click(scene.rects[character].center, button=3), 0.0)  # right-click drops it
    assert scene.selected is None
    solve_run(app)
    assert scene.run.right == 18


def test_the_best_time_is_kept_and_a_new_one_is_announced(user_home):
    key_, seconds = None, []
    for attempt, dt in enumerate((2.0, 6.0, 1.0)):
        app = make_app(user_home, players=("Ann",), rounds=1)
        start_playing(app)
        scene = app.scene
        key_ = record_key(app.ctx.deck.title, scene.variant)
        solve_run(app, pair=lambda app, a, b, dt=dt: click_pair(app, a, b, dt))
        news = [line for line in drawn(app) if "new best!" in line]
        assert bool(news) == (attempt != 1), (attempt, drawn(app))
        seconds.append(scene.run.seconds)
        pygame.quit()
    assert seconds[2] < seconds[0] < seconds[1]
    assert Store(user_home).best_time(key_).seconds == pytest.approx(seconds[2], abs=0.01)


def test_escape_pauses_and_stops_the_clock(app):
    start_playing(app)
    scene = app.scene
    app.step([], 2.0)
    app.step([key(pygame.K_ESCAPE)], 0.0)
    before = scene.run.seconds
    assert app.scene.name == "pause" and before >= 2.0
    app.step([], 30.0)
    app.step([key(pygame.K_ESCAPE)], 0.0)
    assert app.scene is scene and scene.run.seconds == before


def test_the_demo_player_finishes_the_round(app):
    to_board(app)
    rng = random.Random(3)
    for _ in range(400):
        if app.scene.name != "board":
            break
        app.step(app.scene.autoplay(rng), 0.5)
    assert app.scene.name == "summary"
    (result,) = app.scene.match.round_results(1)
    assert result.correct == 9 and result.answered > 9  # some wrong pairs along the way


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
@pytest.mark.parametrize("large", [False, True])
def test_every_board_state_fits_the_window(app, size, large):
    if large:
        app.ctx.save_settings(app.ctx.settings.with_value("text_size", "large"))
    app.step([resize(*size)], 0.0)
    to_board(app, hard=large)
    assert_text_inside(app)
    app.step([key(pygame.K_RETURN)], 0.0)
    assert_text_inside(app)
    scene = app.scene
    first, _ = open_links(scene)[0]
    click_pair(app, first, wrong_partner(scene, first), dt=0.0)
    app.step(click(scene.rects[first].center), 0.0)
    assert_text_inside(app)
    while scene.state != DONE:
        for a, b in open_links(scene):
            scene.pair(a, b)
        app.step([], 0.0)
        assert_text_inside(app)  # the "board cleared" note, then the done card
        if scene.state == CLEARED:
            app.step([key(pygame.K_RETURN)], 0.0)
            assert_text_inside(app)


def test_drag_frame_times_are_measured_without_pairing(app):
    start_playing(app)
    times = drag_frame_times(app, 30)
    assert len(times) == 30 and all(t > 0 for t in times)
    assert app.scene.run.current.linked == [] and app.scene.run.current.wrong == 0


def test_hard_boards_show_character_partner_and_drama_heads(app):
    start_playing(app, hard=True)
    assert {"CHARACTER", "PARTNER", "DRAMA"} <= set(drawn(app))
    assert app.scene.variant == CHAIN
