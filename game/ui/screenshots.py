"""`kdrama-quiz screenshots`: play a short scripted match headless and save every screen.

The tour goes through the real input path (`App.step` with key presses), so the pictures
show what a player sees, and a screen that cannot be reached by playing is noticed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pygame

from game.core.deck import Deck
from game.ui.app import App, LaunchOptions
from game.ui.events import ANSWER_KEYS, click, drag, editing, key, text
from game.ui.scenes.title import TitleScene

TOUR_PLAYERS = ("Min-ji", "Joon-ho")
ZONE_KEYS_Q = (pygame.K_q, pygame.K_w, pygame.K_e, pygame.K_r)  # the "Keys Q–R" player
TOUR_SEED = 2023


def answer(app: App, right: bool) -> None:
    """Press the key of the right option, or of a wrong one."""
    question = app.scene.question
    wrong = [i for i in range(len(question.options)) if i != question.answer]
    pick = question.answer if right else wrong[0]
    app.step([key(ANSWER_KEYS[pick])], 1.7)


def play_until(app: App, scene_name: str, limit: int = 200) -> None:
    """Answer and continue (right, wrong, right, …) until the named screen is on top."""
    right = True
    for _ in range(limit):
        if app.scene.name == scene_name:
            return
        if app.scene.name == "question":
            answer(app, right)
            right = not right
        else:
            app.step([key(pygame.K_RETURN)], 0.1)
    raise RuntimeError(f"the tour never reached the {scene_name} screen")


def tour(app: App, shoot: Callable[[str], None]) -> None:
    app.start(TitleScene(app.ctx))
    app.step([], 0.0)
    shoot("title")
    app.step([key(pygame.K_1)], 0.1)
    shoot("setup")
    app.step([key(pygame.K_F5)], 0.1)
    app.step([], 4.2)
    shoot("question")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    shoot("pause")
    app.step([key(pygame.K_q)], 0.1)  # to the title: the match is offered as Resume
    shoot("title-resume")
    app.step([key(pygame.K_ESCAPE)], 0.1)  # quitting with a match in progress asks first
    shoot("confirm-quit")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    app.step([key(pygame.K_r)], 0.1)
    answer(app, right=True)
    shoot("feedback-right")
    app.step([key(pygame.K_RETURN)], 0.1)
    answer(app, right=False)
    shoot("feedback-wrong")
    app.step([key(pygame.K_RETURN)], 0.1)
    play_until(app, "summary")
    shoot("summary")
    app.step([key(pygame.K_RETURN)], 0.1)
    shoot("scoreboard")
    play_until(app, "results")
    shoot("results")
    app.step([key(pygame.K_t)], 0.1)
    app.step([key(pygame.K_5)], 0.1)
    shoot("highscores")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    tour_board(app, shoot)
    app.step([key(pygame.K_ESCAPE)], 0.1)
    app.step([key(pygame.K_t)], 0.1)
    tour_settings_and_daily(app, shoot)
    tour_decks(app, shoot)


def tour_settings_and_daily(app: App, shoot: Callable[[str], None]) -> None:
    """Settings (top, then the spoiler-safe drama list), the daily challenge before and after."""
    from game.ui.scenes import navigation

    navigation.to_title(app.ctx)
    app.step([], 0.1)
    app.step([key(pygame.K_7)], 0.1)
    shoot("settings")
    for _ in range(10):
        app.step([key(pygame.K_DOWN)], 0.05)
    shoot("settings-spoilers")
    app.step([text("love")], 0.1)
    shoot("settings-spoilers-filtered")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    app.step([key(pygame.K_ESCAPE)], 0.1)
    app.step([key(pygame.K_4)], 0.1)
    shoot("daily")
    app.step([key(pygame.K_RETURN)], 0.1)
    play_until(app, "results")
    shoot("daily-results")
    app.step([key(pygame.K_RETURN)], 0.1)
    shoot("daily-played")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    tour_practice(app, shoot)
    tour_stats(app, shoot)
    tour_party(app, shoot)


def tour_practice(app: App, shoot: Callable[[str], None]) -> None:
    """Practice: typing with an IME composing, a wrong answer (a name that reads as someone
    else's: 서예진 for 서예지), easy mode, mastery."""
    app.step([key(pygame.K_3)], 0.1)
    app.step([text("서예")], 0.1)
    app.step([editing("진")], 0.1)
    shoot("practice-typing")
    app.step([key(pygame.K_RETURN)], 0.1)
    shoot("practice-answered")
    app.step([key(pygame.K_RETURN)], 0.1)
    app.step([key(pygame.K_F2)], 0.1)
    shoot("practice-easy")
    app.step([key(pygame.K_2)], 0.1)
    shoot("practice-easy-answered")
    app.step([key(pygame.K_F3)], 0.1)
    shoot("practice-mastery")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    app.step([key(pygame.K_ESCAPE)], 0.1)


def tour_stats(app: App, shoot: Callable[[str], None]) -> None:
    """The statistics pages, drawn from the matches the tour has just played."""
    app.step([key(pygame.K_6)], 0.1)
    for number, page in enumerate(("dramas", "kinds", "scores", "actors", "practice"), start=1):
        app.step([key(pygame.K_0 + number)], 0.1)
        shoot(f"stats-{page}")
    app.step([key(pygame.K_ESCAPE)], 0.1)


PARTY_PHONES = ("Min-ji", "지은", "Joon-ho", "<svg onload=alert(1)>", "Seo-yeon")


def tour_party(app: App, shoot: Callable[[str], None]) -> None:
    """Party mode: phones join (their news arrives on the inbox, as the server sends it), a
    keyboard zone and a gamepad join; a question, its reveal, the podium."""
    from game.party.protocol import PhoneAnswer, PlayerJoined

    app.step([key(pygame.K_9)], 0.1)
    inbox = app.ctx.inbox
    for name in PARTY_PHONES:
        inbox.put(PlayerJoined(name))
    app.step([key(pygame.K_q), pygame.event.Event(pygame.JOYDEVICEADDED, device_index=0)], 0.1)
    shoot("party-lobby")
    app.step([key(pygame.K_RETURN)], 0.1)
    host = app.scene.host
    question = app.scene.question
    wrong = [i for i in range(len(question.options)) if i != question.answer]
    app.step([], 3.4)
    for n, name in enumerate(PARTY_PHONES[:3]):
        inbox.put(PhoneAnswer(name, host.number, question.answer, 1.2 + n))
    app.step([key(ZONE_KEYS_Q[wrong[0]])], 0.1)
    shoot("party-question")
    inbox.put(PhoneAnswer(PARTY_PHONES[3], host.number, wrong[-1], 4.0))
    inbox.put(PhoneAnswer(PARTY_PHONES[4], host.number, question.answer, 4.4))
    app.step([pygame.event.Event(pygame.JOYBUTTONDOWN, instance_id=0, button=question.answer)],
             0.1)
    app.step([], 0.1)
    shoot("party-reveal")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    shoot("party-podium")
    app.step([key(pygame.K_RETURN)], 0.1)


def tour_decks(app: App, shoot: Callable[[str], None]) -> None:
    """The deck screen with a deck imported from the template sheet and a broken one beside
    the bundled decks; two decks ticked; the title naming them."""
    from game.core.library import user_decks_dir
    from game.core.sheet import sheet_to_deck, template, write_deck

    folder = user_decks_dir(app.ctx.home)
    folder.mkdir(parents=True, exist_ok=True)
    _deck, text = sheet_to_deck(template(), "my-dramas.csv", "My dramas (from a sheet)")
    write_deck(folder / "my-dramas.yaml", text)
    (folder / "half-written.yaml").write_text(
        "title: Half written\ndramas:\n  - id: goblin\n    title: Goblin\n", encoding="utf-8")
    from game.ui.scenes import navigation

    navigation.to_title(app.ctx)
    app.step([], 0.1)
    app.step([key(pygame.K_8)], 0.1)
    shoot("decks")
    scene = app.scene
    mine = next(i for i, info in enumerate(scene.infos) if info.source.path.name ==
                "my-dramas.yaml")
    for _ in range(mine):
        app.step([key(pygame.K_DOWN)], 0.05)
    app.step([key(pygame.K_SPACE)], 0.1)
    shoot("decks-two-ticked")
    app.step([key(pygame.K_ESCAPE)], 0.1)
    shoot("title-two-decks")


def _solve_board(app: App) -> None:
    """Pair every card still open on the current board, a second and a half per click."""
    scene = app.scene
    for link in scene.board.links:
        if link not in scene.run.current.linked:
            first, second = sorted(link, key=lambda item: scene.board.item(item).column)
            app.step(click(scene.rects[first].center), 1.5)
            app.step(click(scene.rects[second].center), 0.0)


def tour_board(app: App, shoot: Callable[[str], None]) -> None:
    """The matching board: ready card, a wrong pair shaking, a drag, a cleared board."""
    app.step([key(pygame.K_2)], 0.1)
    shoot("board-setup")
    app.step([key(pygame.K_F5)], 0.1)
    shoot("board-ready")
    app.step([key(pygame.K_RETURN)], 0.1)
    scene = app.scene
    first = scene.board.columns[0][0].id
    wrong = next(item.id for item in scene.board.columns[1]
                 if item.id not in scene.board.partners(first))
    app.step(click(scene.rects[first].center), 2.0)
    app.step(click(scene.rects[wrong].center), 0.0)
    shoot("board-wrong")
    app.step([], 1.0)
    moves = drag(scene.rects[first].center, scene.rects[wrong].center)
    app.step(moves[:-1], 0.0)
    shoot("board-drag")
    app.step(moves[-1:], 0.0)
    _solve_board(app)
    shoot("board-cleared")
    app.step([key(pygame.K_RETURN)], 0.1)
    _solve_board(app)
    app.step([], 2.0)
    shoot("board-done")
    app.step([key(pygame.K_RETURN)], 0.1)  # the second player's board, solved without a slip
    app.step([key(pygame.K_RETURN)], 0.1)
    while app.scene.state == "playing":
        _solve_board(app)
        if app.scene.state == "cleared":
            app.step([key(pygame.K_RETURN)], 0.1)
    app.step([key(pygame.K_RETURN)], 0.1)
    shoot("board-summary")


def capture_all(outdir: Path, size: tuple[int, int], deck: Deck, deck_path: Path,
                deck_keys: tuple[str, ...] = ()) -> list[Path]:
    """Render every screen at `size` into outdir; returns the PNG paths in tour order.
    `deck_keys` names the decks merged into `deck` (the deck screen shows them ticked)."""
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kdrama-quiz-shots-") as home:
        options = LaunchOptions(deck_path=deck_path, deck_keys=deck_keys, players=TOUR_PLAYERS,
                                rounds=2, questions=3, seed=TOUR_SEED, size=size, port=0,
                                bind="127.0.0.1")  # the party's server: this machine only
        app = App(options, deck, Path(home))

        def shoot(name: str) -> None:
            app.step([], 0.0)
            path = outdir / f"{len(saved) + 1:02d}-{name}.png"
            pygame.image.save(pygame.display.get_surface(), str(path))
            saved.append(path)

        try:
            tour(app, shoot)
        finally:
            app.ctx.scenes.release()  # a party left open: stop its server
            pygame.quit()
    return saved
