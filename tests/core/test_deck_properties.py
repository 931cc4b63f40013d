"""Property tests for the deck loader.

Random valid decks, written out by PyYAML's own dumper in block, flow and mixed styles, must
load to exactly the Deck they describe; the same decks with a required key removed or an
unknown key added must be refused, naming the key.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.deck import Couple, Deck, DeckError, Drama, Person, parse_deck

REQUIRED = {
    "deck": ("title", "dramas"),
    "drama": ("id", "title", "couples"),
    "couple": ("id", "obstacle", "partners"),
    "person": ("character", "actor", "description"),
}
KNOWN = {
    "deck": {"title", "source", "dramas"},
    "drama": {"id", "title", "aliases", "hangul", "year", "couples", "characters"},
    "couple": {"id", "obstacle", "story", "partners"},
    "person": {
        "character",
        "aliases",
        "hangul",
        "actor",
        "actor_aliases",
        "actor_hangul",
        "description",
        "gender",
    },
}

# Any printable text that is not blank: Hangul, punctuation, YAML-ish words like "yes" or
# "null", numbers, leading and trailing spaces. Surrogates and control characters cannot
# be written to a UTF-8 YAML file at all.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
).filter(lambda value: not value.isspace())
some_text = st.one_of(
    text, st.sampled_from(["yes", "No", "null", "1987", "3.14", "~", "사랑의 불시착", "a: b"])
)
texts = st.lists(some_text, max_size=3)
slug = st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True)


def fold(name: str) -> str:
    """Actor names the loader would take for one another's typos."""
    return "".join(name.casefold().replace("-", "").replace("‐", "").replace("‑", "").split())


@st.composite
def person(draw: st.DrawFn, actors: list[str]) -> dict[str, Any]:
    entry = {
        "character": draw(some_text),
        "actor": draw(st.sampled_from(actors)),
        "description": draw(some_text),
    }
    optional = {
        "aliases": texts,
        "hangul": some_text,
        "actor_aliases": texts,
        "actor_hangul": some_text,
        "gender": st.sampled_from(["female", "male"]),
    }
    for key, values in optional.items():
        if draw(st.booleans()):
            entry[key] = draw(values)
    return dict(draw(st.permutations(list(entry.items()))))


@st.composite
def deck_data(draw: st.DrawFn) -> dict[str, Any]:
    """A valid deck as plain data: unique ids, two partners, actors not typos of each other."""
    actors = draw(st.lists(some_text, min_size=1, max_size=6, unique_by=fold))
    drama_ids = draw(st.lists(slug, min_size=1, max_size=3, unique=True))
    couples_per_drama = [draw(st.integers(1, 3)) for _ in drama_ids]
    couple_ids = iter(
        draw(st.lists(slug, min_size=sum(couples_per_drama), max_size=9, unique=True))
    )
    dramas = []
    for drama_id, count in zip(drama_ids, couples_per_drama, strict=True):
        drama: dict[str, Any] = {"id": drama_id, "title": draw(some_text)}
        if draw(st.booleans()):
            drama["aliases"] = draw(texts)
        if draw(st.booleans()):
            drama["hangul"] = draw(some_text)
        if draw(st.booleans()):
            drama["year"] = draw(st.integers(1900, 2100))
        drama["couples"] = []
        for _ in range(count):
            couple: dict[str, Any] = {
                "id": next(couple_ids),
                "obstacle": draw(some_text),
                "partners": [draw(person(actors)), draw(person(actors))],
            }
            if draw(st.booleans()):
                couple["story"] = draw(some_text)
            drama["couples"].append(couple)
        if draw(st.booleans()):
            drama["characters"] = draw(st.lists(person(actors), max_size=2))
        dramas.append(drama)
    deck: dict[str, Any] = {"title": draw(some_text), "dramas": dramas}
    if draw(st.booleans()):
        deck["source"] = draw(some_text)
    return deck


def dump(data: dict[str, Any], style: bool | None) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=style)


def as_deck(data: dict[str, Any]) -> Deck:
    """The Deck the data describes, built without the loader."""

    def person(raw: dict[str, Any]) -> Person:
        return Person(**{k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()})

    def couple(raw: dict[str, Any]) -> Couple:
        partners = tuple(person(p) for p in raw["partners"])
        return Couple(**{**raw, "partners": partners})

    def drama(raw: dict[str, Any]) -> Drama:
        fields = {**raw, "couples": tuple(couple(c) for c in raw["couples"])}
        fields["characters"] = tuple(person(p) for p in raw.get("characters", ()))
        fields["aliases"] = tuple(raw.get("aliases", ()))
        return Drama(**fields)

    return Deck(**{**data, "dramas": tuple(drama(d) for d in data["dramas"])})


def mappings(data: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every mapping in the deck as (kind, field path, mapping), in the loader's notation."""
    found: list[tuple[str, str, dict[str, Any]]] = [("deck", "deck", data)]
    for d, drama in enumerate(data["dramas"]):
        found.append(("drama", f"dramas[{d}]", drama))
        for c, couple in enumerate(drama["couples"]):
            found.append(("couple", f"dramas[{d}].couples[{c}]", couple))
            for p, partner in enumerate(couple["partners"]):
                found.append(("person", f"dramas[{d}].couples[{c}].partners[{p}]", partner))
        for p, character in enumerate(drama.get("characters", ())):
            found.append(("person", f"dramas[{d}].characters[{p}]", character))
    return found


styles = st.sampled_from([False, True, None])


@settings(max_examples=60, deadline=None)
@given(deck_data(), styles)
def test_a_valid_deck_loads_to_exactly_what_it_describes(
    data: dict[str, Any], style: bool | None
) -> None:
    assert parse_deck(dump(data, style), name="random.yaml") == as_deck(data)


@settings(max_examples=60, deadline=None)
@given(deck_data(), styles, st.data())
def test_removing_a_required_key_is_reported_with_its_field(
    data: dict[str, Any], style: bool | None, choice: st.DataObject
) -> None:
    kind, path, mapping = choice.draw(st.sampled_from(mappings(data)))
    key = choice.draw(st.sampled_from(REQUIRED[kind]))
    del mapping[key]
    try:
        parse_deck(dump(data, style), name="random.yaml")
    except DeckError as error:
        assert f"{path}: missing required key '{key}'" in str(error)
    else:
        raise AssertionError(f"{path}.{key} was removed, yet the deck loaded")


@settings(max_examples=60, deadline=None)
@given(deck_data(), styles, st.data())
def test_an_unknown_key_is_reported_with_its_field(
    data: dict[str, Any], style: bool | None, choice: st.DataObject
) -> None:
    kind, path, mapping = choice.draw(st.sampled_from(mappings(data)))
    key = choice.draw(
        st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,11}", fullmatch=True).filter(
            lambda name: name not in KNOWN[kind]
        )
    )
    mapping[key] = choice.draw(st.one_of(some_text, texts, st.integers()))
    field = key if kind == "deck" else f"{path}.{key}"
    try:
        parse_deck(dump(data, style), name="random.yaml")
    except DeckError as error:
        assert f"{field}: unknown key '{key}'" in str(error)
    else:
        raise AssertionError(f"{field} was added, yet the deck loaded")
