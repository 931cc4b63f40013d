"""A fan's spreadsheet into a deck: export quirks read, every problem named by row and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.deck import load_deck
from game.core.questions import make_round
from game.core.sheet import COLUMNS, SheetError, read_sheet, sheet_to_deck, template

HEADER = "drama,year,character,actor,gender,description,partner,obstacle"
CLOY = "Crash Landing on You"
GOOD_ROWS = [
    f"{CLOY},2019,Yoon Se-ri,Son Ye-jin,female,an heiress blown off course,Ri Jeong-hyeok,"
    "The border",
    f"{CLOY},2019,Ri Jeong-hyeok,Hyun Bin,male,a North Korean captain,Yoon Se-ri,",
    f"{CLOY},2019,Seo Dan,Seo Ji-hye,female,his intended bride,,",
]


def sheet(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def problems(text: str) -> list[str]:
    with pytest.raises(SheetError) as caught:
        sheet_to_deck(text, "fans.csv", "Fans")
    return caught.value.problems


def test_a_good_sheet_makes_couples_side_characters_and_a_deck_that_check_accepts():
    deck, yaml_text = sheet_to_deck(sheet(*GOOD_ROWS), "fans.csv", "Fans")
    (drama,) = deck.dramas
    assert (drama.id, drama.title, drama.year) == ("crash-landing-on-you", CLOY, 2019)
    (couple,) = drama.couples
    assert [p.character for p in couple.partners] == ["Yoon Se-ri", "Ri Jeong-hyeok"]
    assert couple.obstacle == "The border" and couple.id == "yoon-se-ri-and-ri-jeong-hyeok"
    assert [p.character for p in drama.characters] == ["Seo Dan"]
    assert "title: Fans" in yaml_text


# Twenty malformed sheets, each with the exact lines the player reads.
MALFORMED = [
    (
        "missing required column",
        sheet(
            "Crash,2019,A,B,female,d,,", header="drama,year,character,actor,gender,desc,partner,o"
        ),
        [
            "fans.csv:1: desc: unknown column; did you mean 'description'?",
            "fans.csv:1: o: unknown column; the columns are " + ", ".join(COLUMNS),
            "fans.csv:1: description: missing required column; the header needs drama, character, "
            "actor, description",
        ],
    ),
    (
        "column twice",
        sheet(*GOOD_ROWS, header=HEADER.replace("gender", "actor")),
        ["fans.csv:1: actor: the column appears twice (columns 4 and 5)"],
    ),
    (
        "unknown partner",
        sheet(GOOD_ROWS[0].replace("Ri Jeong-hyeok,The", "Ri Jung-hyuk,The"), GOOD_ROWS[1]),
        [
            "fans.csv:2: partner: 'Ri Jung-hyuk' is not a character of 'Crash Landing on You'; "
            "name a character on another row of this drama"
        ],
    ),
    (
        "partner in another drama",
        sheet(*GOOD_ROWS, "Goblin,2016,Kim Shin,Gong Yoo,male,an immortal warrior,Seo Dan,Fate"),
        [
            "fans.csv:5: partner: 'Seo Dan' is a character of 'Crash Landing on You', not of "
            "'Goblin'; a couple belongs to one drama"
        ],
    ),
    (
        "one-sided partner mismatch",
        sheet(GOOD_ROWS[0], GOOD_ROWS[1].replace(",Yoon Se-ri,", ",Seo Dan,"), GOOD_ROWS[2]),
        [
            "fans.csv:2: partner: names 'Ri Jeong-hyeok', whose row 3 names 'Seo Dan' as partner; "
            "the two rows of a couple name each other"
        ],
    ),
    (
        "conflicting obstacles",
        sheet(GOOD_ROWS[0], GOOD_ROWS[1] + "The DMZ"),
        [
            "fans.csv:3: obstacle: 'The DMZ' differs from 'The border' on row 2 (the same couple); "
            "give it once, or the same on both rows"
        ],
    ),
    (
        "duplicate character",
        sheet(*GOOD_ROWS, f"{CLOY},2019,yoon se-ri,Kim Ji-won,female,another heiress,,"),
        [
            "fans.csv:5: character: 'yoon se-ri' is already a character of 'Crash Landing on You' "
            "(row 2)"
        ],
    ),
    (
        "bad year",
        sheet(GOOD_ROWS[0].replace("2019", "twenty19"), *GOOD_ROWS[1:]),
        ["fans.csv:2: year: expected a year such as 2019 (1900-2100), found 'twenty19'"],
    ),
    (
        "years disagree",
        sheet(GOOD_ROWS[0], GOOD_ROWS[1].replace("2019", "2020")),
        ["fans.csv:3: year: 2020 differs from 2019 given for 'Crash Landing on You' on row 2"],
    ),
    (
        "bad gender",
        sheet(GOOD_ROWS[0].replace("female", "woman"), GOOD_ROWS[1]),
        ["fans.csv:2: gender: expected 'female' or 'male' (or nothing), found 'woman'"],
    ),
    (
        "empty required cell",
        sheet(GOOD_ROWS[0], GOOD_ROWS[1].replace("Hyun Bin", "  ")),
        ["fans.csv:3: actor: is empty; every row needs a actor"],
    ),
    (
        "no obstacle for a couple",
        sheet(GOOD_ROWS[0].replace("The border", ""), GOOD_ROWS[1]),
        [
            "fans.csv:2: obstacle: the couple 'Yoon Se-ri' and 'Ri Jeong-hyeok' needs an obstacle "
            "on one of their two rows"
        ],
    ),
    (
        "obstacle without a partner",
        sheet(*GOOD_ROWS[:2], GOOD_ROWS[2] + "Family"),
        [
            "fans.csv:4: obstacle: only a row with a partner can have obstacle (it belongs to the "
            "couple)"
        ],
    ),
    (
        "own partner",
        sheet(GOOD_ROWS[0], GOOD_ROWS[1].replace(",Yoon Se-ri,", ",Ri Jeong-hyeok,")),
        ["fans.csv:3: partner: 'Ri Jeong-hyeok' cannot be their own partner"],
    ),
    (
        "partner taken twice",
        sheet(*GOOD_ROWS[:2], GOOD_ROWS[2].replace(",,", ",Ri Jeong-hyeok,")),
        [
            "fans.csv:4: partner: names 'Ri Jeong-hyeok', whose row 3 names 'Yoon Se-ri' as "
            "partner; the two rows of a couple name each other"
        ],
    ),
    (
        "a drama with no couple",
        sheet(*GOOD_ROWS, "Goblin,2016,Kim Shin,Gong Yoo,male,an immortal warrior,,"),
        [
            "fans.csv:5: partner: 'Goblin' has no couple; at least one row of a drama names a "
            "partner"
        ],
    ),
    (
        "also_loves names nobody",
        sheet(
            GOOD_ROWS[0],
            GOOD_ROWS[1],
            GOOD_ROWS[2] + ",Ri Jung-hyuk",
            header=HEADER + ",also_loves",
        ),
        ["fans.csv:4: also_loves: 'Ri Jung-hyuk' is not a character of 'Crash Landing on You'"],
    ),
    (
        "actor spelled two ways",
        sheet(*GOOD_ROWS, f"{CLOY},2019,Gu Seung-jun,hyun bin,male,a con man,,"),
        [
            "fans.csv:5: actor: 'hyun bin' differs from 'Hyun Bin' (row 3) only in case, spaces or "
            "hyphens; spell it one way"
        ],
    ),
    (
        "a value under a nameless column",
        sheet(GOOD_ROWS[0], GOOD_ROWS[1] + ",surprise", GOOD_ROWS[2]),
        ["fans.csv:3: column 9: 'surprise' is in a column with no name in the header"],
    ),
    (
        "header only",
        sheet(),
        ["fans.csv:1: sheet: has a header but no rows; add one row per character"],
    ),
    (
        "empty sheet",
        "\n\n",
        [
            "fans.csv:1: sheet: the sheet is empty; the first row names the columns (try "
            "`kdrama-quiz import --template`)"
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED]
)
def test_a_malformed_sheet_reports_every_problem_by_row_and_column(text, expected):
    assert problems(text) == expected


def test_many_problems_are_reported_at_once_in_row_order():
    found = problems(
        sheet(
            GOOD_ROWS[0].replace("2019", "19x"),
            GOOD_ROWS[1].replace("male", "M"),
            GOOD_ROWS[2].replace("Seo Dan", ""),
        )
    )
    assert [line.split(": ")[0] for line in found] == ["fans.csv:2", "fans.csv:3", "fans.csv:4"]


SPREADSHEET_EXPORT = (
    "\ufeffDrama;Year;Drama Hangul;Character;Character_Hangul;Actor;Actor Hangul;Gender;"
    "Description;Partner;Obstacle;Story;Also_Loves;Aliases;Actor_Aliases;Sources;;\r\n"
    "Crash Landing on You;2019;사랑의 불시착;Yoon Se-ri;윤세리;Son Ye-jin;손예진;Female;"
    '"a South Korean heiress; blown over the border";Ri Jeong-hyeok;'
    '"The border between North and South, and two armies";"She lands, he hides her.\r\n'
    'They fall in love.";;Se-ri;Son Yejin;https://example.org/cloy|a cast page;;\r\n'
    "Crash Landing on You;2019;사랑의 불시착;Ri Jeong-hyeok;리정혁;Hyun Bin;현빈;male;"
    'a North Korean army captain;Yoon Se-ri;;;;"Jeong-hyeok";;;;\r\n'
    "Crash Landing on You;2019.0;;Seo Dan;서단;Seo Ji-hye;서지혜;female;"
    '"a cellist, engaged to him by the families";;;;Ri Jeong-hyeok;;;;;\r\n'
    "Crash Landing on You;;;Gu Seung-jun;구승준;Kim Jung-hyun;김정현;male;"
    '"a con man, on the run";;;;Seo Dan;;;;;\r\n'
    ";;;;;;;;;;;;;;;;;\r\n"
    "Goblin;2016;도깨비;Kim Shin;김신;Gong Yoo;공유;male;an immortal general;Ji Eun-tak;"
    "His sword must come out;;;;;;;\r\n"
    "Goblin;2016;도깨비;Ji Eun-tak;지은탁;Kim Go-eun;김고은;female;a student who sees ghosts;"
    "Kim Shin;;;;Eun-tak;;;;\r\n"
)


def test_a_sheet_as_a_spreadsheet_exports_it_imports_into_a_deck_that_plays(tmp_path: Path):
    """Semicolons (a decimal-comma locale), a BOM, CRLF, quoted cells holding the delimiter
    and a line break, trailing empty columns and a blank row, Hangul, a year as 2019.0."""
    path = tmp_path / "my dramas.csv"
    path.write_bytes(SPREADSHEET_EXPORT.encode("utf-8"))
    deck, text = read_sheet(path)
    assert deck.title == "my dramas"
    cloy, goblin = deck.dramas
    assert (cloy.hangul, cloy.year, goblin.year) == ("사랑의 불시착", 2019, 2016)
    assert cloy.sources == ("https://example.org/cloy", "a cast page")
    se_ri, jeong_hyeok = cloy.couples[0].partners
    assert se_ri.description == "a South Korean heiress; blown over the border"
    assert (se_ri.hangul, se_ri.actor_hangul, se_ri.gender) == ("윤세리", "손예진", "female")
    assert se_ri.actor_aliases == ("Son Yejin",) and jeong_hyeok.aliases == ("Jeong-hyeok",)
    assert cloy.couples[0].story == "She lands, he hides her.\nThey fall in love."
    assert [p.character for p in cloy.characters] == ["Seo Dan", "Gu Seung-jun"]
    assert cloy.characters[0].also_loves == ("Ri Jeong-hyeok",)
    out = tmp_path / "mine.yaml"
    out.write_text(text, encoding="utf-8")
    loaded = load_deck(out)
    assert loaded == deck
    questions = make_round(loaded, 6, seed=1)
    assert len(questions) == 6
    assert all(q.options[q.answer] == q.correct for q in questions)


def test_tab_separated_sheets_and_any_column_order_are_read():
    columns = ["description", "Partner", "ACTOR", "character", "drama", "obstacle"]
    rows = ["a heiress\tB\tActor One\tA\tD\tFate", "a captain\tA\tActor Two\tB\tD\t"]
    deck, _ = sheet_to_deck("\n".join(["\t".join(columns), *rows]), "fans.tsv", "T")
    assert [p.actor for p in deck.dramas[0].couples[0].partners] == ["Actor One", "Actor Two"]


def test_not_utf8_is_one_clear_line(tmp_path: Path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "\nCaf\xe9,2019,A,B,,d,,\n").encode("latin-1"))
    with pytest.raises(SheetError) as caught:
        read_sheet(path)
    assert caught.value.problems == [
        "latin1.csv:2: sheet: not UTF-8 text (byte 0xe9); export the sheet as CSV UTF-8"
    ]


def test_the_template_imports_as_it_is():
    deck, _ = sheet_to_deck(template(), "template.csv", "Template")
    assert len(deck.dramas) == 1 and len(deck.dramas[0].couples) == 1
    assert template().splitlines()[0] == ",".join(COLUMNS)


@settings(max_examples=150, deadline=None)
@given(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(
        lambda t: t.strip() and t == t.strip()
    )
)
def test_any_text_a_cell_can_hold_is_written_and_read_back_unchanged(value):
    """The deck writer's quoting: whatever a fan types comes back from the loader as typed."""
    rows = [f"D,2019,A,Actor A,,{json_cell(value)},B,Fate", "D,2019,B,Actor B,,d,A,"]
    deck, _ = sheet_to_deck(sheet(*rows), "fans.csv", "T")
    assert deck.dramas[0].couples[0].partners[0].description == value.replace("\r\n", "\n").replace(
        "\r", "\n"
    )


def json_cell(value: str) -> str:
    """The value as one quoted CSV cell."""
    return '"' + value.replace('"', '""') + '"'
