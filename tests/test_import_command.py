"""`kdrama-quiz import`: a sheet in, a deck `check` accepts out; a bad sheet writes nothing."""

from __future__ import annotations

from pathlib import Path

from game.cli import main
from game.core.deck import load_deck
from tests.core.test_sheet import GOOD_ROWS, SPREADSHEET_EXPORT, sheet


def test_a_good_sheet_writes_a_deck_and_prints_checks_summary(tmp_path: Path, capsys):
    source = tmp_path / "fans.csv"
    source.write_bytes(SPREADSHEET_EXPORT.encode("utf-8"))
    out = tmp_path / "mine.yaml"
    assert main(["import", str(source), "-o", str(out), "--title", "My dramas"]) == 0
    printed = capsys.readouterr().out.strip()
    assert load_deck(out).title == "My dramas"
    assert main(["check", str(out)]) == 0
    assert capsys.readouterr().out.strip() == printed
    assert printed.startswith(f"{out}: ok — 2 dramas, 2 couples, 6 actors, ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fans.csv", "mine.yaml"]  # no temp


def test_a_bad_sheet_exits_2_lists_every_problem_and_leaves_the_old_deck(tmp_path: Path, capsys):
    source = tmp_path / "fans.csv"
    source.write_text(
        sheet(GOOD_ROWS[0].replace("2019", "soon"), GOOD_ROWS[1].replace("male", "boy")),
        encoding="utf-8",
    )
    out = tmp_path / "mine.yaml"
    out.write_text("title: old\n", encoding="utf-8")
    assert main(["import", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "fans.csv:2: year: expected a year such as 2019 (1900-2100), found 'soon'",
        "fans.csv:3: gender: expected 'female' or 'male' (or nothing), found 'boy'",
    ]
    assert out.read_text(encoding="utf-8") == "title: old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fans.csv", "mine.yaml"]


def test_template_prints_a_header_and_two_rows_that_import(tmp_path: Path, capsys):
    assert main(["import", "--template"]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert len(lines) == 3 and lines[0].startswith("drama,year,drama_hangul,character")
    source = tmp_path / "template.csv"
    source.write_text(text, encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "t.yaml")]) == 0


def test_missing_arguments_and_unwritable_output_are_one_line_and_exit_2(tmp_path, capsys):
    assert main(["import", "nothing.csv"]) == 2
    assert capsys.readouterr().err.strip() == (
        "kdrama-quiz import: give the sheet and -o DECK.yaml (or --template for an example sheet)"
    )
    source = tmp_path / "fans.csv"
    source.write_text(sheet(*GOOD_ROWS), encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "no" / "such" / "d.yaml")]) == 2
    assert capsys.readouterr().err.startswith(
        f"kdrama-quiz import: cannot write {tmp_path / 'no' / 'such' / 'd.yaml'}: "
    )
    assert main(["import", str(tmp_path / "gone.csv"), "-o", str(tmp_path / "d.yaml")]) == 2
    assert capsys.readouterr().err.strip() == f"gone.csv: no such file ({tmp_path / 'gone.csv'})"
