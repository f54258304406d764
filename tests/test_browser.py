"""Pages in a real headless Chromium, against a real ``fr-az-crisis serve`` process.

A journalist's tasks (a) to (f), each done by clicking from the home page, never by typing a
URL, asserting what a reader sees: the quotes, the links, the citation with the version.
Screenshots of the claim, event, disagreements and reading pages at 1400 and 390 px wide go
to artifacts/screenshots/, and the words must be above the fold. Stored injection payloads
are served from a planted database and must not run. A console error fails a test. Map tiles
cannot load offline: tile requests are answered with a blank PNG. Without Chromium the tests
skip, unless FR_AZ_CRISIS_REQUIRE_BROWSER=1 (set by .ci/run), where they fail.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from conftest import copy_package
from datasette_helpers import db_copy

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
WIDE, NARROW = {"width": 1400, "height": 900}, {"width": 390, "height": 844}
VERSION = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]
EVENT = "france_expels_azerbaijani_diplomats_2023_12_27"

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


def start(command: list[str], port: int) -> subprocess.Popen:
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"server exited: {proc.stdout.read() if proc.stdout else ''}"
                ) from None
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("server did not start within 90 s")


def stop(proc: subprocess.Popen, port: int) -> None:
    proc.terminate()
    proc.wait(timeout=10)
    with pytest.raises(OSError):  # the server itself stopped, not only its launcher
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    folder = tmp_path_factory.mktemp("serve")
    proc = start(
        [sys.executable, "-m", "fr_az_crisis", "serve", "--dir", str(folder), "--port", str(port)],
        port,
    )
    yield f"http://127.0.0.1:{port}"
    stop(proc, port)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def open_page(browser, base: str, viewport: dict[str, int]):
    context = browser.new_context(viewport=viewport)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.route(
        lambda url: not url.startswith(base),
        lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_PNG),
    )
    pg.errors = errors  # type: ignore[attr-defined]
    pg.base = base  # type: ignore[attr-defined]
    return context, pg


@pytest.fixture
def page(browser, server: str, request: pytest.FixtureRequest):
    context, pg = open_page(browser, server, WIDE)
    yield pg
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not pg.errors, f"console errors: {pg.errors}"


def home(pg) -> None:
    """The only URL a task types: the home page."""
    response = pg.goto(pg.base + "/")
    assert response is not None and response.status == 200
    pg.wait_for_load_state("networkidle")


def follow(pg, locator) -> None:
    """Click a link and wait for the page it leads to."""
    with pg.expect_navigation():
        locator.click()
    pg.wait_for_load_state("networkidle")
    assert len(pg.inner_text("body").strip()) > 200, f"{pg.url}: blank page"


def visible_text(pg) -> str:
    return pg.inner_text("body")


def test_home_page(page) -> None:
    home(page)
    assert "France–Azerbaijan" in page.inner_text("h1")
    archived = fr_az_crisis.load("sources").filter(pl.col("is_archived"))
    assert page.locator('a[href^="/-/sources/"]').count() == archived.height


def test_task_a_every_source_reporting_an_event_in_its_words(page) -> None:
    """Home -> Chronology -> the event: 2 clicks."""
    home(page)
    follow(page, page.locator("#task-chronology"))
    follow(page, page.locator(f'li[data-event-id="{EVENT}"] a.fr-event-link'))
    assert page.url.endswith(f"/fr_az_crisis/events/{EVENT}")
    claims = fr_az_crisis.load("claims").filter(pl.col("event_id") == EVENT)
    sources = fr_az_crisis.load("sources").filter(
        pl.col("source_id").is_in(claims["source_id"].to_list())
    )
    evidence = page.locator("#evidence ~ section.fr-card")
    shown = set(
        evidence.locator("[data-source]").evaluate_all("els => els.map(e => e.dataset.source)")
    )
    assert shown == set(sources["source_id"])
    text = visible_text(page)
    for quote in claims["quote"].drop_nulls():
        assert quote in text
    for title in sources["title"]:
        assert page.get_by_role("link", name=title).count() >= 1


def test_task_b_disagreements_side_by_side(page) -> None:
    """Home -> Where the sources disagree: 1 click."""
    home(page)
    follow(page, page.locator("#task-disagreements"))
    cards = page.locator("article.fr-pair")
    relations = fr_az_crisis.load("claim_relations")
    from fr_az_crisis.datasette_metadata import presentation

    agreeing = presentation()["agreementRelations"]
    shown = relations.filter(~pl.col("relation").cast(pl.String).is_in(agreeing))
    assert cards.count() == shown.height
    first = cards.first
    a, b = first.locator(".fr-side-a blockquote"), first.locator(".fr-side-b blockquote")
    box_a, box_b = a.bounding_box(), b.bounding_box()
    assert box_b["x"] > box_a["x"] + box_a["width"] - 1  # side by side at 1400 px
    assert abs(box_a["y"] - box_b["y"]) < 5
    assert first.locator(".fr-pair-note").inner_text().startswith("A ")
    assert "Note:" in first.locator(".fr-pair-note").inner_text()


def test_task_c_accusations_with_their_responses(page) -> None:
    """Home -> Accusations and responses: 1 click."""
    home(page)
    follow(page, page.locator("#task-accusations"))
    accusations = fr_az_crisis.load("claims").filter(pl.col("claim_type") == "accusation")
    cards = page.locator("article.fr-accusation")
    assert page.locator("#answered ~ .fr-cards article.fr-accusation").count() >= 1
    main = cards.count() - page.locator("#answered ~ .fr-cards article.fr-accusation").count()
    assert main == accusations.height
    assert page.get_by_text("No recorded response.").count() >= 1
    assert cards.first.locator(".fr-side").first.inner_text() in {"AZE", "FRA", "ARM"}
    # the ministry's quoted charge (an accusation since the re-audit split it from Massis
    # Post's narration) stands next to France's refutation
    charge = page.locator('article.fr-accusation[data-claim="massis_mfa_summoned_boillon_q2"]')
    assert "categorically refutes the allegations" in charge.first.inner_text()
    follow(page, page.get_by_role("link", name=re.compile(r"^France \(\d+\)$")))
    sides = {a.get_attribute("data-side") for a in page.locator("article.fr-accusation").all()}
    assert sides == {"FRA"}


def test_task_d_a_source_with_the_claims_on_each_sentence(page) -> None:
    """Home -> a source's reading page: 1 click; then spans and claims link both ways."""
    home(page)
    follow(page, page.locator('a[href="/-/sources/le_monde_2023_12_tensions_rise"]'))
    marks = page.locator("#source-text mark.claim")
    assert marks.count() > 5 and page.locator("#source-text .furniture").count() >= 1
    claims = fr_az_crisis.load("claims").filter(
        pl.col("source_id") == "le_monde_2023_12_tensions_rise"
    )
    assert page.locator("#source-text a.bound.open").count() == claims.height
    assert page.locator("#source-text a.bound.close").count() == claims.height
    # span -> claim: a claim's opening bracket leads to the claim in the list
    page.locator("#source-text a.bound.open").nth(2).click()
    page.wait_for_function("location.hash.startsWith('#claim-')")
    target = page.locator("ol.claims li:target")
    assert target.count() == 1
    claim_id = target.get_attribute("id").removeprefix("claim-")
    # claim -> span: from the list back to the text (clicked from a fresh visit: this
    # Chromium ignores a click on a #fragment link once the address has a fragment)
    home(page)
    follow(page, page.locator('a[href="/-/sources/le_monde_2023_12_tensions_rise"]'))
    page.locator(f'li[id="claim-{claim_id}"]').get_by_role("link", name="show in text").click()
    page.wait_for_function("location.hash.startsWith('#span-')")
    assert page.locator("#source-text a.bound:target").get_attribute("id") == f"span-{claim_id}"
    assert page.locator("ol.claims li a[href^='#claim-']").count() >= 1  # overlaps listed
    assert page.locator("mark.claim.multi").count() >= 1


