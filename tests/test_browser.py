"""Pages in a real headless Chromium, against a real ``fr-az-crisis serve`` process.

Screenshots go to artifacts/screenshots/. A blank page, a console error or a missing element
fails. Map tiles cannot load offline: tile requests are answered with a blank PNG so that the
test checks that the map renders, not the tiles. Without Chromium the tests skip, unless
FR_AZ_CRISIS_REQUIRE_BROWSER=1 (set by .ci/run), where they fail.
"""

from __future__ import annotations

import base64
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import fr_az_crisis

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)

if not Path(CHROMIUM).exists():
    if os.environ.get("FR_AZ_CRISIS_REQUIRE_BROWSER") == "1":
        raise RuntimeError(
            "Chromium is required (FR_AZ_CRISIS_REQUIRE_BROWSER=1) but not installed"
        )
    pytest.skip("Chromium not installed (apt-get install chromium)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    folder = tmp_path_factory.mktemp("serve")
    proc = subprocess.Popen(
        [sys.executable, "-m", "fr_az_crisis", "serve", "--dir", str(folder), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"server exited: {proc.stdout.read() if proc.stdout else ''}"
                ) from None
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("server did not start within 60 s")
    yield base
    proc.terminate()
    proc.wait(timeout=10)
    with pytest.raises(OSError):  # the server itself stopped, not only its launcher
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server: str, request: pytest.FixtureRequest):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.route(
        lambda url: not url.startswith(server),
        lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_PNG),
    )
    pg.errors = errors  # type: ignore[attr-defined]
    pg.base = server  # type: ignore[attr-defined]
    yield pg
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not errors, f"console errors: {errors}"


def visit(pg, path: str) -> None:
    response = pg.goto(pg.base + path)
    assert response is not None and response.status == 200, path
    pg.wait_for_load_state("networkidle")
    assert len(pg.inner_text("body").strip()) > 200, f"{path}: blank page"


def test_home_page(page) -> None:
    visit(page, "/")
    assert "France–Azerbaijan" in page.inner_text("h1")
    assert page.locator('a[href^="/-/sources/"]').count() == 5


def test_events_table_with_facets(page) -> None:
    visit(page, "/fr_az_crisis/events")
    assert (
        page.locator("table.rows-and-columns tbody tr").count()
        == fr_az_crisis.load("events").height
    )
    assert page.locator(".facet-info").count() >= 2


def test_timeline_table_shows_the_map(page) -> None:
    visit(page, "/fr_az_crisis/timeline")
    page.wait_for_selector(".leaflet-container", timeout=15000)
    page.wait_for_selector(".leaflet-marker-icon", timeout=15000)
    assert page.locator(".leaflet-container").first.bounding_box()["height"] > 200


def test_timeline_chart(page) -> None:
    visit(page, "/-/timeline")
    chart = page.locator("svg.timeline-chart")
    assert chart.count() == 1 and chart.bounding_box()["width"] > 500
    assert (
        page.locator("svg.timeline-chart a.timeline-event").count()
        == fr_az_crisis.load("events").height
    )


def test_reading_page_highlights_spans(page) -> None:
    visit(page, "/-/sources/massis_post_2023_12_27_azerbaijan_expels")
    marks = page.locator("#source-text mark.claim")
    assert marks.count() > 5
    assert page.locator("#source-text .furniture").count() >= 1
    marks.first.locator("a").click()
    assert "#claim-" in page.url
    assert page.locator("ol.claims li:target").count() == 1


def test_search_results_page(page) -> None:
    visit(page, "/-/search?q=reciprocity")
    body = page.inner_text("body")
    assert "reciprocity" in body.lower()
    assert page.locator("table").count() >= 1
