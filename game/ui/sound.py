"""Sound effects, synthesised at start-up, with a silent stand-in when there is nothing to hear.

The effects are a few hundred milliseconds of tones, so they are computed here instead of being
shipped as files: nothing to license, nothing to load, and the samples are made directly in the
format the mixer actually opened (SDL may change the rate or channel count). Scenes only ever
call `play(name)`; whether a device exists is decided once, in `create_sound`.
"""

from __future__ import annotations

import math
import os
import sys
from array import array
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, islice, repeat
from operator import add, mod, mul

import pygame

# Requested mixer settings. 22.05 kHz carries these beeps (partials below 4 kHz) with room to
# spare and halves the start-up synthesis; 512 frames is ~23 ms of latency without crackle.
MIXER_FREQUENCY = 22_050
MIXER_SIZE = -16
MIXER_CHANNELS = 2
MIXER_BUFFER = 512

# SDL opens these only when asked for by name, and nobody hears them ("disk" even writes a file).
SILENT_DRIVERS = frozenset({"dummy", "disk"})

FADE_IN = 0.003  # seconds; a tone that starts or stops on a non-zero sample clicks
FADE_OUT = 0.012
_TABLE_SIZE = 2048  # samples in one period of a wavetable; finer than any beep here needs


@dataclass(frozen=True)
class Tone:
    """One note: when it starts, how long it lasts, its pitch, and its timbre.

    `harmonics` are the amplitudes of partials 1, 2, 3...; `decay` is an exponential fall per
    second (0 holds the level); `glide_to` bends the pitch linearly across the note.
    """

    start: float
    length: float
    pitch: float
    glide_to: float | None = None
    harmonics: tuple[float, ...] = (1.0,)
    decay: float = 0.0
    level: float = 1.0


@dataclass(frozen=True)
class Effect:
    """Tones mixed together and scaled so the loudest sample is `peak` (full scale is 1.0)."""

    tones: tuple[Tone, ...]
    peak: float

    @property
    def duration(self) -> float:
        return max(tone.start + tone.length for tone in self.tones)


_BRIGHT = (1.0, 0.35, 0.15)
_SQUARE = (1.0, 0.0, 1 / 3, 0.0, 1 / 5, 0.0, 1 / 7)  # band-limited: a buzz without aliasing

EFFECTS: Mapping[str, Effect] = {
    "right": Effect(
        (
            Tone(0.0, 0.10, 783.99, harmonics=_BRIGHT, decay=6.0),  # G5
            Tone(0.09, 0.26, 1046.50, harmonics=_BRIGHT, decay=7.0),  # up to C6
        ),
        peak=0.8,
    ),
    "wrong": Effect(
        (
            Tone(0.0, 0.14, 233.08, harmonics=_SQUARE, decay=3.0, level=0.8),
            Tone(0.15, 0.30, 196.00, glide_to=110.0, harmonics=_SQUARE, decay=4.0),
        ),
        peak=0.6,
    ),
    "tick": Effect((Tone(0.0, 0.03, 1760.0, harmonics=(1.0, 0.2), decay=90.0),), peak=0.45),
    "round_end": Effect(
        (
            Tone(0.00, 0.16, 523.25, harmonics=_BRIGHT, decay=5.0),  # C5
            Tone(0.09, 0.16, 659.25, harmonics=_BRIGHT, decay=5.0),  # E5
            Tone(0.18, 0.16, 783.99, harmonics=_BRIGHT, decay=5.0),  # G5
            Tone(0.27, 0.45, 1046.50, harmonics=_BRIGHT, decay=4.0),  # C6, held
        ),
        peak=0.75,
    ),
    "select": Effect((Tone(0.0, 0.06, 880.0, glide_to=990.0, decay=25.0),), peak=0.35),
}


def synthesise(effect: Effect, rate: int) -> list[float]:
    """Mono samples in [-peak, peak] at `rate` frames per second, silent at both ends.

    Built from whole-list operations (itertools and operator in C) rather than a Python loop
    per sample: it runs at start-up, and that is 3-4 times faster.
    """
    frames = max(round(tone.start * rate) + round(tone.length * rate) for tone in effect.tones)
    out = [0.0] * frames
    for tone in effect.tones:
        begin = round(tone.start * rate)
        samples = _tone(tone, rate)
        out[begin : begin + len(samples)] = map(add, out[begin : begin + len(samples)], samples)
    loudest = max(map(abs, out))
    return list(map(mul, out, repeat(effect.peak / loudest if loudest else 0.0)))


