"""High scores: the best single matches and each player's personal best."""

from __future__ import annotations

import pygame

from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.scenes.menu import MenuScene
from game.ui.widgets import Button, draw_table

SHOWN = 10


class HighScoresScene(MenuScene):
    name = "highscores"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.best_matches = ctx.store.high_scores(SHOWN)
        self.player_bests = sorted(ctx.store.player_bests().items(), key=lambda kv: -kv[1])
        self.buttons = [Button("back", "Back", key_hint="Esc")]

    def activate(self, button_id: str) -> None:
        self.ctx.scenes.pop()

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        draw_background(surface, ctx)
        body = draw_header(surface, ctx, ctx.deck.title, "High scores", "")
        footer = draw_footer(surface, ctx, "Esc or Enter to go back")
        button_h = text.line_height(theme.font_px("button")) + theme.gap * 2
        back = self.buttons[0]
        back.rect = pygame.Rect(0, footer.top - button_h - theme.gap,
                                min(body.width, int(320 * theme.scale)), button_h)
        back.rect.centerx = body.centerx
        area = pygame.Rect(body.left, body.top, body.width, back.rect.top - body.top - theme.gap)
        if not self.best_matches:
            text.draw(surface, "No finished matches yet. Play one from the title screen!",
                      area, theme.font_px("body"), theme.palette.muted)
        else:
            left_w = int(area.width * 0.6)
            left = pygame.Rect(area.left, area.top, left_w - theme.gap, area.height)
            right = pygame.Rect(area.left + left_w + theme.gap, area.top,
                                area.width - left_w - theme.gap, area.height)
            rows = [[f"#{i}", m["name"], f"{m['points']:,}", m["mode"], m["date"]]
                    for i, m in enumerate(self.best_matches, start=1)]
            draw_table(surface, theme, text, left, ["", "Player", "Points", "Mode", "Date"],
                       rows, [0.1, 0.32, 0.2, 0.16, 0.22])
            best_rows = [[name, f"{points:,}"] for name, points in self.player_bests]
            draw_table(surface, theme, text, right, ["Player", "Personal best"], best_rows,
                       [0.6, 0.4])
        self.draw_buttons(surface)
