"""The settings screen: a scrolling list of "label — ◀ value ▶" rows, saved as they change.

Every change is saved and applied at once (through `ctx.save_settings`), so a larger text
size or another palette shows on this very screen, and nothing is lost if the game is closed
from here. The deck's dramas follow as checkboxes for the spoiler-safe mode.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pygame

from game.core.settings import Settings
from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.events import key
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, TypeFilter, draw_button, draw_panel

HIDE_PREFIX = "hide:"  # row ids of the spoiler-safe checkboxes: "hide:<drama id>"
TOGGLE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
BACK = -1  # the focus index of the Back button, after the last row


@dataclass(frozen=True)
class Row:
    """One line of the list. `id` is a Settings field, a "hide:<drama id>" checkbox, or ""
    for a heading, which is shown but never focused."""

    id: str
    label: str
    help: str

    @property
    def heading(self) -> bool:
        return not self.id


SETTING_ROWS: tuple[Row, ...] = (
    Row("timer_seconds", "Answer timer",
        "Time for each answer. Without a timer answers still score, but with no speed bonus."),
    Row("difficulty", "Difficulty",
        "Easy offers wrong answers from other years; hard offers look-alikes from the same "
        "drama and era."),
    Row("rounds", "Rounds per match", "How many rounds a match has; totals carry between rounds."),
    Row("questions_per_round", "Questions per round", "Questions each player answers a round."),
    Row("sound", "Sound", "Sound effects on or off. M also mutes during play."),
    Row("volume", "Volume", "How loud the sound effects are."),
    Row("fullscreen", "Fullscreen at start",
        "Starts the game in fullscreen. F11 switches at any time."),
    Row("text_size", "Text size", "Large text on every screen."),
    Row("show_hangul", "Hangul beside names",
        "Shows names in Hangul too, where the deck has them."),
    Row("palette", "Colours",
        "The colour-blind-safe palette keeps right and wrong apart for every common form of "
        "colour blindness; ✓ and × always mark them too."),
)
SPOILER_HEADING = Row("", "Spoiler-safe: tick the dramas you have not finished (type to find one)",
                      "Their stories and obstacles are not shown and not asked.")


def value_text(settings: Settings, key_name: str) -> str:
    """A setting's value as the player reads it."""
    value = getattr(settings, key_name)
    if key_name == "timer_seconds":
        return f"{value} seconds" if value else "No timer"
    if key_name == "volume":
        return f"{round(value * 100)}%"
    if isinstance(value, bool):
        return "On" if value else "Off"
    if key_name == "palette":
        return "Colour-blind safe" if value == "colour-blind-safe" else "Standard"
    return str(value).capitalize()