def _tone(tone: Tone, rate: int) -> list[float]:
    count = round(tone.length * rate)
    wave = _wavetable(tone.harmonics)
    end_pitch = tone.pitch if tone.glide_to is None else tone.glide_to
    step = _TABLE_SIZE / rate  # table positions advanced per frame for each hertz of pitch
    bend = (end_pitch - tone.pitch) * step / count
    increments = accumulate(repeat(bend, count - 1), initial=tone.pitch * step)
    positions = islice(accumulate(increments, initial=0.0), count)
    samples = map(wave.__getitem__, map(mod, map(int, positions), repeat(_TABLE_SIZE)))
    gains = list(
        accumulate(repeat(math.exp(-tone.decay / rate), count - 1), mul, initial=tone.level)
    )
    attack = max(1, min(round(FADE_IN * rate), count // 2))
    release = max(1, min(round(FADE_OUT * rate), count // 2))
    for i in range(attack):
        gains[i] *= i / attack
    for i in range(release):
        gains[count - 1 - i] *= i / release
    return list(map(mul, samples, gains))


@cache
def _wavetable(harmonics: tuple[float, ...]) -> list[float]:
    """One period of the waveform with these partial amplitudes, `_TABLE_SIZE` samples long."""
    sine = [math.sin(2 * math.pi * j / _TABLE_SIZE) for j in range(_TABLE_SIZE)]
    table = [0.0] * _TABLE_SIZE
    for k, amp in enumerate(harmonics, start=1):
        if amp:
            partial = [amp * sine[k * j % _TABLE_SIZE] for j in range(_TABLE_SIZE)]
            table = list(map(add, table, partial))
    return table


# pygame.mixer.get_init() reports the sample format as bits, negative when SDL's format has any
# flag set (signed or float). pygame can only open U8, S8, U16, S16 and F32, so -32 is float.
_FORMATS: Mapping[int, tuple[str, float, float]] = {  # size -> (array code, scale, offset)
    8: ("B", 127.0, 128.0),
    -8: ("b", 127.0, 0.0),
    16: ("H", 32767.0, 32768.0),
    -16: ("h", 32767.0, 0.0),
    -32: ("f", 1.0, 0.0),
}


def encode(samples: list[float], size: int, channels: int) -> bytes:
    """Mono samples as raw, native-endian, interleaved frames in the mixer's sample format."""
    code, scale, offset = _FORMATS[size]
    if code == "f":
        values = array(code, samples)
    else:
        levels = map(add, map(mul, samples, repeat(scale)), repeat(offset))
        values = array(code, map(round, levels))
    if channels == 1:
        return values.tobytes()
    frames = array(code, bytes(len(values) * values.itemsize * channels))
    for channel in range(channels):
        frames[channel::channels] = values
    return frames.tobytes()


class Sound:
    """The effects scenes play by name, remembering mute and volume.

    Without clips it is the silent stand-in: same interface, still rejecting unknown names so a
    typo fails in the (headless, therefore silent) tests rather than going unheard.
    """

    def __init__(
        self,
        clips: Mapping[str, pygame.mixer.Sound] | None = None,
        volume: float = 0.7,
        muted: bool = False,
    ) -> None:
        self._clips = dict(clips or {})
        self._muted = muted
        self._volume = 0.0
        self.set_volume(volume)

    @classmethod
    def for_mixer(cls, volume: float = 0.7, muted: bool = False) -> Sound:
        """Every effect synthesised for the mixer as it is currently initialised."""
        frequency, size, channels = pygame.mixer.get_init()
        clips = {
            name: pygame.mixer.Sound(buffer=encode(synthesise(effect, frequency), size, channels))
            for name, effect in EFFECTS.items()
        }
        return cls(clips, volume, muted)

    @property
    def has_audio(self) -> bool:
        """False for the silent stand-in (so a settings screen can say why nothing plays)."""
        return bool(self._clips)

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def volume(self) -> float:
        return self._volume

    def play(self, name: str) -> None:
        """Play an effect from EFFECTS; an unknown name is a programming error (KeyError)."""
        if name not in EFFECTS:
            raise KeyError(name)
        if self._clips and not self._muted:
            self._clips[name].play()

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if muted:
            for clip in self._clips.values():
                clip.stop()

    def toggle_mute(self) -> bool:
        """Flip mute; returns the new state so the caller can show it."""
        self.set_muted(not self._muted)
        return self._muted

    def set_volume(self, volume: float) -> None:
        """Set the effects' volume, clamped to 0.0–1.0."""
        self._volume = min(1.0, max(0.0, volume))
        for clip in self._clips.values():
            clip.set_volume(self._volume)


def create_sound(enabled: bool = True, volume: float = 0.7) -> Sound:
    """The game's sound: real effects when enabled and a device opens, else the silent stand-in.

    Only the mixer is initialised, never all of pygame: probing for audio is the slow part of
    `pygame.init()`, and with no device there is nothing to gain from it.
    """
    if not enabled or _silent_driver_requested():
        return Sound(volume=volume)
    try:
        if pygame.mixer.get_init() is None:
            with _stderr_silenced():
                pygame.mixer.init(MIXER_FREQUENCY, MIXER_SIZE, MIXER_CHANNELS, MIXER_BUFFER)
        return Sound.for_mixer(volume)
    except (pygame.error, NotImplementedError):  # no device; or a pygame built without a mixer
        return Sound(volume=volume)


def _silent_driver_requested() -> bool:
    """True when SDL_AUDIODRIVER names only drivers nobody can hear.

    pygame cannot report which driver SDL picked, but SDL uses "dummy" and "disk" only when
    they are named in SDL_AUDIODRIVER (a comma-separated list), so the variable tells.
    """
    names = [name.strip().lower() for name in os.environ.get("SDL_AUDIODRIVER", "").split(",")]
    names = [name for name in names if name]
    return bool(names) and all(name in SILENT_DRIVERS for name in names)


@contextmanager
def _stderr_silenced() -> Iterator[None]:
    """Send file descriptor 2 to the null device for the duration, then restore it.

    On Linux without a sound card, alsa-lib prints "ALSA lib ..." lines to stderr from C while
    SDL probes it; the failure is already handled, so the lines are only noise on the console.
    """
    if not sys.platform.startswith("linux"):
        yield
        return
    if sys.stderr is not None:
        sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all, so nothing to keep quiet
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 2)
        finally:
            os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
