"""Helpers for the Playwright tests: axe-core accessibility checks and screenshots."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

SCREENSHOT_DIR = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

_axe = Axe()


def axe_violations(page):
    """axe-core's WCAG 2.x A/AA violations on the page as it is now, as readable strings."""
    results = _axe.run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            }
        },
    )
    return [
        f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


def save_screenshots(page, url, name):
    """Save phone- and desktop-width full-page screenshots for people to look at."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("390", PHONE), ("1280", DESKTOP)):
        page.set_viewport_size(viewport)
        page.goto(url)
        page.screenshot(path=SCREENSHOT_DIR / f"{name}-{label}.png", full_page=True)
