"""The deck screen: every bundled deck and every deck in the player's `decks/` folder, with
what it holds or what is wrong with it; tick one or several to play them together.

A broken deck stays on the list with `check`'s message in place of its counts, so a player who
dropped a file in the folder sees why it does not play; it cannot be ticked, and it never
stops the game. The choice is saved with the settings as soon as it changes.
"""

from __future__ import annotations

import random

import pygame

from game import paths
from game.core.library import DeckInfo, source_for, sources, user_decks_dir
from game.core.wording import plural
from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.events import key
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, draw_button, draw_panel

TICKED, UNTICKED, BROKEN = "■", "□", "!"
TOGGLE_KEYS = (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER)


class DecksScene(Scene):
    name = "decks"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.infos: list[DeckInfo] = []
        self.focus = 0
        self.top = 0
        self.visible_rows = 1  # learnt at each draw
        self.message = ""
        self.row_rects: list[tuple[pygame.Rect, int]] = []
        self.done_button = Button("done", "Done", key_hint="Esc")
        self.reload()

    def reload(self) -> None:
        """Read the folders again (a deck may have been imported meanwhile)."""
        found = sources(paths.data_dir(), self.ctx.home)
        listed = {source.key for source in found}
        # A deck given with --deck from elsewhere is played too: show it, so it can be unticked.
        found += [
            source_for(key, paths.data_dir()) for key in self.ctx.deck_keys if key not in listed
        ]
        self.infos = self.ctx.library.infos(found)
        self.focus = min(self.focus, max(0, len(self.infos) - 1))
        self.dirty = True

    @property
    def ticked(self) -> list[str]:
        chosen = set(self.ctx.deck_keys)
        return [info.source.key for info in self.infos if info.source.key in chosen]

    def toggle(self, index: int) -> None:
        info = self.infos[index]
        if info.deck is None:
            self.message = f"{info.source.path.name} cannot be played: fix it, then press F5."
            self.dirty = True
            return
        keys = self.ticked
        if info.source.key in keys:
            if len(keys) == 1:
                self.message = "Tick another deck first: at least one deck is played."
                self.dirty = True
                return
            keys.remove(info.source.key)
        else:
            keys.append(info.source.key)
        order = [i.source.key for i in self.infos]
        warnings = self.ctx.play_decks(sorted(keys, key=order.index))
        deck = self.ctx.deck
        couples = sum(len(drama.couples) for drama in deck.dramas)
        self.message = "; ".join(warnings) or (
            f"Playing {plural(len(keys), 'deck')}: {plural(couples, 'couple')} in "
            f"{plural(len(deck.dramas), 'drama')}."
        )
        self.ctx.sound.play("select")
        self.dirty = True

    def move(self, by: int) -> None:
        if not self.infos:
            return
        self.focus = max(0, min(len(self.infos) - 1, self.focus + by))
        if self.focus < self.top:
            self.top = self.focus
        elif self.focus >= self.top + self.visible_rows:
            self.top = self.focus - self.visible_rows + 1
        self.dirty = True

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            self.top = max(0, min(self.top - event.y, len(self.infos) - self.visible_rows))
            self.dirty = True
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for rect, index in self.row_rects:
                if rect.collidepoint(event.pos):
                    self.focus = index
                    self.toggle(index)
                    return True
        pointer, clicked = self.track_pointer(event, [self.done_button])
        if clicked is not None:
            self.ctx.scenes.pop()
        if pointer:
            return True
        if event.type != pygame.KEYDOWN:
            return False
        steps = {
            pygame.K_UP: -1,
            pygame.K_DOWN: 1,
            pygame.K_PAGEUP: -self.visible_rows,
            pygame.K_PAGEDOWN: self.visible_rows,
            pygame.K_HOME: -len(self.infos),
            pygame.K_END: len(self.infos),
        }
        if event.key in steps:
            self.move(steps[event.key])
        elif event.key in TOGGLE_KEYS and self.infos:
            self.toggle(self.focus)
        elif event.key == pygame.K_F5:
            self.reload()
            self.message = "Read the deck folders again."
        elif event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            self.ctx.scenes.pop()
        else:
            return False
        return True


    # -- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_background(surface, ctx)
        ticked = len(self.ticked)
        body = draw_header(
            surface, ctx, "Decks", "Choose decks", f"{ticked} ticked of {len(self.infos)}"
        )
        footer = draw_footer(
            surface,
            ctx,
            "↑ ↓ move · Space or click to tick · several decks "
            "play together · F5 reads the folders again · Esc done",
        )
        small = theme.font_px("small")
        intro_h = text.line_height(small) * 2
        intro = pygame.Rect(body.left, body.top, body.width, intro_h)
        folder = user_decks_dir(ctx.home)
        text.draw(
            surface,
            f"Your own decks go in {folder} — make one from a spreadsheet with "
            f"kdrama-quiz import SHEET -o {folder / 'NAME.yaml'}",
            intro,
            small,
            pal.muted,
            align="left",
            min_px=9,
        )
        button_h = text.line_height(theme.font_px("button")) + theme.gap * 2
        done = self.done_button
        done.rect = pygame.Rect(
            0, footer.top - theme.gap - button_h, min(body.width, int(320 * theme.scale)), button_h
        )
        done.rect.centerx = body.centerx
        message_lines = len(text.wrap(self.message, small, body.width)) if self.message else 1
        message_h = text.line_height(small) * min(2, message_lines)
        message = pygame.Rect(
            body.left, done.rect.top - theme.gap - message_h, body.width, message_h
        )
        if self.message:
            text.draw(surface, self.message, message, small, pal.accent, min_px=9)
        showing_h = text.line_height(small)  # "Showing 2-4 of 6" under the list when it scrolls
        listing = pygame.Rect(
            body.left,
            intro.bottom + theme.gap,
            body.width,
            message.top - showing_h - theme.gap - intro.bottom - theme.gap,
        )
        title_px, detail_px = theme.font_px("body"), theme.font_px("tiny")
        # A second detail line only when some deck's problem needs it: four decks then fit
        # at 1280x720 instead of three.
        detail_w = listing.width - theme.gap * 3 - text.line_height(title_px, True)
        wraps = any(
            len(text.wrap(info.problem, detail_px, detail_w)) > 1
            for info in self.infos
            if info.deck is None
        )
        row_h = (
            text.line_height(title_px, True)
            + text.line_height(detail_px) * (2 if wraps else 1)
            + theme.gap * 2
        )
        self.visible_rows = max(1, listing.height // (row_h + theme.gap // 2))
        self.top = max(0, min(self.top, len(self.infos) - self.visible_rows))
        self.row_rects = []
        chosen = set(ctx.deck_keys)
        for offset, info in enumerate(self.infos[self.top : self.top + self.visible_rows]):
            index = self.top + offset
            rect = pygame.Rect(
                listing.left, listing.top + offset * (row_h + theme.gap // 2), listing.width, row_h
            )
            self._draw_row(surface, rect, info, info.source.key in chosen, index == self.focus)
            self.row_rects.append((rect, index))
        if len(self.infos) > self.visible_rows:
            last = min(len(self.infos), self.top + self.visible_rows)
            where = pygame.Rect(
                body.left,
                message.top - text.line_height(small),
                body.width,
                text.line_height(small),
            )
            text.draw(
                surface,
                f"Showing {self.top + 1}–{last} of {len(self.infos)}",
                where,
                small,
                pal.muted,
                align="right",
            )
        draw_button(surface, theme, text, done, hovered=self.hover == done.id)

    def _draw_row(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        info: DeckInfo,
        ticked: bool,
        focused: bool,
    ) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_panel(
            surface,
            theme,
            rect,
            pal.button_hover if focused else pal.panel,
            pal.accent if focused else pal.panel_edge,
            3 if focused else 1,
        )
        inner = rect.inflate(-theme.gap * 2, -theme.gap)
        title_px, detail_px = theme.font_px("body"), theme.font_px("tiny")
        mark_w = text.line_height(title_px, True)
        mark = BROKEN if info.deck is None else (TICKED if ticked else UNTICKED)
        colour = pal.warning if info.deck is None else (pal.accent if ticked else pal.muted)
        text.draw(
            surface,
            mark,
            pygame.Rect(inner.left, inner.top, mark_w, text.line_height(title_px, True)),
            title_px,
            colour,
            bold=True,
        )
        left = inner.left + mark_w + theme.gap
        where = "bundled" if info.source.bundled else info.source.path.name
        tag_w = min(int(inner.width * 0.3), text.width(where, detail_px) + theme.gap)
        head = pygame.Rect(
            left,
            inner.top,
            inner.right - left - tag_w - theme.gap,
            text.line_height(title_px, True),
        )
        text.draw(surface, info.title, head, title_px, pal.text, bold=True, align="left")
        tag = pygame.Rect(inner.right - tag_w, inner.top, tag_w, head.height)
        text.draw(surface, where, tag, detail_px, pal.muted, align="right", min_px=8)
        detail = pygame.Rect(left, head.bottom, inner.right - left, inner.bottom - head.bottom)
        if info.deck is None:
            text.draw(
                surface,
                info.problem,
                detail,
                detail_px,
                pal.warning,
                align="left",
                valign="top",
                min_px=8,
            )
        else:
            text.draw(
                surface,
                info.counts,
                detail,
                detail_px,
                pal.muted,
                align="left",
                valign="top",
                min_px=8,
            )

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        """A demo leaves the player's choice of decks alone."""
        return [key(pygame.K_ESCAPE)] if self.shown_for >= 1.0 else []
