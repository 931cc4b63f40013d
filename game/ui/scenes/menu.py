"""A screen of stacked buttons with mouse, number keys, arrows/Tab and Enter.

Title, pause and the between-round screens all need the same input handling, so it lives
here once; each screen supplies its buttons, what they do, and what to draw around them.
"""

from __future__ import annotations

import random

import pygame

from game.ui.chrome import menu_keys
from game.ui.events import key
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, draw_button

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class MenuScene(Scene):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.buttons: list[Button] = []
        self.focus = 0

    def activate(self, button_id: str) -> None:
        raise NotImplementedError

    def back(self) -> None:
        """Esc: by default, leave this screen."""
        self.ctx.scenes.pop()

    def press(self, button_id: str) -> None:
        self.ctx.sound.play("select")
        self.activate(button_id)

    def handle(self, event: pygame.event.Event) -> bool:
        pointer, clicked = self.track_pointer(event, self.buttons)
        if clicked:
            self.press(clicked.id)
        if pointer:
            return True
        if event.type != pygame.KEYDOWN:
            return False
        moved = menu_keys(event, len(self.buttons), self.focus) if self.buttons else None
        if moved is not None:
            self.focus = moved
            self.dirty = True
            return True
        if event.key in ACTIVATE_KEYS and self.buttons:
            if self.buttons[self.focus].enabled:
                self.press(self.buttons[self.focus].id)
            return True
        if event.key == pygame.K_ESCAPE:
            self.back()
            return True
        name = pygame.key.name(event.key).upper()
        for button in self.buttons:
            if button.enabled and button.key_hint and button.key_hint.upper() == name:
                self.press(button.id)
                return True
        return False

    def draw_buttons(self, surface: pygame.Surface) -> None:
        for index, button in enumerate(self.buttons):
            draw_button(surface, self.ctx.theme, self.ctx.text, button,
                        hovered=button.id == self.hover, focused=index == self.focus)

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        """The demo player takes the focused (first) choice."""
        return [key(pygame.K_RETURN)]
