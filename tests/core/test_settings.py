"""Settings: saved between launches, mended key by key, stepped the way the screen steps them,
and the spoiler-safe list really keeps a hidden drama's obstacles and stories out of play."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from game import paths
from game.core.deck import load_deck
from game.core.session import Match
from game.core.settings import CHOICES, Settings, settings_from_json
from game.core.store import load_settings, save_settings

DECK = load_deck(paths.default_deck())
DRAMA_IDS = [drama.id for drama in DECK.dramas]


def test_every_setting_survives_a_save_and_a_new_launch(tmp_path: Path) -> None:
    chosen = Settings(
        timer_seconds=0,
        difficulty="hard",
        rounds=5,
        questions_per_round=15,
        sound=False,
        volume=0.3,
        fullscreen=True,
        text_size="large",
        show_hangul=False,
        palette="colour-blind-safe",
        hidden_dramas=("crash-landing-on-you", "itaewon-class"),
    )
    assert save_settings(tmp_path, chosen) == []
    stored = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert stored["hidden_dramas"] == ["crash-landing-on-you", "itaewon-class"]
    assert load_settings(tmp_path) == (chosen, [])


def test_a_bad_value_costs_only_its_own_key(tmp_path: Path) -> None:
    raw = {
        "difficulty": "impossible",
        "rounds": 4,
        "volume": 0.2,
        "palette": "sepia",
        "text_size": "large",
    }
    (tmp_path / "settings.json").write_text(json.dumps(raw), encoding="utf-8")
    loaded, warnings = load_settings(tmp_path)
    assert loaded == Settings(rounds=4, volume=0.2, text_size="large")
    assert len(warnings) == 2
    assert any("difficulty" in w and "'normal'" in w for w in warnings)
    assert any("palette" in w and "'standard'" in w for w in warnings)


def test_a_hand_edited_wrong_type_falls_back_with_a_warning() -> None:
    loaded, warnings = settings_from_json(
        {"sound": "yes", "hidden_dramas": "itaewon-class", "timer_seconds": 15}
    )
    assert loaded == Settings(timer_seconds=15)
    assert [w.split("=")[0] for w in warnings] == [
        "settings.json: sound",
        "settings.json: hidden_dramas",
    ]


def test_numbers_stop_at_their_ends_and_names_go_round() -> None:
    loud = Settings(volume=1.0)
    assert loud.stepped("volume", 1).volume == 1.0
    assert Settings(rounds=1).stepped("rounds", -1).rounds == 1
    assert Settings(timer_seconds=30).stepped("timer_seconds", 1).timer_seconds == 30
    assert Settings(timer_seconds=30).stepped("timer_seconds", 1, wrap=True).timer_seconds == 0
    assert Settings(difficulty="hard").stepped("difficulty", 1).difficulty == "easy"
    assert Settings(palette="standard").stepped("palette", -1).palette == "colour-blind-safe"
    assert Settings(sound=True).stepped("sound", 1).sound is False
    assert Settings(volume=0.7).stepped("volume", -1).volume == 0.6


def test_a_valid_value_that_is_not_listed_steps_to_its_neighbours() -> None:
    odd = Settings(questions_per_round=7, volume=0.65)
    assert odd.stepped("questions_per_round", 1).questions_per_round == 8
    assert odd.stepped("questions_per_round", -1).questions_per_round == 5
    assert odd.stepped("volume", 1).volume == 0.7
    assert odd.stepped("volume", -1).volume == 0.6


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(CHOICES)), st.sampled_from([-1, 1]), st.booleans()),
        max_size=25,
    )
)
def test_any_steps_give_settings_that_load_back_without_warnings(steps) -> None:
    current = Settings()
    for key, step, wrap in steps:
        current = current.stepped(key, step, wrap=wrap)
    assert settings_from_json(json.loads(json.dumps(current.to_json()))) == (current, [])


def test_ticking_a_drama_adds_it_once_and_unticking_keeps_the_others() -> None:
    start = Settings(hidden_dramas=("other-deck-drama",))
    ticked = start.with_hidden("itaewon-class", True).with_hidden("itaewon-class", True)
    assert ticked.hidden_dramas == ("itaewon-class", "other-deck-drama")
    assert ticked.with_hidden("itaewon-class", False).hidden_dramas == ("other-deck-drama",)


def _texts(match: Match) -> list[str]:
    """Everything a whole match shows of its questions: prompts, options, explanations."""
    shown: list[str] = []
    while not match.match_over:
        match.start_round()
        while match.current_question is not None:
            question = match.current_question
            shown += [question.prompt, *question.options, question.explanation]
            match.answer(question.answer, 1.0)
        match.finish_round()
    return shown


def _spoilers(hidden: frozenset[str]) -> list[str]:
    """The obstacles and the first words of the stories of the hidden dramas."""
    spoilers = []
    for drama, couple in DECK.couples():
        if drama.id in hidden:
            spoilers.append(couple.obstacle)
            if couple.story:
                spoilers.append(couple.story.strip()[:40])
    return spoilers


def _play(hidden: frozenset[str], seed: int, difficulty: str) -> list[str]:
    match = Match(
        DECK,
        ["Mina"],
        rounds=3,
        questions_per_round=12,
        seed=seed,
        difficulty=difficulty,
        hidden_dramas=hidden,
    )
    return _texts(match)


@settings(max_examples=25, deadline=None)
@given(
    st.sets(st.sampled_from(DRAMA_IDS), min_size=1, max_size=len(DRAMA_IDS) - 1),
    st.integers(0, 2**32 - 1),
    st.sampled_from(["easy", "normal", "hard"]),
)
def test_spoiler_safe_matches_never_show_a_hidden_dramas_obstacle_or_story(
    hidden, seed, difficulty
) -> None:
    spoilers = _spoilers(frozenset(hidden))
    for text in _play(frozenset(hidden), seed, difficulty):
        assert not [s for s in spoilers if s in text], text


def test_the_same_matches_do_show_them_when_nothing_is_hidden() -> None:
    """The check above can fail: without the setting these spoilers do come up."""
    every = frozenset(DRAMA_IDS)
    shown = "\n".join(t for seed in range(16) for t in _play(frozenset(), seed, "normal"))
    assert [spoiler for spoiler in _spoilers(every) if spoiler not in shown] == []
