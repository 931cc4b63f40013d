"""After an answer: right or wrong (colour AND symbol), the right answer, why, and the points."""

from __future__ import annotations

import random

import pygame

from game.core.session import Match, Turn
from game.ui.chrome import button_grid, draw_background, draw_footer, draw_header
from game.ui.events import key
from game.ui.scenes.base import Scene
from game.ui.theme import RIGHT_MARK, WRONG_MARK
from game.ui.widgets import Button, button_at, draw_button, draw_panel

CONTINUE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class FeedbackScene(Scene):
    name = "feedback"

    def __init__(self, ctx, match: Match, turn: Turn, removed: tuple[int, ...] = ()) -> None:
        super().__init__(ctx)
        self.match = match
        self.turn = turn
        self.removed = removed
        self.next_button = Button("next", "Continue", key_hint="Enter")

    @property
    def headline(self) -> str:
        if self.turn.correct:
            return f"{RIGHT_MARK} Right, {self.turn.player}!"
        if self.turn.chosen is None:
            return f"{WRONG_MARK} Time's up, {self.turn.player}"
        return f"{WRONG_MARK} Not this time, {self.turn.player}"

    def go_on(self) -> None:
        from game.ui.scenes import navigation

        navigation.after_feedback(self.ctx, self.match)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key in CONTINUE_KEYS:
                self.go_on()
                return True
            if event.key == pygame.K_ESCAPE:
                from game.ui.scenes.pause import PauseScene

                self.ctx.scenes.push(PauseScene(self.ctx))
                return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if button_at([self.next_button], event.pos):
                self.go_on()
            return True
        return False


    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        turn, question = self.turn, self.turn.question
        draw_background(surface, ctx)
        total = {s.name: s.total for s in self.match.standings()}.get(turn.player, 0)
        body = draw_header(surface, ctx, f"Round {self.match.round_no}/{self.match.rounds}",
                           turn.player, f"{total:,} points")
        footer = draw_footer(surface, ctx, "Enter or Space to continue · Esc pause · M sound")
        colour = pal.right if turn.correct else pal.wrong
        head_h = text.line_height(theme.font_px("heading"), True) + theme.gap
        head = pygame.Rect(body.left, body.top, body.width, head_h)
        pygame.draw.rect(surface, colour, head, border_radius=theme.radius)
        text.draw(surface, self.headline, head.inflate(-theme.gap * 2, 0),
                  theme.font_px("heading"), pal.text, bold=True)
        prompt_h = text.line_height(theme.font_px("body")) * 2
        prompt = pygame.Rect(body.left, head.bottom + theme.gap, body.width, prompt_h)
        text.draw(surface, question.prompt, prompt, theme.font_px("body"), pal.muted)
        button_h = text.line_height(theme.font_px("button")) + theme.gap * 2
        button_area = pygame.Rect(body.left, footer.top - button_h - theme.gap, body.width,
                                  button_h)
        rest = pygame.Rect(body.left, prompt.bottom + theme.gap, body.width,
                           button_area.top - prompt.bottom - theme.gap * 2)
        options_h = int(rest.height * 0.42)
        columns = 2 if surface.get_width() >= surface.get_height() else 1
        rects = button_grid(pygame.Rect(rest.left, rest.top, rest.width, options_h),
                            len(question.options), columns, theme.gap)
        for index, (option, rect) in enumerate(zip(question.options, rects, strict=True)):
            mark, fill = "", None
            if index == question.answer:
                mark, fill = RIGHT_MARK, pal.right
            elif index == turn.chosen:
                mark, fill = WRONG_MARK, pal.wrong
            button = Button(str(index), ctx.label_for(option), rect, mark=mark, fill=fill,
                            enabled=index not in self.removed or index == question.answer)
            draw_button(surface, theme, text, button, role="small")
        lower = pygame.Rect(rest.left, rest.top + options_h + theme.gap, rest.width,
                            rest.height - options_h - theme.gap)
        points_w = int(lower.width * 0.34)
        explain = pygame.Rect(lower.left, lower.top, lower.width - points_w - theme.gap,
                              lower.height)
        points = pygame.Rect(explain.right + theme.gap, lower.top, points_w, lower.height)
        draw_panel(surface, theme, explain)
        text.draw(surface, question.explanation, explain.inflate(-theme.margin, -theme.gap),
                  theme.font_px("small"), pal.text, align="left")
        draw_panel(surface, theme, points)
        lines = turn.points.describe() if turn.correct else ["No points this time."]
        lines.append(f"Total: {turn.points.total:,}")
        text.draw(surface, "\n".join(lines), points.inflate(-theme.margin, -theme.gap),
                  theme.font_px("small"), pal.text, align="left")
        self.next_button.rect = pygame.Rect(0, button_area.top, min(body.width,
                                            int(420 * theme.scale)), button_h)
        self.next_button.rect.centerx = body.centerx
        draw_button(surface, theme, text, self.next_button)

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        if self.shown_for < 0.6:
            return []
        return [key(pygame.K_RETURN)]
