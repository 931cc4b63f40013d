"""Words on the screens: counts in the right number, labels at their full size (issue 8,
item 13)."""

from __future__ import annotations

import pygame
import pytest

from game.core.session import Match
from game.core.wording import plural
from game.ui.scenes.results import ResultsScene
from tests.ui.helpers import assert_text_inside, bundled_deck, drawn_texts, make_app


@pytest.fixture(autouse=True)
def _close_pygame():
    yield
    pygame.quit()


def finished_match(mode: str, rounds: int) -> Match:
    match = Match(bundled_deck(), ["Ann"], rounds=rounds, questions_per_round=1, seed=3, mode=mode)
    for _ in range(rounds):
        match.start_round()
        match.answer(match.current_question.answer, 2.0)
        match.finish_round()
    match.finish()
    return match


def show_results(app, match: Match) -> ResultsScene:
    scene = ResultsScene(app.ctx, match, {})
    app.ctx.scenes.push(scene)
    app.step([], 0.0)
    return scene


def test_plural_follows_the_number():
    assert [plural(n, "round") for n in (0, 1, 2)] == ["0 rounds", "1 round", "2 rounds"]
    assert plural(1, "match", "matches") == "1 match"
    assert plural(3, "match", "matches") == "3 matches"


@pytest.mark.parametrize(("rounds", "header"), [(1, "1 round played"), (2, "2 rounds played")])
def test_the_results_count_rounds_in_the_right_number(user_home, rounds, header):
    app = make_app(user_home)
    show_results(app, finished_match("classic", rounds))
    shown = drawn_texts(app)
    assert header in shown
    assert "1 rounds played" not in shown


@pytest.mark.parametrize("size", [(800, 600), (1280, 720), (1920, 1080)])
@pytest.mark.parametrize("large", [False, True])
def test_back_to_the_daily_challenge_keeps_the_button_font(user_home, size, large):
    app = make_app(user_home, size=size)
    if large:
        app.ctx.save_settings(app.ctx.settings.with_value("text_size", "large"))
    scene = show_results(app, finished_match("daily", 1))
    drawn_texts(app)
    label = "Back to the daily challenge"
    (placed,) = [p for p in app.ctx.text.placed if p.text == label]
    theme, text = app.ctx.theme, app.ctx.text
    px = theme.font_px("button")
    line_h, ink_h = text.line_height(px), text.font(px).get_height()
    lines = round((placed.rect.height - ink_h) / line_h) + 1
    assert placed.rect.height == (lines - 1) * line_h + ink_h, "the label was drawn smaller"
    assert lines <= 2
    assert scene.buttons[0].rect.contains(placed.rect)
    assert_text_inside(app)
