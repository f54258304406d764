"""The neutral-voice lint catches a planted term and leaves the same term inside a quote alone."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from conftest import copy_package
from corruption import get_cell, rehash, set_cell

from fr_az_crisis.checks.voice import read_terms
from fr_az_crisis.validation import validate


def test_every_term_has_a_reason(root: Path) -> None:
    rel = "data/curated/contested_terms.yaml"
    terms = read_terms(root / rel, rel)
    assert len(terms) >= 10 and all(t["why"].strip() for t in terms)


def test_planted_term_in_own_voice_is_caught(tmp_path: Path) -> None:
    package = copy_package(tmp_path / "p")
    row = set_cell(
        package,
        "events",
        "azerbaijan_offensive_2023_09_19",
        "description",
        "Azerbaijan's anti-terrorist operation in Nagorno-Karabakh.",
    )
    rehash(package)
    problems = [p for p in validate(package, reference=False).problems if p.code == "own-voice"]
    assert [(p.file, p.row, p.field) for p in problems] == [("data/events.csv", row, "description")]
    assert "anti-terrorist operation" in problems[0].message


def test_same_term_inside_a_quote_is_allowed(root: Path) -> None:
    quotes = pl.read_csv(root / "data" / "claims.csv", infer_schema=False)["quote"].drop_nulls()
    assert quotes.str.contains("Artsakh").any() and quotes.str.contains("separatis").any()
    assert not [p for p in validate(root, reference=False).problems if p.code == "own-voice"]


def test_terms_match_case_insensitively_on_word_boundaries(tmp_path: Path) -> None:
    package = copy_package(tmp_path / "p")
    original = get_cell(package, "actors", "france", "description")
    set_cell(package, "actors", "france", "description", original + " Occupied territories.")
    set_cell(package, "actors", "germany", "description", "Preoccupation is not a listed word.")
    rehash(package)
    problems = [p for p in validate(package, reference=False).problems if p.code == "own-voice"]
    assert len(problems) == 1 and "Occupied" in problems[0].message


def test_a_quoted_term_is_allowed_only_when_the_words_are_a_sources(tmp_path: Path) -> None:
    """A summary may keep the speaker's loaded term in quotation marks: the words must be in
    an archived text, and for a claim's summary in its own quote."""
    package = copy_package(tmp_path / "p")
    claim = "massis_aliyev_accused_paris_separatism_q"
    set_cell(package, "claims", claim, "summary", 'Aliyev\'s words: "Armenian separatism".')
    ok = validate(package, reference=False)
    assert not [p for p in ok.problems if p.code in {"own-voice", "summary-quote"}]
    row = set_cell(package, "claims", claim, "summary", 'Aliyev\'s words: "a separatist plot".')
    rehash(package)
    found = {
        (p.code, p.row, p.field)
        for p in validate(package, reference=False).problems
        if p.code in {"own-voice", "summary-quote"}
    }
    assert found == {("own-voice", row, "summary"), ("summary-quote", row, "summary")}
