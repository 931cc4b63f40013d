"""The pause menu keeps a dimmed copy of the paused screen instead of redrawing it."""

from __future__ import annotations

import pygame

from game.ui.events import key
from tests.ui.helpers import make_app


def test_after_the_first_frame_the_pause_menu_draws_alone_over_the_same_picture(user_home):
    app = make_app(user_home, size=(1024, 768))
    app.step([key(pygame.K_1)], 0.05)
    app.step([key(pygame.K_F5)], 0.05)
    app.step([], 4.0)
    assert app.scene.name == "question"
    question = app.scene
    app.step([key(pygame.K_ESCAPE)], 0.05)
    pause = app.scene
    assert pause.name == "pause"
    assert app.ctx.scenes.visible() == [pause]  # the question was drawn once, under it
    first = pygame.display.get_surface().copy()
    pause.dirty = True
    app.step([key(pygame.K_DOWN)], 0.05)  # focus moves: a redraw
    app.step([key(pygame.K_UP)], 0.05)
    now = pygame.display.get_surface()
    assert pygame.image.tobytes(now, "RGB") == pygame.image.tobytes(first, "RGB")
    app.step([key(pygame.K_ESCAPE)], 0.05)
    assert app.scene is question
    pygame.quit()


def test_a_resize_while_paused_dims_the_screen_below_again(user_home):
    app = make_app(user_home, size=(1024, 768))
    app.step([key(pygame.K_1)], 0.05)
    app.step([key(pygame.K_F5)], 0.05)
    app.step([key(pygame.K_ESCAPE)], 0.05)
    pause = app.scene
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1280, h=800, size=(1280, 800))], 0.05)
    assert pause.overlay is False and pause._backdrop.get_size() == (1280, 800)
    pygame.quit()


def test_the_quit_question_also_keeps_one_dimmed_copy_of_the_title(user_home):
    app = make_app(user_home, size=(1024, 768))
    app.step([key(pygame.K_1)], 0.05)
    app.step([key(pygame.K_F5)], 0.05)
    app.step([key(pygame.K_ESCAPE)], 0.05)
    app.step([key(pygame.K_q)], 0.05)  # to the title, the match kept
    app.step([key(pygame.K_ESCAPE)], 0.05)  # quitting with a match kept asks first
    confirm = app.scene
    assert confirm.name == "confirm_quit"
    assert app.ctx.scenes.visible() == [confirm]  # the title was drawn once, under it
    first = pygame.display.get_surface().copy()
    app.step([key(pygame.K_DOWN)], 0.05)  # focus moves: a redraw
    app.step([key(pygame.K_UP)], 0.05)
    now = pygame.display.get_surface()
    assert pygame.image.tobytes(now, "RGB") == pygame.image.tobytes(first, "RGB")
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1280, h=800, size=(1280, 800))], 0.05)
    assert confirm.overlay is False  # dimmed again at the new size, then kept
    app.step([key(pygame.K_ESCAPE)], 0.05)
    assert app.scene.name == "title" and app.ctx.running
    pygame.quit()
