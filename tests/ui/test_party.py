"""Party mode on the big screen: gamepads and keyboard zones play a simultaneous round
through `App.step`, and the party screens fit the window."""

from __future__ import annotations

import pygame
import pytest

from game import paths
from game.core.store import Store
from game.ui.app import App, LaunchOptions
from game.ui.events import key
from game.ui.scenes.party_base import ZONES
from game.ui.scenes.title import TitleScene
from tests.ui.helpers import assert_text_inside, bundled_deck, drawn_texts


@pytest.fixture
def party_app(user_home):
    """The title, then Party chosen from it; the server listens on 127.0.0.1 only."""
    apps = []

    def make(size=(1280, 720), questions: int = 2) -> App:
        options = LaunchOptions(
            deck_path=paths.default_deck(),
            mode="party",
            port=0,
            bind="127.0.0.1",
            rounds=1,
            questions=questions,
            seed=4,
            size=size,
        )
        app = App(options, bundled_deck(), user_home)
        app.start(TitleScene(app.ctx))
        app.step([], 0.0)
        app.step([key(pygame.K_9)], 0.1)  # "Party" on the title screen
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.ctx.scenes.release()


def pad_added(index: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.JOYDEVICEADDED, device_index=index)


def pad_removed(instance: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=instance)


def pad_button(instance: int, button: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.JOYBUTTONDOWN, instance_id=instance, button=button)


def test_gamepads_and_keyboard_zones_answer_the_same_question_at_once(party_app, user_home) -> None:
    app = party_app()
    assert app.scene.name == "party-lobby"
    app.step([pad_added(0), pad_added(1), key(pygame.K_q), key(pygame.K_z)], 0.1)
    host = app.scene.host
    assert host.roster == ["Pad 1", "Pad 2", "Keys Q–R", "Keys Z–V"]
    app.step([key(pygame.K_RETURN)], 0.1)
    assert app.scene.name == "party-question"
    question = app.scene.question
    right = question.answer
    wrong = (right + 1) % len(question.options)
    # All four in one frame, 1.5 s into the question; a second press changes nothing.
    app.step([], 1.5)
    app.step(
        [
            pad_button(0, right),
            pad_button(1, wrong),
            key(ZONES[1][right]),
            key(ZONES[3][wrong]),
            key(ZONES[1][wrong]),
        ],
        0.0,
    )
    app.step([], 0.0)
    assert app.scene.name == "party-reveal"
    reveal = host.reveal
    assert {name: turn.chosen for name, turn in reveal.turns.items()} == {
        "Pad 1": right,
        "Pad 2": wrong,
        "Keys Q–R": right,
        "Keys Z–V": wrong,
    }
    assert reveal.counts[right] == 2 and reveal.counts[wrong] == 2
    assert [r.name for r in reveal.top][:2] == ["Pad 1", "Keys Q–R"]
    texts = drawn_texts(app)
    assert "2" in texts and any(t.startswith("1. Pad 1") for t in texts)
    # A pad unplugged and plugged back in keeps its seat; time runs out for the rest.
    app.step([pad_removed(0), pad_added(0)], 0.1)
    app.step([key(pygame.K_RETURN)], 0.1)
    assert app.scene.name == "party-question"
    second = app.scene.question
    app.step([pad_button(0, second.answer)], 0.5)
    app.step([], host.time_limit)
    app.step([], 0.0)
    assert app.scene.name == "party-reveal"
    assert host.reveal.turns["Pad 2"].chosen is None
    app.step([key(pygame.K_RETURN)], 0.1)
    assert app.scene.name == "party-podium"
    [match] = Store(user_home).matches()
    assert match.mode == "party" and match.complete
    picks = [{name: pick.option for name, pick in q.picks.items()} for q in match.questions]
    assert picks[0] == {"Pad 1": right, "Pad 2": wrong, "Keys Q–R": right, "Keys Z–V": wrong}
    assert picks[1] == {"Pad 1": second.answer, "Pad 2": None, "Keys Q–R": None, "Keys Z–V": None}
    app.step([key(pygame.K_RETURN)], 0.1)
    assert app.scene.name == "title"


