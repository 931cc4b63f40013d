"""Statistics: how well each drama and question kind goes, scores over time, the actors most
often missed and how far actor practice has come.

Five panels do not fit one 800x600 window legibly, so each gets a page of its own behind a
row of tabs (keys 1–5, ← →, or a click). Tab or F2 narrows everything to one player.
"""

from __future__ import annotations

import random

import pygame

from game.core.gradual import Steps
from game.core.practice import DIRECTIONS, progress_json
from game.core.scheduler import utc_now
from game.core.stats import (
    ALL_PLAYERS,
    Accuracy,
    Axis,
    Stats,
    compute_stats,
    mastery_from_json,
    nice_axis,
)
from game.core.wording import plural
from game.ui.charts import (
    BarItem,
    DrawnChart,
    count_tick,
    draw_column_chart,
    draw_empty,
    draw_line_chart,
    draw_row_chart,
    row_capacity,
)
from game.ui.chrome import body_between, button_grid, draw_background, draw_footer, draw_header
from game.ui.events import key
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, TypeFilter, draw_button, draw_panel, draw_table

PAGES: tuple[tuple[str, str, str], ...] = (
    ("dramas", "Dramas", "Accuracy by drama"),
    ("kinds", "Questions", "Accuracy by question kind"),
    ("scores", "Scores", "Points per match"),
    ("actors", "Actors", "Actors you miss most"),
    ("practice", "Practice", "Practice mastery"),
)
PAGE_KEYS = {getattr(pygame, f"K_{n}"): n - 1 for n in range(1, len(PAGES) + 1)} | {
    getattr(pygame, f"K_KP{n}"): n - 1 for n in range(1, len(PAGES) + 1)}
BACK_KEYS = (pygame.K_ESCAPE, pygame.K_BACKSPACE)
PERCENT_AXIS = Axis(1.0, 0.25)
NO_MATCHES = "No finished matches yet. Play one from the title screen and come back!"


def _accuracy_caption(correct: int, answered: int, pct: int) -> str:
    return f"{pct}% ({correct}/{answered})"


def prepare(ctx) -> Steps[None]:
    """What opening this screen builds from the deck, a table a step (see game.ui.warm_up)."""
    ctx.caches.actor_roles(ctx.deck)
    yield
    ctx.caches.card_ids(ctx.deck, DIRECTIONS[:1])  # the directions of a player yet to practise
    yield


