"""The daily challenge screen: today's round, whether it is played, the streaks, the last week.

Only the first finished play of a day counts, and a second play is refused rather than
offered as practice: every match is also saved to the high scores, and a replay of ten
questions whose answers the player has just seen would crowd out honest scores there.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

import pygame

from game.core.daily import (
    DAILY_DIFFICULTY,
    DAILY_MODE,
    DAILY_QUESTIONS,
    DailyLog,
    DayResult,
    daily_seed,
    result_of,
)
from game.core.session import Match
from game.ui.app import Context
from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.events import key
from game.ui.scenes.menu import MenuScene
from game.ui.theme import RIGHT_MARK
from game.ui.widgets import Button, draw_panel

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
HISTORY_DAYS = 7


def long_date(day: date) -> str:
    """Spelled out in English whatever the system locale, like the rest of the game."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def days_text(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def record_daily(ctx: Context, match: Match) -> None:
    """Called when a daily match finishes: the day's score, if this is the day's first."""
    DailyLog(ctx.store, match.players[0]).finish(match.id, result_of(match))


class DailyScene(MenuScene):
    name = "daily"

    def __init__(self, ctx: Context, today: Callable[[], date] = date.today) -> None:
        super().__init__(ctx)
        self.today = today
        self.day = today()
        names = list(ctx.options.players) or ctx.store.last_players() or ["Player 1"]
        self.player = names[0]
        self.log = DailyLog(ctx.store, self.player)
        self.result: DayResult | None = None
        self.history: list[tuple[date, DayResult | None]] = []
        self.streak = self.best = 0
        self.in_progress: Match | None = None
        self._refresh()

    def on_resume(self) -> None:
        super().on_resume()
        self._refresh()

    def _refresh(self) -> None:
        """Read the log again (a match may have finished, or midnight passed)."""
        self.day = self.today()
        self.result = self.log.result(self.day)
        self.history = self.log.last_days(self.day, HISTORY_DAYS)
        self.streak = self.log.streak(self.day)
        self.best = self.log.best_streak()
        self.in_progress = self._started() if self.result is None else None
        if self.result is not None:
            start = Button("start", "Played today: come back tomorrow", key_hint="Enter",
                           enabled=False)
        elif self.in_progress is not None:
            start = Button("start", "Resume today's challenge", key_hint="Enter")
        else:
            start = Button("start", "Start today's challenge", key_hint="Enter")
        self.buttons = [start, Button("back", "Back", key_hint="Esc")]
        self.focus = 0 if start.enabled else 1
        self.dirty = True

    def _started(self) -> Match | None:
        """Today's match when it was dealt and left unfinished: the one in memory, or one
        rebuilt from the store after a restart. One that cannot go on (the deck changed)
        counts with what was answered, so the day cannot be dealt twice."""
        from game.core.resume import rebuild

        started, match = self.log.started_match(self.day), self.ctx.match
        if started is None:
            return None
        if match is not None and match.id == started and not match.match_over:
            return match
        record = self.ctx.store.match(started)
        rebuilt = rebuild(self.ctx.deck, record) if record is not None else None
        if rebuilt is None:
            mine = record.players[0] if record is not None and record.players else None
            self.log.finish(started, DayResult(mine.points, mine.correct, mine.answered)
                            if mine else DayResult(0, 0, 0))
            self.result = self.log.result(self.day)
        return rebuilt

    def activate(self, button_id: str) -> None:
        if button_id == "back":
            self.back()
        elif self.result is None:
            self.start()

    def start(self) -> None:
        from game.ui.scenes import navigation

        if self.in_progress is not None:
            navigation.resume_match(self.ctx, self.in_progress)
            return
        match = self._deal()
        self.log.start(self.day, match.id)

    def _deal(self) -> Match:
        """Start the day's match: fixed length, difficulty and seed, whatever the settings."""
        from game.ui.scenes import navigation

        return navigation.start_match(self.ctx, [self.player], DAILY_MODE, rounds=1,
                                      questions=DAILY_QUESTIONS, difficulty=DAILY_DIFFICULTY,
                                      seed=daily_seed(self.day, self.ctx.deck))

    def status_text(self) -> str:
        if self.result is not None:
            r = self.result
            return (f"{RIGHT_MARK} Played today: {r.points:,} points, {r.correct} of "
                    f"{r.answered} right. A new challenge comes tomorrow.")
        timer = self.ctx.settings.timer_seconds
        timing = f"{timer} seconds each" if timer else "no timer"
        return (f"{DAILY_QUESTIONS} questions, the same for everyone with this deck today; "
                f"{timing}. Only your first play counts. Playing as {self.player}.")

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_background(surface, ctx)
        body = draw_header(surface, ctx, "Daily challenge", self.player,
                           f"Streak: {days_text(self.streak)}")
        keys = "Enter start · Tab or ↑ ↓ move" if self.buttons[0].enabled else "Enter back"
        footer = draw_footer(surface, ctx, f"{keys} · Esc back · M sound · F11 fullscreen")
        heading_px = theme.font_px("heading")
        head = pygame.Rect(body.left, body.top, body.width,
                           text.line_height(heading_px, True))
        text.draw(surface, f"Today's challenge · {long_date(self.day)}", head, heading_px,
                  pal.accent, bold=True)
        small = theme.font_px("small")
        notes = [self.status_text()]
        if ctx.settings.hidden_dramas:
            notes.append("Spoiler-safe mode is on: the dramas you have not finished keep their "
                         "stories, so your round may differ from other players'.")
        status = pygame.Rect(body.left, head.bottom + theme.gap, body.width,
                             text.line_height(small) * (2 * len(notes)) + theme.gap)
        draw_panel(surface, theme, status)
        text.draw(surface, "\n".join(notes), status.inflate(-theme.margin, -theme.gap // 2),
                  small, pal.text)

        button_h = text.line_height(theme.font_px("button")) + theme.gap * 2
        y = footer.top - theme.gap - button_h
        wide = min(body.width - theme.gap, int(900 * theme.scale))
        start_w = wide * 2 // 3
        self.buttons[0].rect = pygame.Rect(body.centerx - wide // 2, y, start_w, button_h)
        self.buttons[1].rect = pygame.Rect(self.buttons[0].rect.right + theme.gap, y,
                                           wide - start_w - theme.gap, button_h)

        stats_h = text.line_height(small) * 2 + theme.gap * 2
        stats = pygame.Rect(body.left, status.bottom + theme.gap, body.width, stats_h)
        half = (stats.width - theme.gap) // 2
        for index, (label, value) in enumerate((("Current streak", self.streak),
                                                 ("Best streak", self.best))):
            box = pygame.Rect(stats.left + index * (half + theme.gap), stats.top, half, stats_h)
            draw_panel(surface, theme, box)
            text.draw(surface, f"{label}\n{days_text(value)}", box.inflate(-theme.gap, -theme.gap),
                      small, pal.text, bold=index == 0)
        week = pygame.Rect(body.left, stats.bottom + theme.gap, body.width,
                           y - stats.bottom - theme.gap * 2)
        self._draw_week(surface, week)
        self.draw_buttons(surface)

    def _draw_week(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """The last seven days: a bar as tall as the share answered right, ● played, ○ not."""
        theme, text = self.ctx.theme, self.ctx.text
        pal = theme.palette
        tiny = theme.font_px("tiny")
        line = text.line_height(tiny)
        title = pygame.Rect(area.left, area.top, area.width, line)
        text.draw(surface, "The last 7 days (bar: share of answers right)", title, tiny,
                  pal.muted, align="left")
        width = (area.width - theme.gap * (HISTORY_DAYS - 1)) // HISTORY_DAYS
        top = title.bottom + theme.gap // 2
        bar_bottom = area.bottom - line * 2
        for index, (day, result) in enumerate(self.history):
            left = area.left + index * (width + theme.gap)
            track = pygame.Rect(left, top, width, max(0, bar_bottom - top))
            draw_panel(surface, theme, track, pal.panel, pal.panel_edge, 1)
            if result is not None and result.answered:
                height = max(theme.gap, track.height * result.correct // result.answered)
                bar = pygame.Rect(left, track.bottom - height, width, height)
                pygame.draw.rect(surface, pal.accent, bar, border_radius=theme.radius)
            today = day == self.day
            mark = "●" if result is not None else "○"
            name = "Today" if today else WEEKDAYS[day.weekday()][:3]
            text.draw(surface, f"{mark} {name}", pygame.Rect(left, bar_bottom, width, line),
                      tiny, pal.text if today else pal.muted, bold=today)
            points = f"{result.points:,}" if result is not None else "—"
            text.draw(surface, points, pygame.Rect(left, bar_bottom + line, width, line), tiny,
                      pal.muted)

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        """The demo plays the day's round when it can, and otherwise goes back."""
        return [key(pygame.K_RETURN if self.result is None else pygame.K_ESCAPE)]
