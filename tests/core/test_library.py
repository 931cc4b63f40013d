"""The deck library: listing decks, reading broken ones without stopping, merging several."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import paths
from game.core.deck import DeckError, load_deck, parse_deck
from game.core.library import (
    BUNDLED,
    DeckLibrary,
    merge_decks,
    select,
    source_for,
    sources,
    user_decks_dir,
)
from game.core.questions import make_round
from game.core.settings import Settings, settings_from_json
from game.core.synthetic import synthetic_deck_yaml

BROKEN = "title: Broken\ndramas:\n  - id: x\n    title: X\n"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    data, home = tmp_path / "data", tmp_path / "home"
    data.mkdir()
    user_decks_dir(home).mkdir(parents=True)
    (data / "dramas.yaml").write_text(paths.default_deck().read_text("utf-8"), "utf-8")
    (data / "kdrama-couples-part-a.yaml").write_text(BROKEN, "utf-8")
    (user_decks_dir(home) / "mine.yaml").write_text(synthetic_deck_yaml(4, seed=1), "utf-8")
    (user_decks_dir(home) / "broken.yaml").write_text(BROKEN, "utf-8")
    (user_decks_dir(home) / "notes.txt").write_text("not a deck", "utf-8")
    return data, home


def test_bundled_decks_then_the_players_decks_are_listed_without_part_files(folders):
    data, home = folders
    found = sources(data, home)
    assert [(s.path.name, s.bundled) for s in found] == [
        ("dramas.yaml", True),
        ("broken.yaml", False),
        ("mine.yaml", False),
    ]
    assert found[0].key == BUNDLED + "dramas.yaml"
    assert source_for(found[2].key, data) == found[2]
    assert source_for(found[0].key, data).path == data / "dramas.yaml"


def test_a_broken_deck_is_listed_with_checks_message_and_counts_for_good_ones(folders):
    data, home = folders
    infos = DeckLibrary().infos(sources(data, home))
    bundled, broken, mine = infos
    assert broken.deck is None and broken.title == "broken.yaml"
    assert broken.problem == "broken.yaml:3: dramas[0]: missing required key 'couples'"
    with pytest.raises(DeckError) as caught:
        load_deck(broken.source.path)
    assert list(broken.problems) == caught.value.problems
    assert (
        mine.counts
        == "2 dramas · 4 couples · " + str(sum(1 for _ in mine.deck.people())) + " characters"
    )
    assert bundled.deck.title == load_deck(paths.default_deck()).title


def test_a_changed_file_is_read_again_and_an_unchanged_one_is_not(folders):
    data, home = folders
    library = DeckLibrary()
    mine = sources(data, home)[2]
    first = library.info(mine)
    assert library.info(mine).deck is first.deck  # the same object: not parsed again
    mine.path.write_text(BROKEN + "\n", "utf-8")
    assert library.info(mine).deck is None


TWO = """title: Two
dramas:
  - id: crash-landing-on-you
    title: Crash Landing on You
    couples:
      - id: se-ri-and-jeong-hyeok
        obstacle: A border
        partners:
          - {character: Yoon Se-ri, actor: Son Ye-jin, description: an heiress}
          - {character: Ri Jeong-hyeok, actor: Hyun Bin, description: a captain}
  - id: its-okay-to-not-be-okay
    title: A Different Drama With A Clashing Id
    couples:
      - id: mun-yeong-and-gang-tae
        obstacle: Something else
        partners:
          - {character: Ann, actor: Actor Ann, description: one}
          - {character: Ben, actor: Actor Ben, description: two}
"""


def test_merging_plays_a_shared_drama_once_and_renames_clashing_ids():
    seed = load_deck(paths.default_deck())
    other = parse_deck(TWO, "two.yaml")
    merged = merge_decks([seed, other])
    titles = [d.title for d in merged.dramas]
    assert titles.count("Crash Landing on You") == 1  # the fuller (seed) version is kept
    cloy = next(d for d in merged.dramas if d.title == "Crash Landing on You")
    assert cloy == next(d for d in seed.dramas if d.title == "Crash Landing on You")
    clash = next(d for d in merged.dramas if d.title == "A Different Drama With A Clashing Id")
    assert clash.id == "two-its-okay-to-not-be-okay"
    assert clash.couples[0].id == "two-mun-yeong-and-gang-tae"
    assert len({d.id for d in merged.dramas}) == len(merged.dramas)
    assert merged.title == f"{seed.title} + Two"
    assert len(make_round(merged, 10, seed=3)) == 10
    assert merge_decks([seed]) is seed


def test_select_leaves_out_broken_or_missing_decks_and_falls_back_to_the_default(folders):
    data, home = folders
    library = DeckLibrary()
    mine = sources(data, home)[2].key
    chosen = select(
        [mine, str(user_decks_dir(home) / "broken.yaml"), "/no/such.yaml"],
        data,
        library,
        BUNDLED + "dramas.yaml",
    )
    assert chosen.keys == (mine,)
    assert chosen.warnings == (
        "deck broken.yaml left out: broken.yaml:3: dramas[0]: missing required key 'couples'",
        "deck such.yaml left out: such.yaml: no such deck file (/no/such.yaml)",
    )
    fallback = select(["/no/such.yaml"], data, library, BUNDLED + "dramas.yaml")
    assert fallback.keys == (BUNDLED + "dramas.yaml",)
    with pytest.raises(DeckError):
        select([], data, library, BUNDLED + "gone.yaml")


def test_the_chosen_decks_are_remembered_in_the_settings():
    settings = Settings().with_value("decks", ("bundled:dramas.yaml", "/home/me/mine.yaml"))
    loaded, warnings = settings_from_json(settings.to_json())
    assert warnings == [] and loaded == settings
    bad, warnings = settings_from_json({"decks": "mine.yaml"})
    assert bad.decks == () and warnings == [
        "settings.json: decks='mine.yaml' is not valid; using the default ()"
    ]