class StatsScene(Scene):
    name = "stats"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.titles = {drama.id: drama.title for drama in ctx.deck.dramas}
        self.roles = ctx.caches.actor_roles(ctx.deck)
        self.mastery = mastery_from_json(progress_json(ctx.store.practice_states()), ctx.deck,
                                         utc_now(), lambda d: ctx.caches.card_ids(ctx.deck, d))
        self.page = 0
        self.scroll = 0
        self.player: str | None = ALL_PLAYERS
        self.stats = self._compute()
        self.drama_filter = TypeFilter([a.label for a in self.stats.by_drama])
        self.filters: list[str | None] = [ALL_PLAYERS, *self.stats.names]
        self.tabs = [Button(page_id, label, key_hint=str(i))
                     for i, (page_id, label, _title) in enumerate(PAGES, start=1)]
        self.player_button = Button("player", "", key_hint="Tab")
        self.back_button = Button("back", "Back", key_hint="Esc")
        self.chart: DrawnChart | None = None  # what the current page drew last: for tests
        self._capacity = 1

    # -- state --------------------------------------------------------------------------
    def _compute(self) -> Stats:
        return compute_stats(self.ctx.store, player=self.player, drama_titles=self.titles,
                             roles=self.roles, lines=len(self.ctx.theme.palette.chart))

    @property
    def page_id(self) -> str:
        return PAGES[self.page][0]

    @property
    def player_label(self) -> str:
        return "Everyone" if self.player is ALL_PLAYERS else self.player

    def show_page(self, index: int) -> None:
        self.page = index % len(PAGES)
        self.scroll = 0
        self.dirty = True

    def cycle_player(self, step: int = 1) -> None:
        index = self.filters.index(self.player) if self.player in self.filters else 0
        self.player = self.filters[(index + step) % len(self.filters)]
        self.stats = self._compute()
        typed = self.drama_filter.text
        self.drama_filter = TypeFilter([a.label for a in self.stats.by_drama])
        self.drama_filter.set(typed)
        self.scroll = 0
        self.dirty = True

    @property
    def dramas_shown(self) -> list[Accuracy]:
        """Accuracy by drama, narrowed to the dramas matching what was typed."""
        return [self.stats.by_drama[i] for i in self.drama_filter.matches]

    def on_enter(self) -> None:
        super().on_enter()
        pygame.key.start_text_input()  # typing finds a drama

    def on_resume(self) -> None:
        super().on_resume()
        pygame.key.start_text_input()

    def on_exit(self) -> None:
        pygame.key.stop_text_input()

    def _typed(self, event: pygame.event.Event) -> bool:
        """Type-to-filter on the dramas page. Digits switch pages until something is typed."""
        if self.page_id != "dramas":
            return event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING)
        if event.type == pygame.TEXTINPUT and not self.drama_filter.text and event.text.isdigit():
            return True  # the page key just pressed
        if self.drama_filter.handle(event):
            self.scroll = 0
            self.dirty = True
            return True
        if event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING):
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and self.drama_filter.text:
            self.drama_filter.set("")
            self.scroll = 0
            self.dirty = True
            return True
        return TypeFilter.typing_key(event) and (
            bool(self.drama_filter.text) or not event.unicode.isdigit())

    def _scroll(self, by: int) -> None:
        rows = {"dramas": len(self.dramas_shown), "actors": len(self.stats.missed_actors)}
        limit = max(0, rows.get(self.page_id, 0) - self._capacity)
        new = max(0, min(self.scroll + by, limit))
        if new != self.scroll:
            self.scroll = new
            self.dirty = True

    # -- input --------------------------------------------------------------------------
    def _buttons(self) -> list[Button]:
        return [*self.tabs, self.player_button, self.back_button]

    def press(self, button_id: str) -> None:
        self.ctx.sound.play("select")
        if button_id == "back":
            self.ctx.scenes.pop()
        elif button_id == "player":
            self.cycle_player()
        else:
            self.show_page([page[0] for page in PAGES].index(button_id))

    def handle(self, event: pygame.event.Event) -> bool:
        if self._typed(event):
            return True
        pointer, clicked = self.track_pointer(event, self._buttons())
        if clicked:
            self.press(clicked.id)
        if pointer:
            return True
        if event.type == pygame.MOUSEWHEEL:
            self._scroll(-event.y)
            return True
        if event.type != pygame.KEYDOWN:
            return False
        if event.key in PAGE_KEYS:
            self.press(PAGES[PAGE_KEYS[event.key]][0])
        elif event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.show_page(self.page + (1 if event.key == pygame.K_RIGHT else -1))
        elif event.key in (pygame.K_TAB, pygame.K_F2):
            self.cycle_player(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif event.key in (pygame.K_UP, pygame.K_DOWN):
            self._scroll(1 if event.key == pygame.K_DOWN else -1)
        elif event.key in BACK_KEYS:
            self.press("back")
        else:
            return False
        return True

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        """The demo player leafs through every page once, then leaves."""
        if self.page < len(PAGES) - 1:
            return [key(pygame.K_RIGHT)]
        return [key(pygame.K_ESCAPE)]

    # -- drawing ------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_background(surface, ctx)
        matches = self.stats.matches
        body = draw_header(surface, ctx, ctx.deck.title, "Statistics",
                           f"{self.player_label} · {matches} match{'es' * (matches != 1)}")
        footer = draw_footer(surface, ctx, "1–5 or ← → pages · Tab or F2 player · ↑ ↓ or "
                             "wheel scroll · Esc back")
        area = body_between(body, footer, theme.gap)
        row_h = text.line_height(theme.font_px("button")) + theme.gap * 2
        tab_row = pygame.Rect(area.left, area.top, area.width, row_h)
        for tab, rect in zip(self.tabs, button_grid(tab_row, len(self.tabs), len(self.tabs),
                                                     theme.gap), strict=True):
            tab.rect = rect
        bottom = pygame.Rect(area.left, area.bottom - row_h, area.width, row_h)
        back_w = min(bottom.width // 3, int(260 * theme.scale))
        self.back_button.rect = pygame.Rect(bottom.right - back_w, bottom.top, back_w, row_h)
        self.player_button.rect = pygame.Rect(bottom.left, bottom.top,
                                              bottom.width - back_w - theme.gap, row_h)
        self.player_button.label = f"Player: {self.player_label}"
        panel = pygame.Rect(area.left, tab_row.bottom + theme.gap, area.width,
                            bottom.top - tab_row.bottom - theme.gap * 2)
        draw_panel(surface, theme, panel)
        inner = panel.inflate(-theme.margin * 2, -theme.gap * 2)
        title_h = text.line_height(theme.font_px("body"), True)
        title = pygame.Rect(inner.left, inner.top, inner.width, title_h)
        text.draw(surface, PAGES[self.page][2], title, theme.font_px("body"), pal.accent,
                  bold=True, align="left")
        note_h = text.line_height(theme.font_px("small"))
        note = pygame.Rect(inner.left, title.bottom, inner.width, note_h)
        content = pygame.Rect(inner.left, note.bottom + theme.gap, inner.width,
                              inner.bottom - note.bottom - theme.gap)
        drawer = getattr(self, f"_draw_{self.page_id}")
        self.chart, subtitle = drawer(surface, content)
        text.draw(surface, subtitle, note, theme.font_px("small"), pal.muted, align="left")
        for index, tab in enumerate(self.tabs):
            draw_button(surface, theme, text, tab, hovered=tab.id == self.hover,
                        focused=index == self.page)
        for button in (self.player_button, self.back_button):
            draw_button(surface, theme, text, button, hovered=button.id == self.hover)

    def _empty_reason(self, what: str) -> str:
        if not self.stats.matches:
            return NO_MATCHES
        if self.player is ALL_PLAYERS:
            return f"No {what} yet."
        return f"No {what} for {self.player} yet."

    def _draw_dramas(self, surface: pygame.Surface,
                     area: pygame.Rect) -> tuple[DrawnChart, str]:
        rows = self.dramas_shown
        typed = self.drama_filter.text
        if not self.stats.by_drama:
            return (draw_empty(surface, self.ctx, area, self._empty_reason("answered questions")),
                    "")
        if not rows:
            return (draw_empty(surface, self.ctx, area,
                               f"No drama matches “{typed}”. Backspace widens, Esc clears."), "")
        self._capacity = row_capacity(self.ctx, area)
        self.scroll = max(0, min(self.scroll, len(rows) - self._capacity))
        shown = rows[self.scroll:self.scroll + self._capacity]
        items = [BarItem(a.label, a.ratio, _accuracy_caption(a.correct, a.answered, a.percent))
                 for a in shown]
        chart = draw_row_chart(surface, self.ctx, area, items, PERCENT_AXIS)
        note = f"{plural(len(rows), 'drama')}, weakest first"
        note += f" · matching “{typed}” (Esc clears)" if typed else " · type to find a drama"
        if len(shown) < len(rows):
            note += (f" · {self.scroll + 1}–{self.scroll + len(shown)} shown, "
                     "↑ ↓ or wheel for more")
        return chart, note

    def _draw_kinds(self, surface: pygame.Surface,
                    area: pygame.Rect) -> tuple[DrawnChart, str]:
        kinds = self.stats.by_kind
        if not kinds:
            return (draw_empty(surface, self.ctx, area, self._empty_reason("answered questions")),
                    "")
        items = [BarItem(f"{a.label}\n{a.correct}/{a.answered}", a.ratio, f"{a.percent}%")
                 for a in kinds]
        answered = sum(a.answered for a in kinds)
        chart = draw_column_chart(surface, self.ctx, area, items, PERCENT_AXIS)
        return chart, (f"{plural(answered, 'answer')} · Actor: who plays…? "
                       "Character: whom does … play?")

    def _draw_scores(self, surface: pygame.Surface,
                     area: pygame.Rect) -> tuple[DrawnChart, str]:
        history = self.stats.history
        if not history.series:
            return draw_empty(surface, self.ctx, area, self._empty_reason("finished matches")), ""
        chart = draw_line_chart(surface, self.ctx, area, history)
        if self.player is not ALL_PLAYERS:
            return chart, f"Every match {self.player} played, oldest on the left"
        lines = len(history.series)
        who = "the player" if lines == 1 else f"the {lines} players"
        return chart, f"One line each for {who} with the most matches, oldest on the left"

    def _draw_actors(self, surface: pygame.Surface,
                     area: pygame.Rect) -> tuple[DrawnChart, str]:
        missed = self.stats.missed_actors
        if not missed:
            asked = sum(a.answered for a in self.stats.by_kind if a.key in ("actor", "character"))
            message = ("Not one actor missed: well done!" if asked
                       else self._empty_reason("actor questions answered"))
            return draw_empty(surface, self.ctx, area, message), ""
        theme = self.ctx.theme
        row_h = self.ctx.text.line_height(theme.font_px("small")) + theme.gap // 2
        self._capacity = max(1, area.height // row_h - 1)
        self.scroll = max(0, min(self.scroll, len(missed) - 1))
        rows = [[f"#{i}", m.actor, str(m.misses), "; ".join(m.roles) or "not in this deck"]
                for i, m in enumerate(missed, start=1)]
        draw_table(surface, theme, self.ctx.text, area, ["", "Actor", "Missed", "Plays"], rows,
                   [0.07, 0.27, 0.13, 0.53], first_row=self.scroll)
        chart = DrawnChart("table", area.copy(), area.copy(), float(missed[0].misses))
        return chart, "From actor and character questions: who to practise first"

    def _draw_practice(self, surface: pygame.Surface,
                       area: pygame.Rect) -> tuple[DrawnChart, str]:
        mastery = self.mastery
        if not mastery.started:
            message = 'No practice yet: choose "Practise actor names" on the title screen.'
            return draw_empty(surface, self.ctx, area, message), ""
        values = mastery.bar_values()
        axis = nice_axis(max(count for _label, count in values), whole=True)
        items = [BarItem(label, count, str(count)) for label, count in values]
        colours = self.ctx.theme.palette.chart
        chart = draw_column_chart(surface, self.ctx, area, items, axis, count_tick,
                                  colours=[colours[1], *[colours[0]] * (len(items) - 1)])
        due = mastery.due_today
        return chart, (f"{due} card{'s' * (due != 1)} due today · {mastery.total} cards · "
                       "next 7 days: " + " · ".join(map(str, mastery.forecast)))

