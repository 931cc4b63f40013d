"""The one deck YAML writer: its two styles (the schema's, and the compact one of the made-up
decks) must read back as the same data."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.deck_text import deck_yaml

PLAIN_TEXT = st.text(
    st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd", "Zs", "Po")),
    min_size=1,
    max_size=120,
).filter(lambda t: t == t.strip())


def document(title: str, story: str, name: str, also: list[str]) -> dict:
    person = {"character": name, "hangul": "고문영", "gender": "female"}
    return {
        "title": title,
        "dramas": [
            {
                "id": "d",
                "title": title,
                "year": 2020,
                "sources": also,
                "couples": [{"id": "c", "story": story, "partners": [person, dict(person)]}],
                "characters": [{**person, "also_loves": also}],
            }
        ],
    }


@settings(max_examples=100, deadline=None)
@given(PLAIN_TEXT, PLAIN_TEXT, PLAIN_TEXT, st.lists(PLAIN_TEXT, min_size=1, max_size=3))
def test_both_styles_read_back_as_the_data_written(title, story, name, also):
    data = document(title, story, name, also)
    schema_style = deck_yaml(data)
    compact = deck_yaml(data, list_indent=0, fold_over=70)
    assert yaml.safe_load(schema_style) == data
    assert yaml.safe_load(compact) == data
    assert len(compact) <= len(schema_style)


def test_the_schema_style_puts_dashes_under_the_key_and_one_person_a_line():
    text = deck_yaml(document("Crash Landing on You", "x" * 80, "Yoon Se-ri", ["a page"]))
    assert "dramas:\n  - id: d\n" in text
    assert "\n        partners:\n          - {character: Yoon Se-ri, hangul: 고문영" in text
    assert "story: " + "x" * 80 in text  # never folded in the style a player's file gets
