"""The round summary after a board round: pairs and wrong pairs, never a question round's
"perfect round" or streaks beside them (issue 8, item 10)."""

from __future__ import annotations

import pygame
import pytest

from game.core.board import PENALTY_SECONDS
from game.ui.events import key
from tests.ui.helpers import assert_text_inside, make_app
from tests.ui.test_board import click_pair, drawn, open_links, solve_run, to_board, wrong_partner


@pytest.fixture
def app(user_home):
    created = make_app(user_home, players=("Ann",), rounds=1)
    yield created
    pygame.quit()


def test_the_round_summary_of_a_board_agrees_with_itself(user_home):
    app = make_app(user_home, players=("Ann", "Bo"), rounds=1)
    to_board(app)
    app.step([key(pygame.K_RETURN)], 0.05)
    scene = app.scene
    first, _ = open_links(scene)[0]
    click_pair(app, first, wrong_partner(scene, first))  # Ann: one wrong pair
    solve_run(app)
    app.step([key(pygame.K_RETURN)], 0.05)
    app.step([key(pygame.K_RETURN)], 0.05)
    solve_run(app)  # Bo: none
    app.step([key(pygame.K_RETURN)], 0.05)
    assert app.scene.name == "summary"
    shown = drawn_after_frame(app)
    assert "A perfect round: nothing to review." not in shown
    assert "Best streak" not in shown and "Correct" not in shown
    assert {"Pairs made", "Wrong pairs"} <= set(shown)
    assert (
        f"Each wrong pair added {PENALTY_SECONDS:g} s to the clock. Ann made 1 wrong pair." in shown
    )
    assert_text_inside(app)


def test_a_clean_board_round_is_called_clean(app):
    to_board(app)
    app.step([key(pygame.K_RETURN)], 0.05)
    solve_run(app)
    app.step([key(pygame.K_RETURN)], 0.05)
    assert app.scene.name == "summary"
    assert "Every pair right at the first try: a clean board round." in drawn_after_frame(app)


def drawn_after_frame(app) -> list[str]:
    app.scene.dirty = True
    app.step([], 0.0)
    return drawn(app)