def test_task_e_chronology_at_a_glance(browser, server: str) -> None:
    """Home -> Chronology: 1 click; readable at 1400 and at 390 px, legend, links to events."""
    for name, viewport in (("wide", WIDE), ("narrow", NARROW)):
        context, pg = open_page(browser, server, viewport)
        home(pg)
        follow(pg, pg.locator("#task-chronology"))
        assert pg.locator(".fr-legend li").count() >= 3
        rows = pg.locator("li.timeline-event")
        assert rows.count() == fr_az_crisis.load("events").height
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{name}: the chart overflows ({width} px)"
        for bar in pg.locator("a.fr-bar").all()[:5]:
            box = bar.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        pg.screenshot(path=str(SHOTS / f"chronology-{viewport['width']}.png"), full_page=False)
        follow(pg, rows.first.locator("a.fr-bar"))
        assert "/fr_az_crisis/events/" in pg.url
        assert not pg.errors, pg.errors
        context.close()


def test_task_f_cite_a_claim(page) -> None:
    """Home -> a reading page -> a claim page: 2 clicks; the citation is on the page."""
    home(page)
    follow(page, page.locator('a[href="/-/sources/le_monde_2023_12_tensions_rise"]'))
    claim = page.locator('li[id="claim-lemonde_france_refutes_allegations"]')
    follow(page, claim.get_by_role("link", name="claim page"))
    url = page.url
    c = fr_az_crisis.load("claims").filter(
        pl.col("claim_id") == "lemonde_france_refutes_allegations"
    )
    span = f"characters {c['char_start'][0]}–{c['char_end'][0]}"
    text = page.locator("#cite-text").inner_text()
    assert f"version {VERSION}" in text and url in text and span in text
    page.locator("#cite-bibtex summary").click()
    bibtex = page.locator("#cite-bibtex pre").inner_text()
    assert f"version = {{{VERSION}}}" in bibtex and url in bibtex
    page.locator("#cite-csl summary").click()
    csl = json.loads(page.locator("#cite-csl pre").inner_text())
    assert csl[0]["version"] == VERSION and csl[0]["URL"] == url and span in csl[0]["note"]
    assert page.locator("#quote").inner_text() == c["quote"][0]


