"""Every player of a party, over the game: the host picks one and removes them (F2)."""

from __future__ import annotations

import pygame

from game.party.host import PartyHost
from game.ui.scenes.base import Scene
from game.ui.scenes.party_base import draw_roster
from game.ui.widgets import draw_panel

SOURCES = {"phone": "phone", "pad": "pad", "keys": "keys"}


class PlayersScene(Scene):
    name = "party-players"
    overlay = True

    def __init__(self, ctx, host: PartyHost) -> None:
        super().__init__(ctx)
        self.host = host
        self.selected = 0

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)
        roster = self.host.roster
        if event.key in (pygame.K_ESCAPE, pygame.K_F2):
            self.ctx.scenes.pop()
        elif event.key in (pygame.K_DOWN, pygame.K_UP) and roster:
            self.selected = (self.selected + (1 if event.key == pygame.K_DOWN else -1)) % len(
                roster
            )
            self.dirty = True
        elif event.key in (pygame.K_DELETE, pygame.K_BACKSPACE) and roster:
            self.host.remove(roster[min(self.selected, len(roster) - 1)])
            self.selected = max(0, min(self.selected, len(self.host.roster) - 1))
            self.dirty = True
        return True  # the players' keys wait while the host manages the list

    def draw(self, surface: pygame.Surface) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        pal = theme.palette
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
        surface.blit(shade, (0, 0))
        box = surface.get_rect().inflate(-theme.margin * 4, -theme.margin * 4)
        draw_panel(surface, theme, box)
        inner = box.inflate(-theme.margin * 2, -theme.margin)
        heading_h = text.line_height(theme.font_px("heading"), True)
        text.draw(
            surface,
            "Players",
            pygame.Rect(inner.left, inner.top, inner.width, heading_h),
            theme.font_px("heading"),
            pal.accent,
            bold=True,
            align="left",
        )
        hint_h = text.line_height(theme.font_px("tiny")) * 2
        text.draw(
            surface,
            "↑ ↓ choose · Del remove (their points stay in the saved match) · "
            "Esc or F2 back to the game",
            pygame.Rect(inner.left, inner.bottom - hint_h, inner.width, hint_h),
            theme.font_px("tiny"),
            pal.muted,
        )
        area = pygame.Rect(
            inner.left,
            inner.top + heading_h + theme.gap,
            inner.width,
            inner.height - heading_h - hint_h - theme.gap * 2,
        )
        totals = {r.name: r.total for r in self.host.standings()}
        entries = [
            (
                f"{name} · {SOURCES[self.host.players[name]]}"
                f"{' · away' if name in self.host.away else ''} · {totals.get(name, 0):,}",
                pal.text,
            )
            for name in self.host.roster
        ]
        draw_roster(surface, theme, text, area, entries, self.selected)