def test_host_controls_skip_pause_remove_and_end(party_app, user_home) -> None:
    app = party_app(questions=3)
    app.step([key(pygame.K_1), key(pygame.K_a), key(pygame.K_z)], 0.1)
    host = app.scene.host
    app.step([key(pygame.K_DOWN), key(pygame.K_DELETE)], 0.1)  # remove "Keys A–F"
    assert host.roster == ["Keys 1–4", "Keys Z–V"]
    app.step([key(pygame.K_RETURN)], 0.1)
    scene = app.scene
    app.step([key(pygame.K_p)], 0.1)
    app.step([], 30.0)  # paused: the countdown stands still
    assert app.scene is scene and scene.remaining == host.time_limit
    app.step([key(pygame.K_p)], 0.1)
    app.step([key(pygame.K_k)], 0.1)  # skip: nobody answered
    app.step([], 0.0)
    assert app.scene.name == "party-reveal" and sum(host.reveal.counts) == 0
    app.step([key(pygame.K_s)], 0.1)  # a late keyboard player joins at the next question
    app.step([key(pygame.K_RETURN)], 0.1)
    assert "Keys A–F" in host.match.answering
    assert "Keys A–F" in [r.name for r in host.standings()]
    app.step([key(pygame.K_2)], 0.1)  # "Keys 1–4" picks the second option
    app.step([key(pygame.K_ESCAPE)], 0.1)
    assert app.scene.name == "party-question"  # one Esc only warns
    app.step([key(pygame.K_ESCAPE)], 0.1)
    assert app.scene.name == "party-podium"
    [match] = Store(user_home).matches()
    assert [p.name for p in match.players] == ["Keys 1–4", "Keys Z–V", "Keys A–F"]
    assert match.rounds == 1
    asked = [q for q in match.questions if q.picks]  # the third was dealt, never shown
    assert [{name: pick.option for name, pick in q.picks.items()} for q in asked] == [
        {"Keys 1–4": None, "Keys Z–V": None},
        {"Keys 1–4": 1},
    ]  # the game ended mid-question


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
def test_party_screens_keep_their_text_inside_at_any_size(party_app, size) -> None:
    app = party_app(size=size)
    app.step([key(pygame.K_1), key(pygame.K_q), pad_added(0)], 0.1)
    assert_text_inside(app)
    assert any(t.startswith("http://127.0.0.1:") for t in drawn_texts(app))
    app.step([key(pygame.K_RETURN)], 0.1)
    assert_text_inside(app)
    app.step([key(pygame.K_k)], 0.1)
    app.step([], 0.0)
    assert app.scene.name == "party-reveal"
    assert_text_inside(app)
    app.step([key(pygame.K_ESCAPE)], 0.1)
    assert app.scene.name == "party-podium"
    assert_text_inside(app)


def test_a_phone_name_the_big_screen_cannot_draw_never_takes_a_seat(party_app) -> None:
    from game.party.protocol import PlayerJoined

    app = party_app()
    app.ctx.inbox.put(PlayerJoined("Ann \U0001f600"))
    app.ctx.inbox.put(PlayerJoined("지은"))
    app.step([], 0.1)
    assert app.scene.host.roster == ["지은"]


def test_the_host_removes_a_player_mid_game_from_the_players_list(party_app, user_home) -> None:
    app = party_app()
    app.step([key(pygame.K_1), key(pygame.K_q), key(pygame.K_a)], 0.1)
    host = app.scene.host
    app.step([key(pygame.K_RETURN)], 0.1)
    question = app.scene.question
    app.step([key(ZONES[0][question.answer]), key(ZONES[1][question.answer])], 1.0)
    app.step([key(pygame.K_F2)], 0.1)
    assert app.scene.name == "party-players"
    assert_text_inside(app)
    app.step([key(pygame.K_DOWN), key(pygame.K_DOWN), key(pygame.K_DELETE)], 0.1)
    app.step([key(pygame.K_ESCAPE)], 0.1)
    assert host.roster == ["Keys 1–4", "Keys Q–R"]
    app.step([], 0.0)  # the question no longer waits for the removed player: it closes,
    app.step([], 0.0)  # and its reveal follows on the next frame
    assert app.scene.name == "party-reveal"
    assert [r.name for r in host.reveal.top] == ["Keys 1–4", "Keys Q–R"]


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
def test_fifty_longest_names_each_keep_to_their_own_cell(party_app, size) -> None:
    from game.party.protocol import NAME_MAX, PlayerJoined

    app = party_app(size=size)
    for n in range(50):
        app.ctx.inbox.put(PlayerJoined(f"{n:02d}" + "W" * (NAME_MAX - 2)))
    app.step([], 0.1)
    assert len(app.scene.host.roster) == 50
    assert_text_inside(app)
    app.step([key(pygame.K_RETURN)], 0.1)
    app.step([key(pygame.K_F2)], 0.1)
    assert app.scene.name == "party-players"
    assert_text_inside(app)
    app.step([key(pygame.K_ESCAPE)], 0.1)
    app.step([key(pygame.K_k)], 0.1)
    app.step([], 0.1)
    assert app.scene.name == "party-reveal"
    assert_text_inside(app)
    app.step([key(pygame.K_ESCAPE)], 0.1)
    assert app.scene.name == "party-podium"
    assert_text_inside(app)
