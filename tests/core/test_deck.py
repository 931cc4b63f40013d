"""The deck loader: the bundled deck, a corpus of broken decks, and hostile files.

Each file in tests/data/bad/ is paired with NAME.expected, the exact problem lines a user
would see from `kdrama-quiz check` (written by hand and checked line by line against the
file), so a change of wording or of line numbers shows up here.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml

from game import paths
from game.core import deck_reader
from game.core.deck import MAX_DECK_BYTES, Deck, DeckError, load_deck, parse_deck
from game.core.synthetic import synthetic_deck, synthetic_deck_yaml

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
BAD_DECKS = sorted(BAD.glob("*.yaml"))
PROBLEM = re.compile(r"[^:\s]+\.yaml:[1-9]\d*: \S+: \S.*")


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    return caught.value.problems


def minimal(**drama_fields: str) -> str:
    """A valid one-couple deck; `drama_fields` are extra `key: value` lines for the drama."""
    extra = "".join(f"    {key}: {value}\n" for key, value in drama_fields.items())
    return (
        "title: Minimal\n"
        "dramas:\n"
        "  - id: goblin\n"
        "    title: Goblin\n"
        f"{extra}"
        "    couples:\n"
        "      - id: eun-tak-and-kim-shin\n"
        "        obstacle: A sword in his chest\n"
        "        partners:\n"
        "          - {character: Ji Eun-tak, actor: Kim Go-eun, description: a student}\n"
        "          - {character: Kim Shin, actor: Gong Yoo, description: a goblin}\n"
    )


# -- the bundled deck ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Deck:
    return load_deck(paths.default_deck())


def test_bundled_deck_has_the_articles_eight_dramas_and_nine_couples(bundled: Deck) -> None:
    assert len(bundled.dramas) == 8
    assert len(list(bundled.couples())) == 9
    assert len({drama.id for drama in bundled.dramas}) == 8
    assert len({couple.id for _, couple in bundled.couples()}) == 9


def test_one_actor_plays_a_hologram_and_the_engineer_who_built_it(bundled: Deck) -> None:
    roles = {p.character for _, _, p in bundled.people() if p.actor == "Yoon Hyun-min"}
    assert roles == {"Holo", "Go Nan-do"}


def test_kim_soo_hyun_appears_in_two_dramas(bundled: Deck) -> None:
    dramas = {d.id for d, _, p in bundled.people() if p.actor == "Kim Soo-hyun"}
    assert dramas == {"its-okay-to-not-be-okay", "my-love-from-the-star"}


def test_every_drama_and_person_has_hangul_and_every_drama_a_year(bundled: Deck) -> None:
    for drama in bundled.dramas:
        assert drama.hangul and isinstance(drama.year, int), drama.id
    for _, _, person in bundled.people():
        assert person.hangul and person.actor_hangul, person.character
        assert person.gender in ("female", "male"), person.character


def test_the_bundled_deck_keeps_its_text_exactly(bundled: Deck) -> None:
    cloy = next(d for d in bundled.dramas if d.id == "crash-landing-on-you")
    assert cloy.title == "Crash Landing on You"
    assert cloy.aliases == ("CLOY",)
    assert cloy.hangul == "사랑의 불시착"
    assert cloy.year == 2019
    se_ri = cloy.couples[0].partners[0]
    assert (se_ri.character, se_ri.actor) == ("Yoon Se-ri", "Son Ye-jin")
    assert se_ri.actor_hangul == "손예진"
    assert cloy.couples[0].story and "\n" not in cloy.couples[0].story  # folded `>-` text


# -- the corpus of broken decks ------------------------------------------------------------


def test_the_corpus_is_there() -> None:
    assert len(BAD_DECKS) >= 15


@pytest.mark.parametrize("path", BAD_DECKS, ids=lambda path: path.stem)
def test_bad_deck_reports_exactly_the_expected_problems(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert problems_of(path) == expected


@pytest.mark.parametrize("path", BAD_DECKS, ids=lambda path: path.stem)
def test_every_problem_reads_file_line_field_message(path: Path) -> None:
    for problem in problems_of(path):
        assert PROBLEM.fullmatch(problem), problem
        assert problem.startswith(f"{path.name}:")


@pytest.mark.parametrize("path", BAD_DECKS, ids=lambda path: path.stem)
def test_the_pure_python_yaml_fallback_finds_the_same_problems(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without libyaml the loader must still work; only syntax-error wording may differ."""
    with_c = [problem.split(": invalid YAML:")[0] for problem in problems_of(path)]
    monkeypatch.setattr(deck_reader, "_Loader", yaml.SafeLoader)
    without_c = [problem.split(": invalid YAML:")[0] for problem in problems_of(path)]
    assert without_c == with_c


