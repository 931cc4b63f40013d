"""How well each name is known: every practice card with its Leitner box, and what is due."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import date

import pygame

from game.core.practice import TOP_BOX, Card, Progress
from game.core.wording import plural
from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.events import key
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, draw_button, draw_table

FULL_PIP, EMPTY_PIP = "●", "○"
BACK_KEYS = (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_F3,
             pygame.K_BACKSPACE)


def pips(box: int) -> str:
    """A box as a row of dots, so progress reads at a glance: ●●○○○ for box 2."""
    dots = FULL_PIP * box + EMPTY_PIP * (TOP_BOX - box)
    return f"{dots} new" if box == 0 else f"{dots} {box}"


class MasteryScene(Scene):
    name = "mastery"

    def __init__(self, ctx, cards: Sequence[Card], progress: Progress, today: date) -> None:
        super().__init__(ctx)
        mastery = progress.mastery(cards)
        self.due_today = progress.due_count(cards, today)
        self.boxes = Counter(box for _, box in mastery)  # 0 = never answered
        self.total = len(mastery)
        both = len({card.direction for card in cards}) > 1
        order = sorted(range(len(mastery)), key=lambda i: (mastery[i][0].actor.casefold(), i))
        self.rows: list[list[str]] = []
        for i in order:
            card, box = mastery[i]
            state = progress.state(card.id)
            role = f"{ctx.label_for(card.character)} · {card.drama_title}"
            if both:
                role += " (→ role)" if card.direction == "character" else " (→ actor)"
            self.rows.append([ctx.label_for(card.actor), role, pips(box),
                              self._due(state.due if state else None, today)])
        self.first_row = 0
        self.page = 1  # rows that fit, learnt at each draw
        self.back_button = Button("back", "Back to practice", key_hint="Esc")
        self.shown_for = 0.0

    @staticmethod
    def _due(due: date | None, today: date) -> str:
        """A card never answered is due now, as `Progress.due_count` counts it."""
        days = 0 if due is None else (due - today).days
        if days <= 0:
            return "due today"
        return "tomorrow" if days == 1 else f"in {days} days"

    @property
    def summary(self) -> str:
        new = self.boxes.get(0, 0)
        return f"{plural(self.total, 'card')} · {self.due_today} due today · {new} new"

    @property
    def box_line(self) -> str:
        return " · ".join(f"Box {box}: {self.boxes.get(box, 0)}" for box in range(1, TOP_BOX + 1))

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

    def update(self, dt: float) -> None:
        self.shown_for += dt

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
        boxes = pygame.Rect(body.left, summary.bottom, body.width, text.line_height(small))
        box_line = pygame.Rect(boxes.left, boxes.top, int(boxes.width * 0.68), boxes.height)
        text.draw(surface, self.box_line, box_line, small, pal.muted, align="left")
        button_h = text.line_height(theme.font_px("button")) + theme.gap * 2
        back = self.back_button
        back.rect = pygame.Rect(0, footer.top - button_h - theme.gap,
                                min(body.width, int(360 * theme.scale)), button_h)
        back.rect.centerx = body.centerx
        table = pygame.Rect(body.left, boxes.bottom + theme.gap, body.width,
                            back.rect.top - theme.gap - boxes.bottom - theme.gap)
        row_h = text.line_height(small) + theme.gap // 2
        self.page = max(1, table.height // row_h - 1)
        self.first_row = max(0, min(self.first_row, len(self.rows) - self.page))
        left_over = draw_table(surface, theme, text, table, ["Actor", "Role · drama", "Box", "Due"],
                               self.rows, [0.27, 0.47, 0.14, 0.12], first_row=self.first_row)
        if self.first_row or left_over:
            last = len(self.rows) - left_over
            where = pygame.Rect(box_line.right + theme.gap, boxes.top,
                                boxes.right - box_line.right - theme.gap, boxes.height)
            text.draw(surface, f"Showing {self.first_row + 1}–{last} of {len(self.rows)}",
                      where, small, pal.muted, align="right")
        draw_button(surface, theme, text, back, hovered=self.hover == back.id)

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        return [key(pygame.K_ESCAPE)] if self.shown_for >= 1.0 else []
