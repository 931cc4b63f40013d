"""The end of a match: the winner, the final table, and any personal bests."""

from __future__ import annotations

import random

import pygame

from game.core.session import Match
from game.core.wording import plural
from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.scenes.menu import MenuScene
from game.ui.scenes.scoreboard import leader_line
from game.ui.widgets import Button, button_size, draw_table

AUTOPLAY_LINGER = 1.5  # seconds the demo shows the results before it exits


class ResultsScene(MenuScene):
    name = "results"

    def __init__(self, ctx, match: Match, previous_bests: dict[str, int]) -> None:
        super().__init__(ctx)
        self.match = match
        self.previous_bests = previous_bests
        again = "Back to the daily challenge" if match.mode == "daily" else "Play again"
        self.buttons = [
            Button("again", again, key_hint="Enter"),
            Button("title", "Back to title", key_hint="T"),
        ]

    def activate(self, button_id: str) -> None:
        from game.ui.scenes import navigation

        if button_id == "again" and self.match.mode == "daily":
            navigation.to_title(self.ctx)  # a daily is dealt once a day, never again at once
            navigation.open_from_title(self.ctx, "daily")
        elif button_id == "again":
            navigation.start_match(self.ctx, list(self.match.players), self.match.mode)
        else:
            navigation.to_title(self.ctx)

    def back(self) -> None:
        self.activate("title")


    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        if self.shown_for >= AUTOPLAY_LINGER:
            self.ctx.quit()
        return []

    def is_personal_best(self, name: str, total: int) -> bool:
        return total > 0 and total > self.previous_bests.get(name, 0)

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_background(surface, ctx)
        played = f"{plural(self.match.rounds, 'round')} played"
        body = draw_header(surface, ctx, played, "Final results", "")
        footer = draw_footer(
            surface, ctx, f"Enter: {self.buttons[0].label.lower()} · T or Esc: title"
        )
        standings = self.match.standings()
        winners = [s.name for s in standings if s.rank == 1]
        head = pygame.Rect(
            body.left,
            body.top,
            body.width,
            text.line_height(theme.font_px("title"), True) + theme.gap,
        )
        title = "It's a tie!" if len(winners) > 1 else f"★ {winners[0]} wins! ★"
        if len(standings) == 1:
            title = f"Well played, {standings[0].name}!"
        text.draw(surface, title, head, theme.font_px("title"), pal.accent, bold=True)
        sub = pygame.Rect(
            body.left, head.bottom, body.width, text.line_height(theme.font_px("body"))
        )
        text.draw(surface, leader_line(standings), sub, theme.font_px("body"), pal.muted)
        # The label keeps the button font: the buttons widen for it, then it wraps.
        sizes = [
            button_size(theme, text, button, body.width // 2 - theme.gap, int(320 * theme.scale))
            for button in self.buttons
        ]
        half = max(width for width, _height in sizes)
        button_h = max(height for _width, height in sizes)
        y = footer.top - theme.gap - button_h
        for index, button in enumerate(self.buttons):
            button.rect = pygame.Rect(
                body.centerx - half - theme.gap // 2 + index * (half + theme.gap), y, half, button_h
            )
        rows = [
            [
                f"#{s.rank}",
                s.name,
                f"{s.total:,}",
                "★ personal best" if self.is_personal_best(s.name, s.total) else "",
            ]
            for s in standings
        ]
        table = pygame.Rect(
            body.left, sub.bottom + theme.gap, body.width, y - sub.bottom - theme.gap * 2
        )
        draw_table(
            surface,
            theme,
            text,
            table,
            ["Rank", "Player", "Points", ""],
            rows,
            [0.14, 0.4, 0.2, 0.26],
            highlight=0,
        )
        self.draw_buttons(surface)
