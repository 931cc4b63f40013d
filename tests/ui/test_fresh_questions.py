"""A player's next match deals what they have not been asked yet, through the real window's
path (setup -> match -> the store), and a match left unfinished deals again exactly as it did
even after the same player has played another match since."""

from __future__ import annotations

import pygame
import pytest

from game.ui.events import key
from tests.ui.helpers import answer, make_app, play_until


@pytest.fixture(autouse=True)
def _close_pygame():
    yield
    pygame.quit()


def play_a_match(app) -> list[tuple[str, str]]:
    """Start a classic match from the title, play it to the results, come back to the title;
    the (kind, prompt) of every question asked."""
    app.step([key(pygame.K_1)], 0.05)
    app.step([key(pygame.K_F5)], 0.05)
    asked = []
    for _ in range(200):
        if app.scene.name == "results":
            break
        if app.scene.name == "question":
            asked.append((app.scene.question.kind, app.scene.question.prompt))
            answer(app, right=len(asked) % 3 != 0)
        else:
            app.step([key(pygame.K_RETURN)], 0.05)
    assert app.scene.name == "results"
    app.step([key(pygame.K_ESCAPE)], 0.05)
    assert app.scene.name == "title"
    return asked


def test_the_next_matches_ask_what_the_player_has_not_been_asked(user_home):
    # The same seed every time: without the player's history, each match would be the same.
    app = make_app(user_home, players=("Ann",), rounds=1, questions=10, seed=3)
    matches = [play_a_match(app) for _ in range(3)]
    first, second, third = (set(asked) for asked in matches)
    assert len(first) == 10
    assert first.isdisjoint(second)
    assert third.isdisjoint(first | second)


def test_an_unfinished_match_deals_again_after_the_player_played_another(user_home):
    app = make_app(user_home, players=("Ann",), rounds=2, questions=3, seed=5)
    play_a_match(app)
    app.step([key(pygame.K_1)], 0.05)
    app.step([key(pygame.K_F5)], 0.05)
    kept = app.ctx.match
    answer(app, right=True)
    dealt = [(q.kind, q.prompt) for q in kept.record().questions]
    app.step([pygame.event.Event(pygame.QUIT)], 0.0)
    app.step([key(pygame.K_q)], 0.0)  # quit, keeping the match
    pygame.quit()

    # Ann plays with Bo in between: her history grows after the kept match was dealt.
    other = make_app(user_home, players=("Ann", "Bo"), rounds=1, questions=2, seed=9)
    play_a_match(other)
    pygame.quit()

    again = make_app(user_home, players=("Ann",), rounds=2, questions=3, seed=5)
    assert again.scene.buttons[0].id == "resume"
    again.step([key(pygame.K_r)], 0.05)
    assert again.scene.name == "question"
    match = again.ctx.match
    assert match.id == kept.id
    assert [(q.kind, q.prompt) for q in match.record().questions] == dealt
    play_until(again, "results")
