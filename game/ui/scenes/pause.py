"""The pause menu, drawn over the paused screen. The match is kept when you leave."""

from __future__ import annotations

import pygame

from game.ui.scenes.menu import MenuScene
from game.ui.widgets import Button, draw_panel


class PauseScene(MenuScene):
    name = "pause"
    overlay = True

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
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

    def draw(self, surface: pygame.Surface) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
        surface.blit(shade, (0, 0))
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