def test_search_from_the_home_page(page) -> None:
    home(page)
    page.fill("#fr-q", '"persona non grata"')
    with page.expect_navigation():
        page.press("#fr-q", "Enter")
    assert "persona non grata" in visible_text(page).lower()
    assert page.locator("table.rows-and-columns tbody tr").count() >= 3
    page.fill("input[name=q]", "l'ambassadeur")
    with page.expect_navigation():
        page.press("input[name=q]", "Enter")
    assert page.locator("h1").inner_text().startswith("Search quotes")
    assert "error" not in page.locator(".content").inner_text().lower()


def test_map_popup_shows_the_title_with_a_link(page) -> None:
    home(page)
    follow(page, page.locator("#task-chronology"))
    follow(page, page.get_by_role("link", name="timeline table"))
    page.wait_for_selector(".leaflet-marker-icon", timeout=15000)
    marker = page.locator(".leaflet-marker-icon:not(.marker-cluster)").first
    if marker.count() == 0:
        page.locator(".marker-cluster").first.click()
        page.wait_for_selector(".leaflet-marker-icon:not(.marker-cluster)", timeout=5000)
        marker = page.locator(".leaflet-marker-icon:not(.marker-cluster)").first
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    assert "null" not in popup.inner_text()
    link = popup.locator("a").first
    assert link.get_attribute("href").startswith("events/")
    follow(page, link)
    assert "/fr_az_crisis/events/" in page.url


# --- screenshots: the words above the fold ---------------------------------------------------

