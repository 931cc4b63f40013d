"""Asked before quitting with a match in progress: the match is kept and offered next time."""

from __future__ import annotations

import pygame

from game.ui.backdrop import DimmedBackdrop
from game.ui.scenes.menu import MenuScene
from game.ui.widgets import Button, draw_panel


class ConfirmQuitScene(MenuScene):
    name = "confirm_quit"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._backdrop = DimmedBackdrop()
        self.buttons = [
            Button("stay", "Keep playing", key_hint="Esc"),
            Button("quit", "Quit (the match is kept)", key_hint="Q"),
        ]

    @property
    def overlay(self) -> bool:
        """Draw the screen below only until its dimmed copy is kept (again after a resize)."""
        return self._backdrop.needs_screen_below()

    def activate(self, button_id: str) -> None:
        if button_id == "stay":
            self.ctx.scenes.pop()
        else:
            self.quit()

    def quit(self) -> None:
        from game.ui.scenes import navigation

        navigation.keep_match(self.ctx)
        self.ctx.quit()

    def draw(self, surface: pygame.Surface) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        self._backdrop.draw(surface)
        width, height = surface.get_size()
        panel = pygame.Rect(
            0, 0, min(width - theme.margin * 2, int(720 * theme.scale)), int(height * 0.55)
        )
        panel.center = (width // 2, height // 2)
        draw_panel(surface, theme, panel)
        inner = panel.inflate(-theme.margin * 2, -theme.margin * 2)
        head = pygame.Rect(inner.left, inner.top, inner.width, inner.height // 4)
        text.draw(
            surface, "Quit the game?", head, theme.font_px("heading"), theme.palette.text, bold=True
        )
        match = self.ctx.match
        who = " and ".join(match.players) if match is not None else ""
        note = pygame.Rect(inner.left, head.bottom, inner.width, inner.height // 4)
        text.draw(
            surface,
            f"The match of {who} is kept: choose Resume on the title screen next time.",
            note,
            theme.font_px("small"),
            theme.palette.muted,
        )
        row_h = (inner.bottom - note.bottom - theme.gap) // 2 - theme.gap
        for index, button in enumerate(self.buttons):
            button.rect = pygame.Rect(
                inner.left,
                note.bottom + theme.gap + index * (row_h + theme.gap),
                inner.width,
                row_h,
            )
        self.draw_buttons(surface)
