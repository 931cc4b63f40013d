"""End of a round: each player's score, accuracy and best streak, and every missed question.

A round on the matching board has no questions and no streaks: its table counts pairs made and
wrong pairs tried, and the panel below says what the wrong pairs cost, so nothing on the screen
contradicts anything else ("a perfect round" beside 9 of 10 right).
"""

from __future__ import annotations

import pygame

from game.core.board import PENALTY_SECONDS
from game.core.session import Match, PlayerRound
from game.core.wording import plural
from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.scenes.menu import MenuScene
from game.ui.widgets import Button, draw_panel, draw_table


def board_rows(results: list[PlayerRound]) -> list[list[str]]:
    """Player, round points, pairs made, wrong pairs tried: a board round in table cells."""
    return [[r.name, f"{r.points:,}", str(r.correct), str(r.answered - r.correct)] for r in results]


def board_review(results: list[PlayerRound]) -> str:
    """What the panel under a board round's table says: a clean round or the cost of the
    wrong pairs, per player who made any."""
    wrong = [(r.name, r.answered - r.correct) for r in results if r.answered > r.correct]
    if not wrong:
        return "Every pair right at the first try: a clean board round."
    who = "; ".join(f"{name} made {plural(n, 'wrong pair')}" for name, n in wrong)
    return f"Each wrong pair added {PENALTY_SECONDS:g} s to the clock. {who}."


class RoundSummaryScene(MenuScene):
    name = "summary"

    def __init__(self, ctx, match: Match) -> None:
        super().__init__(ctx)
        self.match = match
        self.round_no = match.round_no
        self.results = match.round_results(self.round_no)
        self.missed = [turn for result in self.results for turn in result.missed]
        self.scroll = 0
        self.buttons = [Button("next", "Scores so far", key_hint="Enter")]

    def activate(self, button_id: str) -> None:
        from game.ui.scenes.scoreboard import ScoreboardScene

        self.ctx.scenes.replace(ScoreboardScene(self.ctx, self.match))

    def back(self) -> None:
        from game.ui.scenes.pause import PauseScene

        self.ctx.scenes.push(PauseScene(self.ctx))

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            self._scroll(-event.y)
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_DOWN, pygame.K_UP):
            self._scroll(1 if event.key == pygame.K_DOWN else -1)
            return True
        return super().handle(event)

    def _scroll(self, by: int) -> None:
        self.scroll = max(0, min(self.scroll + by, max(0, len(self.missed) - 1)))
        self.dirty = True

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_background(surface, ctx)
        body = draw_header(
            surface, ctx, f"Round {self.round_no}/{self.match.rounds}", "Round summary", ""
        )
        footer = draw_footer(
            surface, ctx, "Enter to see the scores · ↑ ↓ or wheel scroll the review · Esc pause"
        )
        button_h = text.line_height(theme.font_px("button")) + theme.gap * 2
        button = self.buttons[0]
        button.rect = pygame.Rect(
            0, footer.top - button_h - theme.gap, min(body.width, int(420 * theme.scale)), button_h
        )
        button.rect.centerx = body.centerx
        board = self.match.mode == "board"
        if board:
            headers = ["Player", "Round points", "Pairs made", "Wrong pairs"]
            rows = board_rows(self.results)
        else:
            headers = ["Player", "Round points", "Correct", "Best streak"]
            rows = [
                [
                    r.name,
                    f"{r.points:,}",
                    f"{r.correct}/{r.answered} ({r.accuracy:.0%})",
                    str(r.best_streak),
                ]
                for r in self.results
            ]
        row_h = text.line_height(theme.font_px("small")) + theme.gap // 2
        table = pygame.Rect(body.left, body.top, body.width, row_h * (len(rows) + 1) + 2)
        draw_table(surface, theme, text, table, headers, rows, [0.34, 0.22, 0.26, 0.18])
        review = pygame.Rect(
            body.left,
            table.bottom + theme.gap,
            body.width,
            button.rect.top - table.bottom - theme.gap * 2,
        )
        draw_panel(surface, theme, review)
        inner = review.inflate(-theme.margin, -theme.gap)
        if board:
            clean = all(r.correct == r.answered for r in self.results)
            text.draw(
                surface,
                board_review(self.results),
                inner,
                theme.font_px("body"),
                pal.right if clean else pal.text,
            )
        elif not self.missed:
            text.draw(
                surface,
                "A perfect round: nothing to review.",
                inner,
                theme.font_px("body"),
                pal.right,
            )
        else:
            review_rows = [
                [
                    t.player,
                    t.question.prompt,
                    t.question.correct,
                    "time ran out" if t.chosen is None else t.question.options[t.chosen],
                ]
                for t in self.missed
            ]
            draw_table(
                surface,
                theme,
                text,
                inner,
                ["Who", "Missed question", "Right answer", "Answered"],
                review_rows,
                [0.14, 0.44, 0.22, 0.20],
                first_row=self.scroll,
                lines_per_row=2,
            )
        self.draw_buttons(surface)
