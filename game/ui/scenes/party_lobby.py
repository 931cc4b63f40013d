"""The party lobby: the join address as text and QR code, the game code, the names so far.

Starting a party starts the server; the lobby fills as phones join, gamepads are plugged in
and keyboard players press a key of their zone. The host starts the match when ready.
"""

from __future__ import annotations

import random

import pygame

from game.core.session import Match
from game.party.host import DEFAULT_TIME_LIMIT, PartyHost
from game.party.protocol import MAX_PLAYERS
from game.party.server import PartyServer
from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.events import key
from game.ui.qr import qr_surface
from game.ui.scenes.party_base import ZONE_NAMES, PartyScene, PartySeats, draw_roster
from game.ui.widgets import Button, draw_button, draw_panel

DEFAULT_PORT = 8765
# Drawn once, off screen, while the lobby waits: the first frame of a question or a reveal
# then finds its fonts open and their glyphs rendered, instead of doing that while fifty
# phones' answers arrive.
WARM_UP_TEXT = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 -–'?!.,:/·…" + "▲◆●■✓×"
)
WARM_UP_ROLES = ("title", "heading", "button", "body", "small", "tiny")
SOURCE_MARKS = {"phone": "", "pad": " · pad", "keys": " · keys"}


def open_party(ctx) -> LobbyScene:
    """Start the server and the host; the lobby to push. When the server cannot listen the
    party still works with gamepads and keyboards, and the lobby says why phones cannot."""
    from game.ui.scenes import navigation

    options = ctx.options
    server: PartyServer | None = PartyServer(
        ctx.inbox.put,
        bind=options.bind,
        port=DEFAULT_PORT if options.port is None else options.port,
    )
    problem = None
    try:
        server.start()
    except OSError as error:
        if options.port is None:  # the usual port is taken: any free one will do
            server = PartyServer(ctx.inbox.put, bind=options.bind, port=0)
            try:
                server.start()
            except OSError as again:
                server, problem = None, again.strerror or str(again)
        else:
            server, problem = None, error.strerror or str(error)
    settings = ctx.settings

    def make_match(players: list[str]) -> Match:
        seed = ctx.rng.randrange(2**32) if options.seed is None else options.seed
        return Match(
            ctx.deck,
            players,
            rounds=options.rounds or 1,
            questions_per_round=options.questions or settings.questions_per_round,
            seed=seed,
            difficulty=settings.difficulty,
            time_limit=settings.time_limit or DEFAULT_TIME_LIMIT,
            hidden_dramas=frozenset(settings.hidden_dramas),
            mode="party",
            simultaneous=True,
        )

    host = PartyHost(server, make_match, lambda match: navigation.save_progress(ctx, match))
    lobby = LobbyScene(ctx, host, PartySeats())
    lobby.problem = problem
    return lobby


