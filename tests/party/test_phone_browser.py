"""Four phones in real headless Chromium play a round against the real host."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api")

expect = playwright.expect
CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI needs Debian's chromium for the phone page test")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NAMES = ["Min-ji", "<svg onload=alert(1)>", "지은", "Joon-ho"]
PHONE = {"width": 390, "height": 760}
WAIT_MS = 25_000
QUESTIONS = 3
RELOADED = 1  # this phone reloads its page after the first question


def visible_screen(page) -> str:
    return page.locator(".screen:not([hidden])").get_attribute("id")


def wait_for_screen(page, screen: str) -> None:
    page.locator(f"#{screen}").wait_for(state="visible", timeout=WAIT_MS)


def test_four_phones_play_a_round_and_the_saved_match_matches(start_host, tmp_path) -> None:
    host = start_host(expect=len(NAMES), questions=QUESTIONS)
    shots = Path(os.environ.get("KDRAMA_PHONE_SHOTS", tmp_path))  # set it to keep the PNGs
    dialogs: list[str] = []
    picks: dict[str, list[int]] = {name: [] for name in NAMES}
    results: dict[str, list[str]] = {name: [] for name in NAMES}
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            pages = []
            for name in NAMES:
                page = browser.new_context(viewport=PHONE).new_page()
                page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
                page.goto(host.url)
                page.get_by_label("Your name").fill(name)
                if not pages:
                    page.screenshot(path=str(shots / "phone-join.png"))
                page.get_by_role("button", name="Join").click()
                expect(page.locator("#me")).to_have_text(name, timeout=WAIT_MS)
                if not pages:  # alone in the lobby, so the game cannot have started
                    wait_for_screen(page, "wait")
                    page.screenshot(path=str(shots / "phone-lobby.png"))
                pages.append(page)
            for number in range(1, QUESTIONS + 1):
                for k, (name, page) in enumerate(zip(NAMES, pages, strict=True)):
                    wait_for_screen(page, "question")
                    assert (
                        page.locator("#question-head")
                        .text_content()
                        .startswith(f"Question {number} of {QUESTIONS}")
                    )
                    buttons = page.locator("#options button")
                    choice = (k + number) % buttons.count()
                    if k == 0 and number == 1:
                        page.screenshot(path=str(shots / "phone-question.png"))
                    buttons.nth(choice).click()
                    page.locator("#locked:not([hidden]), #reveal:not([hidden])").wait_for(
                        timeout=WAIT_MS
                    )
                    if k < len(NAMES) - 1:  # the last answer closes the question at once
                        assert page.get_by_text("Answer locked").is_visible()
                    picks[name].append(choice)
                for name, page in zip(NAMES, pages, strict=True):
                    wait_for_screen(page, "reveal")
                    results[name].append(page.locator("#reveal-title").text_content())
                    assert re.fullmatch(
                        r"You are \d+(st|nd|rd|th) of 4",
                        page.locator("#reveal-rank").text_content(),
                    )
                if number == 1:
                    pages[0].screenshot(path=str(shots / "phone-reveal.png"))
                    page = pages[RELOADED]
                    score = page.locator("#score").text_content()
                    page.reload()  # mid-round: the token in localStorage brings it back
                    expect(page.locator("#me")).to_have_text(NAMES[RELOADED], timeout=WAIT_MS)
                    assert page.locator("#score").text_content() == score
                    assert visible_screen(page) in ("reveal", "question")
            places = []
            for page in pages:
                wait_for_screen(page, "podium")
                places.append(page.locator("#podium-title").text_content())
                final = page.locator("#score").text_content()
                assert page.locator("#podium-score").text_content() == final
            pages[0].screenshot(path=str(shots / "phone-podium.png"))
            scores = {
                name: int(page.locator("#score").text_content().split()[0])
                for name, page in zip(NAMES, pages, strict=True)
            }
        finally:
            browser.close()
    assert host.wait() == 0
    assert dialogs == []  # the HTML name never ran as HTML
    assert all(re.fullmatch(r"You finished \d(st|nd|rd|th) of 4", p) for p in places)
    [match] = host.saved_matches()
    assert match["mode"] == "party" and match["complete"]
    assert {p["name"]: p["points"] for p in match["players"]} == scores
    for number, question in enumerate(match["questions"]):
        saved = {name: p["option"] for name, p in question["picks"].items()}
        assert saved == {name: picks[name][number] for name in NAMES}
        for name in NAMES:
            right = saved[name] == question["answer"]
            assert results[name][number].startswith("Right! +") == right
    for shot in ("join", "lobby", "question", "reveal", "podium"):
        assert (shots / f"phone-{shot}.png").stat().st_size > 5000
