"""Build the game's bundled fonts: the Korean face of Noto Sans CJK, cut down to what we draw.

A developer tool, not part of the game: it needs fontTools (the `dev` extra) and Debian's
`fonts-noto-cjk` package. The full collections weigh ~20 MB each and hold five regional faces
plus ~65,000 glyphs; the game needs one face (Korean), Latin, the complete Hangul Syllables
block (user decks and IME input may use any syllable) and a handful of symbols. Hinting and the
vertical-writing tables are dropped because SDL_ttf renders horizontally and anti-aliased.

Usage (from the top of the checkout):

    python3 tools/make_font_subset.py

It rewrites assets/fonts/NotoSansKR-{Regular,Bold}-subset.otf and assets/fonts/OFL.txt, and
prints each file's size and any wanted symbol the source font lacks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

FAMILY = "Noto Sans CJK KR"
SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
COPYRIGHT_FILE = Path("/usr/share/doc/fonts-noto-cjk/copyright")
OUT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"
STYLES = ("Regular", "Bold")

# Whole blocks: the subsetter keeps whatever of each block the font actually covers.
BLOCKS: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement (· × é ...)
    (0x0100, 0x017F),  # Latin Extended-A (romanisations such as Ŏ ŭ)
    (0x2000, 0x206F),  # General Punctuation (— – ‘ ’ “ ” … •)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation (「 」 『 』 、 。)
    (0x3130, 0x318F),  # Hangul Compatibility Jamo: what an IME shows while composing
    (0xAC00, 0xD7A3),  # Hangul Syllables, all 11,172
)

# Single symbols the UI may draw. Kept only where the font has them; the rest are reported.
SYMBOLS = "←↑→↓✓✗✔✘★☆●○◀▶■□▲▼◆◇♥♡♪⏸₩€"

# Tables with no use for horizontal, unhinted rendering in SDL_ttf.
DROP_TABLES = ("BASE", "VORG", "vhea", "vmtx", "DSIG")

# Copyright line of the upstream LICENSE file (googlefonts/noto-cjk, Sans/LICENSE).
COPYRIGHT = "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'."


def family_name(font: TTFont) -> str:
    """The typographic family (name ID 16) when present, else the legacy family (ID 1).

    The Bold members only carry ID 1, which reads "Noto Sans CJK KR Bold"; the style suffix
    is stripped so both weights match the same family.
    """
    names = font["name"]
    family = names.getDebugName(16) or names.getDebugName(1) or ""
    subfamily = names.getDebugName(2) or ""
    suffix = f" {subfamily}"
    if subfamily and subfamily != "Regular" and family.endswith(suffix):
        family = family[: -len(suffix)]
    return family


def korean_face(collection_path: Path) -> TTFont:
    """The member of a CJK collection whose family is "Noto Sans CJK KR"."""
    collection = TTCollection(str(collection_path))
    for font in collection.fonts:
        if family_name(font) == FAMILY:
            return font
    raise SystemExit(f"{collection_path}: no member named {FAMILY!r}")


def wanted_codepoints(cmap: dict[int, str]) -> tuple[set[int], list[str]]:
    """Codepoints to keep (only those the font covers) and wanted symbols it lacks."""
    wanted = {cp for start, end in BLOCKS for cp in range(start, end + 1)}
    wanted.update(ord(ch) for ch in SYMBOLS)
    missing = [ch for ch in SYMBOLS if ord(ch) not in cmap]
    return wanted & cmap.keys(), missing


def subset_options() -> subset.Options:
    options = subset.Options()
    options.hinting = False
    options.drop_tables = [*options.drop_tables, *DROP_TABLES]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 13, 14]  # keep copyright and licence records
    options.name_languages = [0x0409]
    options.glyph_names = False
    options.notdef_outline = True  # a visible box for anything outside the subset
    options.recalc_bounds = True
    return options


def build(source: Path, target: Path) -> list[str]:
    """Write the Korean subset of one collection to `target`; return wanted symbols it lacks."""
    font = korean_face(source)
    keep, missing = wanted_codepoints(font.getBestCmap())
    subsetter = subset.Subsetter(options=subset_options())
    subsetter.populate(unicodes=sorted(keep))
    subsetter.subset(font)
    font.save(str(target))
    return missing


def ofl_text(copyright_file: Path) -> str:
    """The OFL 1.1 text from Debian's machine-readable copyright file, under our copyright line.

    Debian indents licence paragraphs by one space and marks blank lines with " .". The
    stanza holding the text is the "License: SIL-1.1" line followed by indented lines; the same
    line also appears, without text, in the "Files:" stanza.
    """
    lines = copyright_file.read_text(encoding="utf-8").splitlines()
    start = next(
        i + 1
        for i, line in enumerate(lines[:-1])
        if line == "License: SIL-1.1" and lines[i + 1].startswith(" ")
    )
    body: list[str] = []
    for line in lines[start:]:
        if not line.startswith(" "):
            break
        body.append("" if line == " ." else line[1:])
    header = [
        COPYRIGHT,
        "",
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        "This license is copied below, and is also available with a FAQ at:",
        "https://openfontlicense.org",
        "",
        "",
    ]
    return "\n".join(header + body) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path, default=SOURCE_DIR)
    parser.add_argument("--copyright-file", type=Path, default=COPYRIGHT_FILE)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    for style in STYLES:
        target = args.out / f"NotoSansKR-{style}-subset.otf"
        missing = build(args.source_dir / f"NotoSansCJK-{style}.ttc", target)
        print(f"{target.name}: {target.stat().st_size:,} bytes")
        if missing:
            print(f"  not in the source font, left out: {' '.join(missing)}")
    licence = args.out / "OFL.txt"
    licence.write_text(ofl_text(args.copyright_file), encoding="utf-8")
    print(f"{licence.name}: {licence.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
