"""What every party screen shares: the host, the players' input, the host's keys.

Phones answer through the inbox; gamepads (hot-plugged) and up to four keyboard zones
answer through pygame events on whichever party screen is showing. When the host moves to
another phase (question, reveal, podium), the screen for it replaces the current one.
"""

from __future__ import annotations

import pygame

from game.party.host import PartyHost
from game.party.protocol import PlayerJoined
from game.ui.scenes.base import Scene
from game.ui.text import TextRenderer
from game.ui.theme import Colour, Theme

# Four keyboard players at once, each with a row of four keys for the four options.
ZONES: tuple[tuple[int, int, int, int], ...] = (
    (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4),
    (pygame.K_q, pygame.K_w, pygame.K_e, pygame.K_r),
    (pygame.K_a, pygame.K_s, pygame.K_d, pygame.K_f),
    (pygame.K_z, pygame.K_x, pygame.K_c, pygame.K_v),
)
ZONE_NAMES = ("Keys 1–4", "Keys Q–R", "Keys A–F", "Keys Z–V")
ZONE_KEYS = {
    code: (zone, option) for zone, codes in enumerate(ZONES) for option, code in enumerate(codes)
}
PAD_BUTTONS = ("A", "B", "X", "Y")  # SDL's face buttons 0-3 on the usual pads
OPTION_SHAPES = ("▲", "◆", "●", "■")
OPTION_COLOURS: tuple[Colour, ...] = ((217, 67, 79), (47, 127, 216), (201, 144, 10), (47, 154, 85))


def one_line(
    text: TextRenderer, label: str, width: int, px: int, min_px: int = 10, bold: bool = False
) -> tuple[str, int]:
    """`label` at the largest size down to `min_px` that fits `width` on one line; when none
    does, cut with an ellipsis at `min_px`. Fifty names must each keep to their own cell."""
    size = px
    while size > min_px and text.width(label, size, bold) > width:
        size = max(min_px, int(size * 0.9))
    if text.width(label, size, bold) <= width:
        return label, size
    while label and text.width(label + "…", size, bold) > width:
        label = label[:-1]
    return label + "…", size


