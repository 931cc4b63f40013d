"""The end of a party: the first three on a podium, the rest of the top ten below."""

from __future__ import annotations

import random

import pygame

from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.scenes.party_base import PartyScene, one_line
from game.ui.widgets import draw_panel

AUTOPLAY_SECONDS = 3.0
PODIUM_ORDER = (1, 0, 2)  # second, first, third from left to right
PODIUM_HEIGHTS = (0.72, 1.0, 0.55)


class PodiumScene(PartyScene):
    name = "party-podium"
    phase = "podium"

    def __init__(self, ctx, host, seats) -> None:
        super().__init__(ctx, host, seats)
        self.standings = host.standings()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
            pygame.K_SPACE,
            pygame.K_ESCAPE,
        ):
            self.leave()
            return True
        return super().handle(event)


    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_background(surface, ctx)
        match = self.host.match
        rounds = match.rounds if match is not None else 0
        body = draw_header(
            surface,
            ctx,
            f"{rounds} round{'s' if rounds != 1 else ''}",
            "Podium",
            f"{len(self.standings)} players",
        )
        footer = draw_footer(
            surface,
            ctx,
            "Enter back to the title · the match is saved in High scores and Statistics",
        )
        area = pygame.Rect(body.left, body.top, body.width, footer.top - body.top - theme.gap)
        stage = pygame.Rect(area.left, area.top, area.width, int(area.height * 0.68))
        name_px, points_px = theme.font_px("heading"), theme.font_px("body")
        label_h = text.line_height(name_px, True) + text.line_height(points_px)
        column_w = (stage.width - theme.gap * 2) // 3
        for slot, place in enumerate(PODIUM_ORDER):
            if place >= len(self.standings):
                continue
            ranked = self.standings[place]
            column = pygame.Rect(
                stage.left + slot * (column_w + theme.gap), stage.top, column_w, stage.height
            )
            block_h = int((column.height - label_h) * PODIUM_HEIGHTS[slot])
            block = pygame.Rect(column.left, column.bottom - block_h, column.width, block_h)
            pygame.draw.rect(
                surface, pal.chart[place % len(pal.chart)], block, border_radius=theme.radius
            )
            text.draw(
                surface, str(ranked.rank), block, theme.font_px("title"), pal.accent_text, bold=True
            )
            name_box = pygame.Rect(
                column.left, block.top - label_h, column.width, text.line_height(name_px, True)
            )
            label, size = one_line(text, ranked.name, name_box.width, name_px, bold=True)
            text.draw(surface, label, name_box, size, pal.text, bold=True, min_px=size)
            text.draw(
                surface,
                f"{ranked.total:,} points",
                pygame.Rect(column.left, name_box.bottom, column.width, label_h - name_box.height),
                points_px,
                pal.muted,
            )
        rest = self.standings[3:10]
        if rest:
            box = pygame.Rect(
                area.left,
                stage.bottom + theme.gap,
                area.width,
                area.bottom - stage.bottom - theme.gap,
            )
            draw_panel(surface, theme, box)
            line = " · ".join(f"{r.rank}. {r.name} {r.total:,}" for r in rest)
            more = len(self.standings) - 10
            if more > 0:
                line += f" · and {more} more"
            text.draw(
                surface,
                line,
                box.inflate(-theme.gap * 2, -theme.gap),
                theme.font_px("small"),
                pal.text,
                min_px=9,
            )

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        if self.shown_for >= AUTOPLAY_SECONDS:
            return [pygame.event.Event(pygame.QUIT)]
        return []