class LobbyScene(PartyScene):
    name = "party-lobby"
    phase = "lobby"

    def __init__(self, ctx, host: PartyHost, seats: PartySeats) -> None:
        super().__init__(ctx, host, seats)
        self.selected = 0
        self.problem: str | None = None
        self.buttons: list[Button] = []
        self._name_rects: list[tuple[str, pygame.Rect]] = []
        self._qr: pygame.Surface | None = None
        self._qr_key: tuple[str, int] | None = None
        self._warm_for: tuple[int, int] | None = None  # the window size fonts are warm for

    def update(self, dt: float) -> None:
        super().update(dt)
        theme = self.ctx.theme
        if self._warm_for != (theme.width, theme.height):
            self._warm_for = (theme.width, theme.height)
            self._warm_up_fonts()

    def _warm_up_fonts(self) -> None:
        """Open the party screens' fonts at this window's sizes and render their common
        glyphs once (the text cache is not used: nothing here is drawn again)."""
        theme, text = self.ctx.theme, self.ctx.text
        for role in WARM_UP_ROLES:
            px = theme.font_px(role)
            for size in {px, max(10, int(px * 0.9))}:  # and the first size text shrinks to
                for bold in (False, True):
                    text.font(size, bold).render(WARM_UP_TEXT, True, (255, 255, 255))

    @property
    def join_address(self) -> str | None:
        server = self.host.server
        return server.join_address() if isinstance(server, PartyServer) else None

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            roster = self.host.roster
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.start()
                return True
            if event.key == pygame.K_ESCAPE:
                self.leave()
                return True
            if event.key in (pygame.K_DOWN, pygame.K_UP) and roster:
                step = 1 if event.key == pygame.K_DOWN else -1
                self.selected = (self.selected + step) % len(roster)
                self.dirty = True
                return True
            if event.key in (pygame.K_DELETE, pygame.K_BACKSPACE):
                self.remove_selected()
                return True
        pointer, clicked = self.track_pointer(event, self.buttons)
        if clicked is not None:
            if clicked.id == "start":
                self.start()
            elif clicked.id == "remove":
                self.remove_selected()
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for index, (_name, rect) in enumerate(self._name_rects):
                if rect.collidepoint(event.pos):
                    self.selected = index
                    self.dirty = True
                    return True
        return pointer or super().handle(event)

    def start(self) -> None:
        if self.host.start():
            self.ctx.sound.play("select")
            self.follow_host()

    def remove_selected(self) -> None:
        roster = self.host.roster
        if roster:
            self.host.remove(roster[min(self.selected, len(roster) - 1)])
            self.selected = max(0, min(self.selected, len(self.host.roster) - 1))
            self.dirty = True

    def _qr_for(self, address: str, side: int) -> pygame.Surface:
        if self._qr_key != (address, side) or self._qr is None:
            self._qr = qr_surface(address, side).convert()
            self._qr_key = (address, side)
        return self._qr

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_background(surface, ctx)
        server = self.host.server
        code = server.code if isinstance(server, PartyServer) else "—"
        roster = self.host.roster
        body = draw_header(
            surface, ctx, "Party", f"Game code {code}", f"{len(roster)}/{MAX_PLAYERS} players"
        )
        footer = draw_footer(
            surface,
            ctx,
            "Phones: scan the code or open the address · Gamepads: "
            "plug in · Keyboard: press a key of your zone (1–4, Q–R, A–F, Z–V) · "
            "Enter start · ↑ ↓ Del remove · Esc leave",
        )
        area = pygame.Rect(body.left, body.top, body.width, footer.top - body.top - theme.gap)
        left = pygame.Rect(area.left, area.top, int(area.width * 0.4), area.height)
        right = pygame.Rect(
            left.right + theme.margin, area.top, area.right - left.right - theme.margin, area.height
        )
        address = self.join_address
        small = theme.font_px("small")
        address_h = text.line_height(small) * 2 + theme.gap
        if address:
            side = min(left.width, left.height - address_h)
            qr = self._qr_for(address, side)
            spot = qr.get_rect(midtop=(left.centerx, left.top))
            surface.blit(qr, spot)
            text.draw(
                surface,
                address,
                pygame.Rect(left.left, spot.bottom + theme.gap // 2, left.width, address_h),
                small,
                pal.text,
                bold=True,
                min_px=10,
            )
        else:
            draw_panel(surface, theme, left)
            text.draw(
                surface,
                f"Phones cannot join: {self.problem or 'no server'}. "
                "Gamepads and keyboards still can.",
                left.inflate(-theme.margin, -theme.margin),
                theme.font_px("body"),
                pal.warning,
            )
        heading_h = text.line_height(theme.font_px("heading"), True) + theme.gap
        text.draw(
            surface,
            "Join the party!",
            pygame.Rect(right.left, right.top, right.width, heading_h),
            theme.font_px("heading"),
            pal.accent,
            bold=True,
            align="left",
        )
        button_h = text.line_height(theme.font_px("button")) + theme.gap * 2
        list_box = pygame.Rect(
            right.left,
            right.top + heading_h,
            right.width,
            right.height - heading_h - button_h - theme.gap,
        )
        draw_panel(surface, theme, list_box)
        self._draw_names(surface, list_box.inflate(-theme.gap * 2, -theme.gap * 2), roster)
        half = (right.width - theme.gap) // 2
        self.buttons = [
            Button(
                "start",
                "Start",
                pygame.Rect(right.left, right.bottom - button_h, half, button_h),
                key_hint="Enter",
                enabled=bool(roster),
            ),
            Button(
                "remove",
                "Remove",
                pygame.Rect(right.left + half + theme.gap, right.bottom - button_h, half, button_h),
                key_hint="Del",
                enabled=bool(roster),
            ),
        ]
        for button in self.buttons:
            draw_button(surface, theme, text, button, hovered=self.hover == button.id)

    def _draw_names(self, surface: pygame.Surface, box: pygame.Rect, roster: list[str]) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        pal = theme.palette
        self._name_rects = []
        if not roster:
            text.draw(
                surface,
                "Waiting for players…\nKeyboard players: " + ", ".join(ZONE_NAMES),
                box,
                theme.font_px("body"),
                pal.muted,
            )
            return
        entries = [
            (
                name + SOURCE_MARKS.get(self.host.players[name], ""),
                pal.muted if name in self.host.away else pal.text,
            )
            for name in roster
        ]
        cells = draw_roster(surface, theme, text, box, entries, self.selected)
        self._name_rects = list(zip(roster, cells, strict=True))

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        expect = self.ctx.options.expect or 1
        if len(self.host.roster) >= expect:
            return [key(pygame.K_RETURN)]
        return []
