"""Hard questions on screen: a Hangul question does not spell out its answer in the options."""

from __future__ import annotations

import re

import pygame
import pytest

from game.ui.events import key
from tests.ui.helpers import answer, assert_text_inside, drawn_texts, go_on, make_app

HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
def test_a_hangul_question_shows_the_options_without_hangul(user_home, size) -> None:
    app = make_app(user_home, players=("Ann",), rounds=3, questions=30, size=size)
    app.ctx.save_settings(app.ctx.settings.with_value("difficulty", "hard"))
    assert app.ctx.settings.show_hangul  # names usually carry their Hangul
    app.step([key(pygame.K_1)], 0.05)
    app.step([key(pygame.K_F5)], 0.05)
    seen = set()
    for _ in range(300):
        if app.scene.name != "question":
            go_on(app)
            continue
        question = app.scene.question
        seen.add(question.kind)
        shown = drawn_texts(app)
        options = [t for t in shown if any(t.startswith(o) for o in question.options)]
        if question.kind == "hangul":
            assert HANGUL.search(question.prompt)
            assert options and not any(HANGUL.search(t) for t in options), options
            assert_text_inside(app)
            break
        answer(app, right=True)
    else:
        pytest.fail(f"no Hangul question in a hard match; saw {sorted(seen)}")
    pygame.quit()
