"""The pause menu, drawn over the paused screen. The match is kept when you leave.

The paused screen does not change while the menu is up, so the dimmed picture of it is kept
after the first frame and later frames (a hover, a key) draw only that copy and the panel:
at 3840×2160, dimming and redrawing the screen below on every frame cost 27 ms."""

from __future__ import annotations

import pygame

from game.ui.scenes.menu import MenuScene
from game.ui.widgets import Button, draw_panel

SHADE_ALPHA = 170


class PauseScene(MenuScene):
    name = "pause"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._backdrop: pygame.Surface | None = None  # the dimmed screen below, once drawn
        self.buttons = [
            Button("resume", "Resume", key_hint="Esc"),
            Button("title", "Quit to title (the match is kept)", key_hint="Q"),
        ]

    def activate(self, button_id: str) -> None:
        if button_id == "resume":
            self.ctx.scenes.pop()
        else:
            from game.ui.scenes import navigation
            from game.ui.scenes.title import TitleScene

            navigation.keep_match(self.ctx)
            self.ctx.scenes.reset(TitleScene(self.ctx))

    @property
    def overlay(self) -> bool:
        """Draw the screen below only until its dimmed copy is kept (again after a resize)."""
        surface = pygame.display.get_surface()
        return (self._backdrop is None or surface is None
                or self._backdrop.get_size() != surface.get_size())

    def draw(self, surface: pygame.Surface) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        if self._backdrop is not None and self._backdrop.get_size() == surface.get_size():
            surface.blit(self._backdrop, (0, 0))
        else:
            shade = pygame.Surface(surface.get_size())  # one alpha for all: no per-pixel alpha
            shade.set_alpha(SHADE_ALPHA)
            surface.blit(shade, (0, 0))
            self._backdrop = surface.copy()
        width, height = surface.get_size()
        panel = pygame.Rect(0, 0, min(width - theme.margin * 2, int(640 * theme.scale)),
                            int(height * 0.5))
        panel.center = (width // 2, height // 2)
        draw_panel(surface, theme, panel)
        inner = panel.inflate(-theme.margin * 2, -theme.margin * 2)
        head = pygame.Rect(inner.left, inner.top, inner.width, inner.height // 3)
        text.draw(surface, "Paused", head, theme.font_px("heading"), theme.palette.text,
                  bold=True)
        row_h = (inner.bottom - head.bottom - theme.gap) // 2 - theme.gap
        for index, button in enumerate(self.buttons):
            button.rect = pygame.Rect(inner.left, head.bottom + theme.gap + index *
                                      (row_h + theme.gap), inner.width, row_h)
        self.draw_buttons(surface)
