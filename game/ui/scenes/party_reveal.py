"""After a party question: the right answer, a bar per option with how many chose it, and
the top five so far."""

from __future__ import annotations

import random

import pygame

from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.events import key
from game.ui.scenes.party_base import OPTION_COLOURS, PartyScene, one_line
from game.ui.scenes.party_question import draw_option
from game.ui.theme import RIGHT_MARK
from game.ui.widgets import draw_panel

AUTOPLAY_SECONDS = 2.5


class RevealScene(PartyScene):
    name = "party-reveal"
    phase = "reveal"

    def __init__(self, ctx, host, seats) -> None:
        super().__init__(ctx, host, seats)
        assert host.reveal is not None
        self.reveal = host.reveal

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
            pygame.K_SPACE,
        ):
            self.host.next()
            self.follow_host()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.host.end()
            self.follow_host()
            return True
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        reveal, match = self.reveal, self.host.match
        assert match is not None
        draw_background(surface, ctx)
        answered = sum(reveal.counts)
        body = draw_header(
            surface,
            ctx,
            f"Round {match.round_no}/{match.rounds}",
            "The answer",
            f"{answered}/{len(reveal.turns)} answered",
        )
        footer = draw_footer(
            surface,
            ctx,
            "Enter next question · F2 players · Esc end the game · late joiners play from the "
            "next question",
        )
        area = pygame.Rect(body.left, body.top, body.width, footer.top - body.top - theme.gap)
        prompt_h = text.line_height(theme.font_px("body"), True) * 2 + theme.gap
        text.draw(
            surface,
            reveal.question.prompt,
            pygame.Rect(area.left, area.top, area.width, prompt_h),
            theme.font_px("body"),
            pal.text,
            bold=True,
        )
        chart = pygame.Rect(
            area.left,
            area.top + prompt_h + theme.gap,
            int(area.width * 0.6),
            area.height - prompt_h - theme.gap,
        )
        self._draw_bars(surface, chart)
        board = pygame.Rect(
            chart.right + theme.margin,
            chart.top,
            area.right - chart.right - theme.margin,
            chart.height,
        )
        self._draw_top(surface, board)

    def _draw_bars(self, surface: pygame.Surface, chart: pygame.Rect) -> None:
        theme = self.ctx.theme
        question, counts = self.reveal.question, self.reveal.counts
        most = max(1, *counts)
        row_h = (chart.height - theme.gap * (len(counts) - 1)) // len(counts)
        label_w = int(chart.width * 0.55)
        for index, option in enumerate(question.options):
            row = pygame.Rect(
                chart.left, chart.top + index * (row_h + theme.gap), chart.width, row_h
            )
            right = index == question.answer
            tile = pygame.Rect(row.left, row.top, label_w, row_h)
            fill = (
                OPTION_COLOURS[index]
                if right
                else tuple(c // 3 + 20 for c in OPTION_COLOURS[index])
            )
            mark = f" {RIGHT_MARK}" if right else ""
            draw_option(
                self,
                surface,
                tile,
                index,
                self.ctx.label_for(option) + mark,
                "the answer" if right else "",
                fill=fill,
            )
            track = pygame.Rect(
                tile.right + theme.gap,
                row.top + row_h // 4,
                row.right - tile.right - theme.gap,
                row_h // 2,
            )
            bar = track.copy()
            count_w = self.ctx.text.width("50", theme.font_px("body"), True) + theme.gap
            bar.width = int((track.width - count_w) * counts[index] / most)
            pygame.draw.rect(surface, OPTION_COLOURS[index], bar, border_radius=theme.radius // 2)
            count_box = pygame.Rect(bar.right + theme.gap // 2, track.top, count_w, track.height)
            self.ctx.text.draw(
                surface,
                str(counts[index]),
                count_box,
                theme.font_px("body"),
                theme.palette.text,
                bold=True,
                align="left",
            )

    def _draw_top(self, surface: pygame.Surface, board: pygame.Rect) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_panel(surface, theme, board)
        inner = board.inflate(-theme.gap * 2, -theme.gap * 2)
        px = theme.font_px("body")
        row_h = min(text.line_height(px, True) + theme.gap, inner.height // 6)
        text.draw(
            surface,
            "Top five",
            pygame.Rect(inner.left, inner.top, inner.width, row_h),
            px,
            pal.accent,
            bold=True,
            align="left",
        )
        for n, ranked in enumerate(self.reveal.top, start=1):
            row = pygame.Rect(inner.left, inner.top + n * row_h, inner.width, row_h)
            turn = self.reveal.turns.get(ranked.name)
            mark = f" {RIGHT_MARK}" if turn is not None and turn.correct else ""
            name_box = pygame.Rect(row.left, row.top, int(row.width * 0.68), row.height)
            label, size = one_line(text, f"{ranked.rank}. {ranked.name}{mark}", name_box.width, px)
            text.draw(surface, label, name_box, size, pal.text, align="left", min_px=size)
            text.draw(
                surface,
                f"{ranked.total:,}",
                pygame.Rect(name_box.right, row.top, row.right - name_box.right, row.height),
                px,
                pal.text,
                bold=True,
                align="right",
                min_px=10,
            )

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        return [key(pygame.K_RETURN)] if self.shown_for >= AUTOPLAY_SECONDS else []