def test_many_problems_are_reported_at_once() -> None:
    problems = problems_of(BAD / "many_problems.yaml")
    assert len(problems) == 8
    lines = [int(problem.split(":")[1]) for problem in problems]
    assert lines == sorted(lines)


def test_actor_spelling_typo_names_both_lines() -> None:
    first, second = problems_of(BAD / "actor_typos.yaml")
    assert first.startswith("actor_typos.yaml:18:") and "(line 10)" in first
    assert second.startswith("actor_typos.yaml:20:") and "(line 10)" in second


# -- hostile files -------------------------------------------------------------------------


def test_billion_laughs_fails_fast_on_its_anchors() -> None:
    started = time.perf_counter()
    problems = problems_of(BAD / "billion_laughs.yaml")
    assert time.perf_counter() - started < 0.5
    assert any("anchor '&a' is not allowed" in problem for problem in problems)
    assert any("alias '*a' is not allowed" in problem for problem in problems)


def test_billion_laughs_under_a_valid_key_is_never_expanded() -> None:
    lines = ['title: x\nlol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n']
    previous = "a"
    for name in "bcdefghijklmnop":
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n")
        previous = name
    text = "".join(lines) + f"dramas: [*{previous}, *{previous}]\n"
    started = time.perf_counter()
    with pytest.raises(DeckError) as caught:
        parse_deck(text, name="laughs.yaml")
    assert time.perf_counter() - started < 0.5
    assert "laughs.yaml:18: dramas[0]: alias '*p' is not allowed" in str(caught.value)


def test_a_python_tag_is_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    deck = tmp_path / "evil.yaml"
    deck.write_text(
        f'title: !!python/object/apply:os.system ["touch {marker}"]\n'
        "dramas: !!python/object/apply:subprocess.check_call [[touch, " + f"{marker}]]\n",
        encoding="utf-8",
    )
    problems = problems_of(deck)
    assert problems == [
        "evil.yaml:1: title: tag '!!python/object/apply:os.system' is not allowed "
        "(a deck is plain data)",
        "evil.yaml:2: dramas: tag '!!python/object/apply:subprocess.check_call' is not allowed "
        "(a deck is plain data)",
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    "nesting",
    ["[" * 200_000, "{a: " * 200_000, "\n" + "- " * 200_000],
    ids=["flow-lists", "flow-mappings", "block-lists"],
)
def test_absurd_nesting_is_refused_quickly_instead_of_crashing(nesting: str) -> None:
    started = time.perf_counter()
    with pytest.raises(DeckError) as caught:
        parse_deck(f"title: x\nextra: {nesting}\n", name="deep.yaml")
    assert time.perf_counter() - started < 0.5
    # Our own walker stops at 32 levels; PyYAML >= 6.0.4's libyaml may refuse even earlier,
    # with its own words. Either way the deck is refused quickly, naming the nesting.
    message = str(caught.value)
    assert "nested more than 32 levels deep" in message or "maximum nesting depth" in message