SCREENS = {
    "claim": ("/fr_az_crisis/claims/lemonde_france_refutes_allegations", "#quote"),
    "event": (f"/fr_az_crisis/events/{EVENT}", "#evidence ~ section blockquote"),
    "disagreements": ("/-/disagreements", "article.fr-pair blockquote"),
    "reading": ("/-/sources/le_monde_2023_12_tensions_rise", "#source-text mark.claim"),
}


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1400", "390"])
@pytest.mark.parametrize("name", sorted(SCREENS))
def test_the_words_are_above_the_fold(browser, server: str, name: str, viewport) -> None:
    path, words = SCREENS[name]
    context, pg = open_page(browser, server, viewport)
    response = pg.goto(server + path)
    assert response is not None and response.status == 200
    pg.wait_for_load_state("networkidle")
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}-{viewport['width']}.png"), full_page=False)
    box = pg.locator(words).first.bounding_box()
    assert box is not None and box["y"] < viewport["height"] * 0.85, (name, box)
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"] + 1, (name, width)
    assert not pg.errors, pg.errors
    context.close()


# --- stored injection: payloads in the database and the metadata must not run -----------------

XSS = '<img src=x onerror="window.__xss=(window.__xss||0)+1">'
JS_URL = "javascript:window.__xss=99"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from fr_az_crisis.cli import datasette_command, write_inspect
    from fr_az_crisis.datasette_metadata import write_metadata
    from fr_az_crisis.sqlite_db import build_database

    folder = tmp_path_factory.mktemp("hostile")
    package = copy_package(folder / "package")
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.update(description=XSS, title=XSS, homepage=JS_URL)
    descriptor["licenses"][0].update(path=JS_URL, title=XSS)
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    built = build_database(folder / "built" / "fr_az_crisis.db")
    db = db_copy(
        built,
        folder / "serve" / "fr_az_crisis.db",
        ("update sources set url = ?, title = ?, origin_note = ?", (JS_URL, XSS, XSS)),
        ("update claims set summary = ?", (XSS,)),
        ("update claim_relations set note = ?", (XSS,)),
        ("update events set title = ?, description = ?", (XSS, XSS)),
        ("update timeline set title = ?", (XSS,)),
        ("update actors set name = ?", (XSS,)),
        ("update source_texts set text = ? || text", (XSS,)),
    )
    metadata = write_metadata(folder / "serve" / "metadata.json", package)
    inspect = write_inspect(db, folder / "serve" / "inspect.json")
    port = free_port()
    proc = start(datasette_command(db, metadata, inspect, "127.0.0.1", port), port)
    yield f"http://127.0.0.1:{port}"
    stop(proc, port)


INJECTED_PAGES = [
    "/",
    "/-/about",
    "/-/timeline",
    "/-/disagreements",
    "/-/accusations",
    "/-/sources/le_monde_2023_12_tensions_rise",
    "/fr_az_crisis/claims",
    "/fr_az_crisis/claims/lemonde_48_hours",
    "/fr_az_crisis/sources/anews_2023_12_15_aliyev_more_armenian",
    f"/fr_az_crisis/events/{EVENT}",
    "/fr_az_crisis/actors/france",
    "/fr_az_crisis/timeline",
]


def test_no_planted_script_runs_and_no_javascript_link(browser, hostile_server: str) -> None:
    context, pg = open_page(browser, hostile_server, WIDE)
    for path in INJECTED_PAGES:
        response = pg.goto(hostile_server + path)
        assert response is not None and response.status == 200, path
        pg.wait_for_load_state("networkidle")
        assert pg.evaluate("window.__xss === undefined"), f"{path}: a planted script ran"
        links = pg.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.href).filter(h => /^\\s*javascript:/i.test(h))"
        )
        assert not links, (path, links)
        if path == "/":  # the planted title shows, as text
            assert pg.inner_text("h1") == XSS
    assert not pg.errors, pg.errors
    context.close()
