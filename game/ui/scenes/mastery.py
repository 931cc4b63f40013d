"""How well each name is known: every practice card with its level, the chance of recalling it
now (FSRS retrievability) and when it is next due, and the reviews due over the next week."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta

import pygame

from game.core.practice import Card, Progress, card_column, forecast
from game.core.scheduler import TOP_LEVEL, CardState, Scheduler, local_day
from game.core.wording import plural
from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.events import key
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, LazyRows, draw_button, draw_table

FULL_PIP, EMPTY_PIP = "●", "○"
BACK_KEYS = (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_F3,
             pygame.K_BACKSPACE)


def pips(level: int) -> str:
    """A level as a row of dots, so progress reads at a glance: ●●○○○ for level 2."""
    dots = FULL_PIP * level + EMPTY_PIP * (TOP_LEVEL - level)
    return f"{dots} new" if level == 0 else f"{dots} {level}"


class MasteryScene(Scene):
    name = "mastery"

    def __init__(self, ctx, cards: Sequence[Card], progress: Progress, now: datetime,
                 scheduler: Scheduler) -> None:
        super().__init__(ctx)
        # Columns, not cards: only the rows on screen make their cards (see `card_column`).
        states = list(map(progress.state, card_column(cards, "id")))
        self.forecast = forecast(progress, cards, now)
        self.due_today = self.forecast[0]  # day 0 of the forecast is `due_today`
        self.levels = Counter(state.level if state else 0 for state in states)  # 0 = new
        self.total = len(states)
        both = len(set(card_column(cards, "direction"))) > 1
        actors = [actor.casefold() for actor in card_column(cards, "actor")]
        order = sorted(range(len(states)), key=actors.__getitem__)  # stable: deck order on ties
        today = local_day(now)
        self.forecast_line = "Next 7 days: " + " · ".join(
            f"{'Today' if offset == 0 else (today + timedelta(days=offset)).strftime('%a')} "
            f"{count}" for offset, count in enumerate(self.forecast))

        def row(index: int) -> list[str]:
            card, state = cards[order[index]], states[order[index]]
            role = f"{ctx.label_for(card.character)} · {card.drama_title}"
            if both:
                role += " (→ role)" if card.direction == "character" else " (→ actor)"
            recall = "–" if state is None else f"{scheduler.retrievability(state, now):.0%}"
            return [ctx.label_for(card.actor), role, pips(state.level if state else 0), recall,
                    self._due(state, now)]

        self.rows = LazyRows(len(order), row)
        self.first_row = 0
        self.page = 1  # rows that fit, learnt at each draw
        self.back_button = Button("back", "Back to practice", key_hint="Esc")

    @staticmethod
    def _due(state: CardState | None, now: datetime) -> str:
        """When the card is next due, in local days; a card never answered is "new"."""
        if state is None:
            return "new"
        days = (local_day(state.due) - local_day(now)).days
        if days <= 0:
            return "due today"
        return "tomorrow" if days == 1 else f"in {days} days"

    @property
    def summary(self) -> str:
        new = self.levels.get(0, 0)
        return f"{plural(self.total, 'card')} · {self.due_today} due today · {new} new"

    @property
    def level_line(self) -> str:
        return " · ".join(f"Level {level}: {self.levels.get(level, 0)}"
                          for level in range(1, TOP_LEVEL + 1))

    def scroll(self, by: int) -> None:
        limit = max(0, len(self.rows) - self.page)
        new = max(0, min(self.first_row + by, limit))
        if new != self.first_row:
            self.first_row = new
            self.dirty = True

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            steps = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -self.page,
                     pygame.K_PAGEDOWN: self.page, pygame.K_HOME: -len(self.rows),
                     pygame.K_END: len(self.rows)}
            if event.key in steps:
                self.scroll(steps[event.key])
                return True
            if event.key in BACK_KEYS:
                self.ctx.scenes.pop()
                return True
            return False
        if event.type == pygame.MOUSEWHEEL:
            self.scroll(-event.y * 3)
            return True
        pointer, clicked = self.track_pointer(event, [self.back_button])
        if clicked is not None:
            self.ctx.scenes.pop()
        return pointer


    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_background(surface, ctx)
        body = draw_header(surface, ctx, "Practice", "Mastery", f"{self.due_today} due today")
        footer = draw_footer(surface, ctx, "↑ ↓, Page Up/Down or the wheel to scroll · "
                             "Esc or Enter back to practice · M sound")
        small = theme.font_px("small")
        summary = pygame.Rect(body.left, body.top, body.width,
                              text.line_height(theme.font_px("body"), True))
        text.draw(surface, self.summary, summary, theme.font_px("body"), pal.text, bold=True,
                  align="left")
        levels = pygame.Rect(body.left, summary.bottom, body.width, text.line_height(small))
        level_line = pygame.Rect(levels.left, levels.top, int(levels.width * 0.68),
                                 levels.height)
        text.draw(surface, self.level_line, level_line, small, pal.muted, align="left")
        week = pygame.Rect(body.left, levels.bottom, body.width, text.line_height(small))
        text.draw(surface, self.forecast_line, week, small, pal.accent, align="left")
        button_h = text.line_height(theme.font_px("button")) + theme.gap * 2
        back = self.back_button
        back.rect = pygame.Rect(0, footer.top - button_h - theme.gap,
                                min(body.width, int(360 * theme.scale)), button_h)
        back.rect.centerx = body.centerx
        table = pygame.Rect(body.left, week.bottom + theme.gap, body.width,
                            back.rect.top - theme.gap - week.bottom - theme.gap)
        row_h = text.line_height(small) + theme.gap // 2
        self.page = max(1, table.height // row_h - 1)
        self.first_row = max(0, min(self.first_row, len(self.rows) - self.page))
        left_over = draw_table(surface, theme, text, table,
                               ["Actor", "Role · drama", "Level", "Recall", "Due"],
                               self.rows, [0.24, 0.40, 0.14, 0.09, 0.13],
                               first_row=self.first_row)
        if self.first_row or left_over:
            last = len(self.rows) - left_over
            where = pygame.Rect(level_line.right + theme.gap, levels.top,
                                levels.right - level_line.right - theme.gap, levels.height)
            text.draw(surface, f"Showing {self.first_row + 1}–{last} of {len(self.rows)}",
                      where, small, pal.muted, align="right")
        draw_button(surface, theme, text, back, hovered=self.hover == back.id)

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        return [key(pygame.K_ESCAPE)] if self.shown_for >= 1.0 else []