def test_an_oversize_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"title: huge\n" + b"# padding\n" * (MAX_DECK_BYTES // 10 + 1))
    assert problems_of(path) == [
        "huge.yaml: the file is 5,242,902 bytes; a deck may be at most 5,242,880 bytes (5 MB)"
    ]


def test_a_deck_just_under_the_size_cap_is_read(tmp_path: Path) -> None:
    text = minimal()
    path = tmp_path / "padded.yaml"
    padding = MAX_DECK_BYTES - len(text.encode())
    path.write_bytes(text.encode() + b"#" * (padding - 1) + b"\n")
    assert load_deck(path).title == "Minimal"


def test_a_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "dramas.yaml"
    assert problems_of(missing) == [f"dramas.yaml: no such deck file ({missing})"]


def test_a_directory_is_one_clear_line(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == [
        f"{tmp_path.name}: is a directory, not a deck file ({tmp_path})"
    ]


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + minimal().encode("utf-8"))
    assert load_deck(path).dramas[0].id == "goblin"


def test_utf16_is_reported_as_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_text(minimal(), encoding="utf-16")
    (problem,) = problems_of(path)
    assert problem.startswith("utf16.yaml:1: deck: not UTF-8 text")


# -- scalars -------------------------------------------------------------------------------


def test_text_fields_keep_what_was_written_even_when_yaml_sees_a_number_or_boolean() -> None:
    text = minimal().replace("title: Goblin", "title: 1987").replace("Minimal", "Yes")
    text = text.replace("a student}", "on, aliases: [No, 3.14, 2019-01-01]}")
    deck = parse_deck(text)
    assert deck.title == "Yes"
    assert deck.dramas[0].title == "1987"
    eun_tak = deck.dramas[0].couples[0].partners[0]
    assert eun_tak.description == "on"
    assert eun_tak.aliases == ("No", "3.14", "2019-01-01")


def test_year_is_an_int_and_optional_fields_default() -> None:
    deck = parse_deck(minimal(year="2016", hangul="도깨비"))
    drama = deck.dramas[0]
    assert drama.year == 2016 and isinstance(drama.year, int)
    assert drama.hangul == "도깨비"
    assert drama.aliases == () and drama.characters == ()
    assert deck.source is None
    assert drama.couples[0].story is None
    assert drama.couples[0].partners[0].gender is None


def test_an_empty_optional_list_is_an_empty_tuple() -> None:
    assert parse_deck(minimal(aliases="")).dramas[0].aliases == ()


def test_problems_name_the_string_source_when_parsing_text() -> None:
    with pytest.raises(DeckError) as caught:
        parse_deck("title: x\n", name="inline.yaml")
    assert caught.value.problems == ["inline.yaml:1: deck: missing required key 'dramas'"]


# -- synthetic decks -----------------------------------------------------------------------


def test_synthetic_deck_has_exactly_the_couples_asked_for() -> None:
    deck = synthetic_deck(25, seed=3, couples_per_drama=3)
    assert len(list(deck.couples())) == 25
    assert len(deck.dramas) == 9
    assert all(len(drama.couples) <= 3 for drama in deck.dramas)


def test_synthetic_deck_is_deterministic_per_seed() -> None:
    assert synthetic_deck_yaml(40, seed=7) == synthetic_deck_yaml(40, seed=7)
    assert synthetic_deck_yaml(40, seed=7) != synthetic_deck_yaml(40, seed=8)


def test_synthetic_deck_looks_like_a_real_one() -> None:
    deck = synthetic_deck(300, seed=1)
    people = [person for _, _, person in deck.people()]
    assert all(p.hangul and p.actor_hangul and p.gender for p in people)
    assert all(drama.hangul and drama.year for drama in deck.dramas)
    dramas_per_actor: dict[str, set[str]] = {}
    for drama, _, person in deck.people():
        dramas_per_actor.setdefault(person.actor, set()).add(drama.id)
    assert sum(len(ids) > 1 for ids in dramas_per_actor.values()) >= 10
    assert any(drama.characters for drama in deck.dramas)
    assert any(person.aliases for person in people)
    assert any(couple.story for _, couple in deck.couples())


def test_ten_thousand_synthetic_couples_fit_under_the_size_cap() -> None:
    """The `bench` command loads this deck; it must stay a valid file."""
    text = synthetic_deck_yaml(10_000, seed=1)
    assert len(text.encode("utf-8")) < MAX_DECK_BYTES
    deck = parse_deck(text)
    assert len(list(deck.couples())) == 10_000


def test_also_loves_and_sources_are_read(tmp_path: Path) -> None:
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(
        "title: T\n"
        "dramas:\n"
        "  - id: d\n"
        "    title: D\n"
        "    sources: [https://example.org/cast, a cast page]\n"
        "    couples:\n"
        "      - id: c\n"
        "        obstacle: o\n"
        "        partners:\n"
        "          - {character: Ann, actor: A1, description: x, also_loves: [Rival]}\n"
        "          - {character: Bo, actor: B1, description: y}\n"
        "    characters:\n"
        "      - {character: Rival, actor: R1, description: z, also_loves: [Bo]}\n",
        encoding="utf-8",
    )
    deck = load_deck(deck_file)
    drama = deck.dramas[0]
    assert drama.sources == ("https://example.org/cast", "a cast page")
    assert drama.couples[0].partners[0].also_loves == ("Rival",)
    assert drama.characters[0].also_loves == ("Bo",)


def test_also_loves_must_name_someone_in_the_drama(tmp_path: Path) -> None:
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(
        "title: T\n"
        "dramas:\n"
        "  - id: d\n"
        "    title: D\n"
        "    couples:\n"
        "      - id: c\n"
        "        obstacle: o\n"
        "        partners:\n"
        "          - {character: Ann, actor: A1, description: x, also_loves: [Nobody]}\n"
        "          - {character: Bo, actor: B1, description: y}\n",
        encoding="utf-8",
    )
    with pytest.raises(DeckError, match=r"deck.yaml:3: dramas\[0\]: Ann: also_loves 'Nobody'"):
        load_deck(deck_file)
