"""Between rounds: cumulative totals, who moved up or down, who leads, and what next."""

from __future__ import annotations

import pygame

from game.core.session import Match, Standing
from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.scenes.menu import MenuScene
from game.ui.widgets import Button, draw_table


def rank_change(standing: Standing) -> str:
    if standing.previous_rank is None or standing.previous_rank == standing.rank:
        return "–"
    moved = standing.previous_rank - standing.rank
    return f"↑ {moved}" if moved > 0 else f"↓ {-moved}"


def leader_line(standings: list[Standing]) -> str:
    if not standings:
        return ""
    leaders = [s.name for s in standings if s.rank == 1]
    if len(standings) == 1:
        return f"{standings[0].name}: {standings[0].total:,} points"
    if len(leaders) > 1:
        return f"Tied for the lead: {' and '.join(leaders)}"
    return f"{leaders[0]} leads with {standings[0].total:,} points"


class ScoreboardScene(MenuScene):
    name = "scoreboard"

    def __init__(self, ctx, match: Match) -> None:
        super().__init__(ctx)
        self.match = match
        if match.match_over:
            self.buttons = [Button("results", "Final results", key_hint="Enter")]
        else:
            self.buttons = [Button("next", f"Next round ({match.round_no + 1}/{match.rounds})",
                                   key_hint="Enter"),
                            Button("finish", "Finish the match now", key_hint="F")]

    def activate(self, button_id: str) -> None:
        from game.ui.scenes import navigation

        if button_id == "next":
            navigation.next_round(self.ctx, self.match)
        else:
            navigation.finish_match(self.ctx, self.match)

    def back(self) -> None:
        from game.ui.scenes.pause import PauseScene

        self.ctx.scenes.push(PauseScene(self.ctx))

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_background(surface, ctx)
        finished = self.match.round_no
        body = draw_header(surface, ctx, f"After round {finished} of {self.match.rounds}",
                           "Scoreboard", "")
        footer = draw_footer(surface, ctx, "Enter to go on · Tab/↑↓ choose · Esc pause")
        standings = self.match.standings()
        lead = pygame.Rect(body.left, body.top, body.width,
                           text.line_height(theme.font_px("heading"), True) + theme.gap)
        text.draw(surface, leader_line(standings), lead, theme.font_px("heading"), pal.accent,
                  bold=True)
        button_h = text.line_height(theme.font_px("button")) + theme.gap * 2
        width = min(body.width, int(460 * theme.scale))
        y = footer.top - theme.gap - len(self.buttons) * (button_h + theme.gap)
        for button in self.buttons:
            button.rect = pygame.Rect(body.centerx - width // 2, y, width, button_h)
            y += button_h + theme.gap
        table = pygame.Rect(body.left, lead.bottom + theme.gap, body.width,
                            self.buttons[0].rect.top - lead.bottom - theme.gap * 2)
        rows = [[f"#{s.rank}", s.name, f"{s.total:,}", rank_change(s)] for s in standings]
        draw_table(surface, theme, text, table, ["Rank", "Player", "Total", "Change"], rows,
                   [0.14, 0.46, 0.22, 0.18], highlight=0)
        self.draw_buttons(surface)
