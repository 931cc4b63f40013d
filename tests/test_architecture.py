"""The dependency rules of DESIGN.md, checked on the source so a slip fails the build.

`game/core` holds the rules and must run without a display; `app.py` alone owns the window,
the event queue and the clock; only `game/party` starts threads or event loops, and hands
what they hear to the game loop through the inbox `App.step` drains.
"""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parents[1] / "game"
CONCURRENCY = {"threading", "_thread", "asyncio", "concurrent.futures", "multiprocessing"}
LOOP_CALLS = {("display", "set_mode"), ("event", "get"), ("display", "flip"), ("clock", "tick")}


def imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_core_never_imports_pygame_or_the_ui():
    offenders = {
        str(source.relative_to(GAME.parent)): sorted(
            m
            for m in imported_modules(source)
            if m.split(".")[0] == "pygame" or m.startswith("game.ui")
        )
        for source in (GAME / "core").rglob("*.py")
    }
    assert not {path: mods for path, mods in offenders.items() if mods}


def loop_calls(source: Path) -> list[str]:
    """`display.set_mode(...)`, `event.get(...)`, `display.flip(...)`, `clock.tick(...)` calls."""
    calls = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            owner = node.func.value
            owner_name = (
                owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            )
            if (owner_name, name) in LOOP_CALLS:
                calls.append(f"{owner_name}.{name}:{node.lineno}")
    return calls


def test_only_the_app_runs_the_window_events_and_clock():
    outside = {
        str(source.relative_to(GAME.parent)): loop_calls(source)
        for source in GAME.rglob("*.py")
        if source != GAME / "ui" / "app.py"
    }
    assert not {path: calls for path, calls in outside.items() if calls}
    assert loop_calls(GAME / "ui" / "app.py"), "the checker no longer sees the app's own calls"


def test_only_the_party_package_starts_threads():
    def concurrency(source: Path) -> list[str]:
        return sorted(
            m
            for m in imported_modules(source)
            if m in CONCURRENCY or m.split(".")[0] in CONCURRENCY
        )

    outside = {
        str(source.relative_to(GAME.parent)): concurrency(source)
        for source in GAME.rglob("*.py")
        if GAME / "party" not in source.parents
    }
    assert not {path: mods for path, mods in outside.items() if mods}
    assert concurrency(GAME / "party" / "server.py"), "the checker no longer sees the server's"