def draw_roster(
    surface: pygame.Surface,
    theme: Theme,
    text: TextRenderer,
    box: pygame.Rect,
    entries: list[tuple[str, Colour]],
    selected: int,
) -> list[pygame.Rect]:
    """One (label, colour) a line down `box`, in more columns when they do not fit, the
    `selected` one on a highlight: the lobby and the host's player list show fifty names
    alike. Returns each entry's cell, in order, for clicks."""
    px = theme.font_px("small")
    row_h = text.line_height(px) + theme.gap // 2
    rows = max(1, box.height // row_h)
    columns = max(1, -(-len(entries) // rows))
    col_w = box.width // columns
    cells = []
    for index, (label, colour) in enumerate(entries):
        column, row = divmod(index, rows)
        cell = pygame.Rect(box.left + column * col_w, box.top + row * row_h, col_w - 4, row_h)
        if index == selected:
            pygame.draw.rect(
                surface, theme.palette.panel_edge, cell, border_radius=theme.radius // 2
            )
        inner = cell.inflate(-theme.gap, 0)
        shown, size = one_line(text, label, inner.width, px)
        text.draw(surface, shown, inner, size, colour, align="left", min_px=size)
        cells.append(cell)
    return cells


def option_keys(option: int) -> str:
    """The keys that pick `option`, for the screen: '1 Q A Z · pad A'."""
    keys = " ".join(pygame.key.name(codes[option]).upper() for codes in ZONES)
    return f"{keys} · pad {PAD_BUTTONS[option]}"


class PartyScene(Scene):
    """A party screen: subclasses draw one phase of the host."""

    phase = "lobby"

    def __init__(self, ctx, host: PartyHost, seats: PartySeats) -> None:
        super().__init__(ctx)
        self.host = host
        self.seats = seats

    def receive(self, message: object) -> bool:
        if isinstance(message, PlayerJoined):
            missing = self.ctx.text.missing_glyphs(message.name)
            if missing:
                self.host.refuse(
                    message.name,
                    f"The big screen cannot show {missing!r}; use letters, digits or Hangul.",
                )
                return True
        taken = self.host.receive(message)
        if taken:
            self.dirty = True
        return taken

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F2 and self.host.match:
            from game.ui.scenes.party_players import PlayersScene

            self.ctx.scenes.push(PlayersScene(self.ctx, self.host))
            return True
        if self.seats.handle(event, self.host, self.elapsed_for_answers()):
            self.dirty = True
            return True
        return False

    def elapsed_for_answers(self) -> float | None:
        """Seconds since the question opened, for gamepad and keyboard answers; None when
        this screen takes no answers."""
        return None

    def update(self, dt: float) -> None:
        self.host.update()
        self.follow_host()

    def follow_host(self) -> None:
        """Replace this screen when the host has moved to another phase."""
        phase = self.host.phase
        if phase == "closing" or phase == self.phase or self.ctx.scenes.has_pending:
            return
        self.ctx.scenes.replace(party_screen(self.ctx, self.host, self.seats))

    def release(self) -> None:
        self.host.stop()

    def leave(self) -> None:
        """Back to the title: the server stops and the phones are left on their last page."""
        from game.ui.scenes import navigation

        self.host.stop()
        self.seats.close()
        navigation.to_title(self.ctx)


class PartySeats:
    """Gamepads and keyboard zones to players. A pad plugged back in takes the seat of a pad
    that was unplugged, so its player keeps their score."""

    def __init__(self) -> None:
        self.pads: dict[int, str] = {}  # joystick instance id -> player
        self.unplugged: list[str] = []
        self.zones: dict[int, str] = {}
        self._joysticks: dict[int, object] = {}
        if not pygame.joystick.get_init():
            pygame.joystick.init()

    def handle(self, event: pygame.event.Event, host: PartyHost, elapsed: float | None) -> bool:
        if event.type == pygame.JOYDEVICEADDED:
            self._plug(event.device_index, host)
            return True
        if event.type == pygame.JOYDEVICEREMOVED:
            name = self.pads.pop(event.instance_id, None)
            self._joysticks.pop(event.instance_id, None)
            if name is not None:
                self.unplugged.append(name)
            return True
        if event.type == pygame.JOYBUTTONDOWN:
            name = self.pads.get(event.instance_id)
            if name is not None and event.button < len(PAD_BUTTONS) and elapsed is not None:
                host.answer(name, event.button, elapsed)
            return name is not None
        if (
            event.type == pygame.KEYDOWN
            and event.key in ZONE_KEYS
            and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT)
        ):
            zone, option = ZONE_KEYS[event.key]
            name = self.zones.get(zone)
            if name is None or name not in host.players:
                name = host.join_local(ZONE_NAMES[zone], "keys")
                if name is not None:
                    self.zones[zone] = name
            elif elapsed is not None:
                host.answer(name, option, elapsed)
            return True
        return False

    def _plug(self, device_index: int, host: PartyHost) -> None:
        try:
            joystick = pygame.joystick.Joystick(device_index)
            instance = joystick.get_instance_id()
            self._joysticks[instance] = joystick  # kept open, or SDL stops sending its events
        except pygame.error:
            # Gone again before we got to it (or announced without a driver behind it): seat
            # it under its index, which SDL also uses as the first pads' instance ids.
            instance = device_index
        if self.unplugged:
            self.pads[instance] = self.unplugged.pop(0)
            return
        name = host.join_local(f"Pad {len(self.pads) + len(self.unplugged) + 1}", "pad")
        if name is not None:
            self.pads[instance] = name

    def close(self) -> None:
        self._joysticks.clear()


def party_screen(ctx, host: PartyHost, seats: PartySeats) -> Scene:
    """The screen for the phase the host is in."""
    if host.phase == "lobby":
        from game.ui.scenes.party_lobby import LobbyScene

        return LobbyScene(ctx, host, seats)
    if host.phase == "question":
        from game.ui.scenes.party_question import PartyQuestionScene

        return PartyQuestionScene(ctx, host, seats)
    if host.phase == "reveal":
        from game.ui.scenes.party_reveal import RevealScene

        return RevealScene(ctx, host, seats)
    from game.ui.scenes.party_podium import PodiumScene

    return PodiumScene(ctx, host, seats)
