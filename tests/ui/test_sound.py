"""Sound effects: a usable object in every environment, real clips in the mixer's own format."""

from __future__ import annotations

import os
import sys
from array import array
from collections.abc import Iterator

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
import pygame  # after the SDL drivers are chosen

from game.ui import sound as sound_module
from game.ui.sound import EFFECTS, Sound, create_sound, encode, synthesise

NAMES = tuple(EFFECTS)


@pytest.fixture
def no_mixer() -> Iterator[None]:
    pygame.mixer.quit()
    yield
    pygame.mixer.quit()


def open_dummy_mixer(monkeypatch: pytest.MonkeyPatch, frequency: int, size: int, channels: int):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    pygame.mixer.init(frequency, size, channels, 512)
    return pygame.mixer.get_init()


@pytest.fixture(params=["silent", "mixer"])
def sound(request: pytest.FixtureRequest, no_mixer: None,
          monkeypatch: pytest.MonkeyPatch) -> Sound:
    """Both kinds of Sound the game can get: the silent stand-in, and real clips on a mixer."""
    if request.param == "silent":
        return Sound()
    open_dummy_mixer(monkeypatch, 22_050, -16, 2)
    return Sound.for_mixer()


def busy_channels() -> list[pygame.mixer.Channel]:
    channels = (pygame.mixer.Channel(i) for i in range(pygame.mixer.get_num_channels()))
    return [channel for channel in channels if channel.get_busy()]


@pytest.mark.parametrize("driver", ["dummy", "disk", "dummy,disk"])
def test_a_driver_nobody_hears_gives_the_silent_stand_in_without_opening_the_mixer(
    no_mixer: None, monkeypatch: pytest.MonkeyPatch, driver: str
) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", driver)
    sound = create_sound()
    assert not sound.has_audio
    assert pygame.mixer.get_init() is None
    for name in NAMES:
        sound.play(name)


def test_disabled_sound_is_silent_and_never_opens_the_mixer(
    no_mixer: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", "pulseaudio")
    sound = create_sound(enabled=False, volume=0.4)
    assert not sound.has_audio
    assert sound.volume == pytest.approx(0.4)
    assert pygame.mixer.get_init() is None


def test_an_audio_device_that_fails_to_open_gives_silence_and_no_console_noise(
    no_mixer: None, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", "no-such-driver")
    sound = create_sound(volume=0.3)
    assert not sound.has_audio
    assert sound.volume == pytest.approx(0.3)
    sound.play("right")
    assert capfd.readouterr() == ("", "")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ALSA noise is Linux-only")
def test_stderr_is_silenced_at_the_file_descriptor_and_restored(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with sound_module._stderr_silenced():
        os.write(2, b"ALSA lib pcm.c: Unknown PCM default\n")
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "after\n"


def test_mute_toggles_and_volume_is_clamped(sound: Sound) -> None:
    assert not sound.muted
    assert sound.toggle_mute() is True and sound.muted
    assert sound.toggle_mute() is False and not sound.muted
    sound.set_muted(True)
    assert sound.muted
    sound.set_volume(1.7)
    assert sound.volume == 1.0
    sound.set_volume(-0.5)
    assert sound.volume == 0.0
    sound.set_volume(0.25)
    assert sound.volume == 0.25


def test_an_unknown_effect_name_is_a_key_error(sound: Sound) -> None:
    with pytest.raises(KeyError):
        sound.play("applause")


def test_every_effect_plays_at_the_set_volume_and_muting_stops_and_blocks_it(
    no_mixer: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_dummy_mixer(monkeypatch, 22_050, -16, 2)
    sound = Sound.for_mixer(volume=0.5)
    assert sound.has_audio
    for name in NAMES:
        sound.play(name)
    playing = busy_channels()
    assert playing
    assert all(ch.get_sound().get_volume() == pytest.approx(0.5, abs=0.01) for ch in playing)
    sound.set_muted(True)
    assert busy_channels() == []
    sound.play("round_end")
    assert busy_channels() == []
    sound.set_muted(False)
    sound.play("round_end")
    assert len(busy_channels()) == 1


# pygame.mixer.get_init() size -> (array code, value of silence)
DECODE = {-16: ("h", 0), 16: ("H", 32768), -8: ("b", 0), 8: ("B", 128), -32: ("f", 0)}


@pytest.mark.parametrize(
    ("frequency", "size", "channels"),
    [
        (22_050, -16, 2),
        (44_100, -16, 1),
        (22_050, 16, 2),
        (22_050, 8, 1),
        (16_000, -8, 2),
        (48_000, 32, 2),
    ],
)
def test_clips_match_the_mixer_format_are_audible_and_fade_at_both_ends(
    no_mixer: None, monkeypatch: pytest.MonkeyPatch, frequency: int, size: int, channels: int
) -> None:
    rate, size, channels = open_dummy_mixer(monkeypatch, frequency, size, channels)
    code, silence = DECODE[size]
    sound = Sound.for_mixer()
    for name, effect in EFFECTS.items():
        clip = sound._clips[name]
        assert clip.get_length() == pytest.approx(effect.duration, abs=2 / rate)
        values = array(code, clip.get_raw())
        assert len(values) == channels * round(clip.get_length() * rate)
        left = [value - silence for value in values[::channels]]
        peak = max(map(abs, left))
        assert peak > 0
        assert max(map(abs, left[:2] + left[-2:])) <= 0.02 * peak


@pytest.mark.parametrize("name", NAMES)
def test_synthesised_effects_are_short_loud_enough_and_start_and_end_silent(name: str) -> None:
    effect = EFFECTS[name]
    samples = synthesise(effect, 22_050)
    assert len(samples) == pytest.approx(effect.duration * 22_050, abs=1)
    assert max(map(abs, samples)) == pytest.approx(effect.peak)
    assert samples[0] == 0.0 and samples[-1] == 0.0
    first_ms, last_ms = samples[:22], samples[-22:]
    assert max(map(abs, first_ms + last_ms)) < 0.5 * effect.peak
    assert effect.duration < (0.05 if name == "tick" else 1.0)  # a tick per second must not overlap


def test_encode_interleaves_channels_at_the_formats_sample_width() -> None:
    samples = [0.0, 0.5, -0.5, 1.0]
    stereo = array("h", encode(samples, -16, 2))
    assert list(stereo) == [0, 0, 16384, 16384, -16384, -16384, 32767, 32767]
    assert list(array("B", encode(samples, 8, 1))) == [128, 192, 64, 255]
    assert list(array("f", encode(samples, -32, 1))) == samples