class SettingsScene(Scene):
    name = "settings"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        dramas = [Row(HIDE_PREFIX + d.id, ctx.label_for(d.title),
                      f"Tick {d.title} if you have not finished it: its stories and "
                      "obstacles are then not shown and not asked.") for d in ctx.deck.dramas]
        self.drama_rows = dramas
        self.filter = TypeFilter([row.label for row in dramas])  # type to find a drama
        self.rows: list[Row] = [*SETTING_ROWS, SPOILER_HEADING, *dramas]
        self.focus = 0  # a row index, or BACK
        self.top = 0  # the first row shown
        self.visible_rows = 1  # how many rows fit; set by draw()
        self.pointed: tuple[int, int] | None = None  # (row, arrow) under the pointer
        self.back_button = Button("back", "Back", key_hint="Esc")
        # (rect, row index, step) from the last draw: step -1/+1 for the arrows, 0 for the row
        self.targets: list[tuple[pygame.Rect, int, int]] = []

    def on_enter(self) -> None:
        super().on_enter()
        pygame.key.start_text_input()  # typing filters the dramas

    def on_resume(self) -> None:
        super().on_resume()
        pygame.key.start_text_input()

    def on_exit(self) -> None:
        pygame.key.stop_text_input()

    # -- the drama filter ------------------------------------------------------------------
    def _filtered(self) -> None:
        """Show only the dramas matching what was typed, and go to the first of them."""
        shown = [self.drama_rows[i] for i in self.filter.matches]
        heading = SPOILER_HEADING
        if self.filter.text:
            found = (f"{len(shown)} of {len(self.drama_rows)} dramas match “{self.filter.text}”"
                     if shown else f"No drama matches “{self.filter.text}”")
            heading = Row("", f"{found} · Backspace widens · Esc clears", heading.help)
        self.rows = [*SETTING_ROWS, heading, *shown]
        first = len(SETTING_ROWS) + 1
        self.focus = first if shown else BACK
        self.top = first - 1 if self.filter.text else min(self.top, first - 1)  # the matches
        self._show_focus()
        self.dirty = True

    # -- changing values -------------------------------------------------------------------
    def is_hidden(self, drama_id: str) -> bool:
        return drama_id in self.ctx.settings.hidden_dramas

    def change(self, index: int, step: int, *, wrap: bool = False) -> None:
        """Move row `index`'s value by `step` (a checkbox just flips), then save and apply."""
        row = self.rows[index]
        if row.heading:
            return
        settings = self.ctx.settings
        if row.id.startswith(HIDE_PREFIX):
            drama_id = row.id.removeprefix(HIDE_PREFIX)
            changed = settings.with_hidden(drama_id, not self.is_hidden(drama_id))
        else:
            changed = settings.stepped(row.id, step, wrap=wrap)
        if changed != settings:
            self.ctx.save_settings(changed)
            self.ctx.sound.play("select")
        self.dirty = True

    def back(self) -> None:
        """Leave; the settings were saved with every change."""
        self.ctx.scenes.pop()

    # -- focus -----------------------------------------------------------------------------
    def _focusable(self) -> list[int]:
        return [i for i, row in enumerate(self.rows) if not row.heading] + [BACK]

    def move_focus(self, by: int) -> None:
        order = self._focusable()
        position = order.index(self.focus)
        if abs(by) == 1:
            position = (position + by) % len(order)
        else:  # page keys stop at the ends instead of going round
            position = max(0, min(len(order) - 1, position + by))
        self.focus = order[position]
        self._show_focus()
        self.dirty = True

    def _show_focus(self) -> None:
        if self.focus == BACK:
            return
        if self.focus < self.top:
            self.top = self.focus
            if self.top > 0 and self.rows[self.top - 1].heading:
                self.top -= 1  # keep a section's heading with its first row
        elif self.focus >= self.top + self.visible_rows:
            self.top = self.focus - self.visible_rows + 1

    def scroll(self, rows: int) -> None:
        top = max(0, min(len(self.rows) - self.visible_rows, self.top + rows))
        if top != self.top:
            self.top = top
            self.dirty = True

    # -- input -----------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if self.filter.handle(event):
            self._filtered()
            return True
        if event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING):
            return True
        if event.type == pygame.KEYDOWN:
            return self._handle_key(event)
        if event.type == pygame.MOUSEWHEEL:
            self.scroll(-event.y)
            return True
        if event.type == pygame.MOUSEMOTION:
            hovered = (BACK, 0) if self.back_button.hit(event.pos) else self._target_at(event.pos)
            if hovered != self.pointed:
                self.pointed = hovered
                self.dirty = True
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.back_button.hit(event.pos):
                self.back()
                return True
            target = self._target_at(event.pos)
            if target is not None:
                index, step = target
                self.focus = index
                if step or self.rows[index].id.startswith(HIDE_PREFIX):
                    self.change(index, step)
                self.dirty = True
            return True
        return False

    def _handle_key(self, event: pygame.event.Event) -> bool:
        page = max(1, self.visible_rows - 1)
        moves = {pygame.K_DOWN: 1, pygame.K_UP: -1, pygame.K_PAGEDOWN: page,
                 pygame.K_PAGEUP: -page}
        if event.key == pygame.K_TAB:
            self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif event.key in moves:
            self.move_focus(moves[event.key])
        elif event.key == pygame.K_ESCAPE and self.filter.text:
            self.filter.set("")
            self._filtered()
        elif event.key == pygame.K_ESCAPE:
            self.back()
        elif event.key == pygame.K_SPACE and self.filter.text:
            pass  # a space in the filter (it arrives as text); Enter ticks
        elif TypeFilter.typing_key(event):
            pass  # its character arrives as text and filters the dramas
        elif event.key in TOGGLE_KEYS:
            if self.focus == BACK:
                self.back()
            else:
                self.change(self.focus, 1, wrap=True)
        elif event.key in (pygame.K_LEFT, pygame.K_RIGHT) and self.focus != BACK:
            self.change(self.focus, 1 if event.key == pygame.K_RIGHT else -1)
        else:
            return False  # F11, M and the rest belong to the app
        return True

    def _target_at(self, pos: tuple[int, int]) -> tuple[int, int] | None:
        for rect, index, step in self.targets:
            if rect.collidepoint(pos):
                return index, step
        return None

    # -- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_background(surface, ctx)
        body = draw_header(surface, ctx, "Settings", "", "Saved as you change them")
        footer = draw_footer(surface, ctx, "↑ ↓ Tab move · ← → change · Enter or Space toggle · "
                             "type to find a drama · wheel scrolls · Esc back")
        button_h = text.line_height(theme.font_px("button")) + theme.gap * 2
        self.back_button.rect = pygame.Rect(0, footer.top - theme.gap - button_h,
                                            min(body.width, int(320 * theme.scale)), button_h)
        self.back_button.rect.centerx = body.centerx
        help_px = theme.font_px("small")
        help_h = text.line_height(help_px) * 2 + theme.gap
        help_box = pygame.Rect(body.left, self.back_button.rect.top - theme.gap - help_h,
                               body.width, help_h)
        focused = self.rows[self.focus] if self.focus != BACK else None
        help_text = focused.help if focused else "Back to the title screen."
        text.draw(surface, help_text, help_box, help_px, pal.muted)

        row_px = theme.font_px("body")
        row_h = text.line_height(row_px) + theme.gap
        listing = pygame.Rect(body.left, body.top, body.width,
                              help_box.top - theme.gap - body.top)
        self.visible_rows = max(1, (listing.height + theme.gap // 2) // (row_h + theme.gap // 2))
        self.top = max(0, min(self.top, len(self.rows) - self.visible_rows))
        bar_w = max(6, theme.gap)
        self.targets = []
        shown = self.rows[self.top:self.top + self.visible_rows]
        for offset, row in enumerate(shown):
            rect = pygame.Rect(listing.left, listing.top + offset * (row_h + theme.gap // 2),
                               listing.width - bar_w - theme.gap, row_h)
            self._draw_row(surface, self.top + offset, row, rect, row_px)
        self._draw_scrollbar(surface, listing, bar_w)
        draw_button(surface, theme, text, self.back_button, focused=self.focus == BACK,
                    hovered=self.pointed == (BACK, 0))

    def _draw_row(self, surface: pygame.Surface, index: int, row: Row, rect: pygame.Rect,
                  px: int) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        pal = theme.palette
        if row.heading:
            text.draw(surface, row.label, rect, theme.font_px("small"), pal.accent, bold=True,
                      align="left", valign="bottom")
            return
        focused = index == self.focus
        draw_panel(surface, theme, rect, pal.button_hover if focused else pal.panel,
                   pal.accent if focused else pal.panel_edge, 3 if focused else 1)
        inner = rect.inflate(-theme.gap * 2, 0)
        label_w = int(inner.width * 0.5)
        text.draw(surface, row.label, pygame.Rect(inner.left, inner.top, label_w - theme.gap,
                  inner.height), px, pal.text, align="left", bold=focused)
        controls = pygame.Rect(inner.left + label_w, inner.top, inner.width - label_w,
                               inner.height)
        if row.id.startswith(HIDE_PREFIX):
            hidden = self.is_hidden(row.id.removeprefix(HIDE_PREFIX))
            value = "■ Not finished: hidden" if hidden else "□ Seen it: shown"
            text.draw(surface, value, controls, px, pal.warning if hidden else pal.muted,
                      align="left")
            self.targets.append((rect, index, 0))
            return
        side = controls.height - theme.gap
        arrows = []
        for step, glyph in ((-1, "◀"), (1, "▶")):
            box = pygame.Rect(0, 0, side, side)
            box.centery = controls.centery
            if step < 0:
                box.left = controls.left
            else:
                box.right = controls.right
            hovered = self.pointed == (index, step)
            draw_panel(surface, theme, box, pal.button_hover if hovered else pal.button,
                       pal.button_edge, 1)
            text.draw(surface, glyph, box, theme.font_px("small"), pal.text)
            arrows.append((box, index, step))
        value_box = pygame.Rect(controls.left + side + theme.gap, controls.top,
                                controls.width - 2 * (side + theme.gap), controls.height)
        text.draw(surface, value_text(self.ctx.settings, row.id), value_box, px, pal.text,
                  bold=True)
        self.targets.extend(arrows)
        self.targets.append((rect, index, 0))

    def _draw_scrollbar(self, surface: pygame.Surface, listing: pygame.Rect, width: int) -> None:
        """Where the visible rows sit in the whole list; drawn only when it scrolls."""
        total = len(self.rows)
        if total <= self.visible_rows:
            return
        pal, radius = self.ctx.theme.palette, width // 2
        track = pygame.Rect(listing.right - width, listing.top, width, listing.height)
        pygame.draw.rect(surface, pal.panel, track, border_radius=radius)
        thumb_h = max(width * 2, track.height * self.visible_rows // total)
        thumb_y = track.top + (track.height - thumb_h) * self.top // (total - self.visible_rows)
        thumb = pygame.Rect(track.left, thumb_y, width, thumb_h)
        pygame.draw.rect(surface, pal.accent, thumb, border_radius=radius)

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        """A demo leaves the player's settings alone."""
        return [key(pygame.K_ESCAPE)]
