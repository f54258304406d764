"""The build: offsets, failures that name file, item and key, and nothing published on failure."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fr_az_crisis import load, source_text
from fr_az_crisis_build import build as build_script

MASSIS = "data/curated/sources/massis_post_2023_12_27_azerbaijan_expels.yaml"
RECALL = "data/curated/sources/armenian_report_france_recalls_ambassador.yaml"


def published_digest(project: Path) -> dict[str, str]:
    files = [
        *sorted((project / "data").glob("*.csv")),
        *sorted((project / "schemas").glob("*.schema.json")),
        project / "datapackage.json",
    ]
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fails_without_publishing(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = published_digest(project)
    assert build_script.build(project) == 1
    assert published_digest(project) == before, "a failed build changed published files"
    return capsys.readouterr().err


def test_rebuild_of_a_copy_is_byte_identical(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build_script.build(project_copy, check=True) == 0


def test_offsets_are_computed_from_the_text(project_copy: Path) -> None:
    claims = load("claims", package_dir=project_copy)
    row = claims.filter(claims["claim_id"] == "massis_staff_ordered_to_leave").row(0, named=True)
    text = source_text(row["source_id"], project_copy)
    assert text.find(row["quote"]) == row["char_start"]
    assert text[row["char_start"] : row["char_end"]] == row["quote"]


def test_repeated_quote_uses_the_given_occurrence(project_copy: Path) -> None:
    furniture = load("source_furniture", package_dir=project_copy)
    repeat = furniture.filter(furniture["kind"] == "headline_repeat").row(0, named=True)
    text = source_text(repeat["source_id"], project_copy)
    first = text.find(repeat["text"])
    assert repeat["char_start"] == text.find(repeat["text"], first + 1) > first


def test_quote_not_in_text_names_file_item_and_key(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project_copy, MASSIS, "The two were ordered to leave", "The two were told to leave")
    err = fails_without_publishing(project_copy, capsys)
    assert (
        MASSIS in err and "item 6" in err and "key quote" in err and "not found in the text" in err
    )


def test_repeated_quote_without_occurrence_is_refused(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project_copy, RECALL, "    occurrence: 1\n", "")
    err = fails_without_publishing(project_copy, capsys)
    assert RECALL in err and "occurs 2 times" in err and "occurrence: N" in err


def test_broken_yaml_names_the_line(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project_copy, MASSIS, "claims:\n", "claims:\n  - [unclosed\n")
    err = fails_without_publishing(project_copy, capsys)
    assert f"{MASSIS}, key line " in err and "broken YAML" in err


def test_unknown_key_is_refused(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        project_copy,
        MASSIS,
        "    attribution: source_voice\n",
        "    attribution: source_voice\n    atribution: x\n",
    )
    err = fails_without_publishing(project_copy, capsys)
    assert MASSIS in err and "item 1" in err and "key atribution" in err and "unknown key" in err


def test_duplicate_key_in_a_mapping_is_refused(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        project_copy,
        MASSIS,
        "    modality: asserted\n",
        "    modality: asserted\n    modality: negated\n",
    )
    err = fails_without_publishing(project_copy, capsys)
    assert "duplicate key 'modality'" in err


def test_duplicate_claim_id_across_files_names_both(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project_copy, RECALL, "claim_id: ar_rec_seriousness", "claim_id: massis_tensions_climbed")
    err = fails_without_publishing(project_copy, capsys)
    # files are read in name order: the Armenian Report file defines it first
    assert (
        f"{MASSIS}, key claim_id: claim_id 'massis_tensions_climbed' is also defined in {RECALL}"
        in err
    )


def test_failing_checks_on_the_staged_package_publish_nothing(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        project_copy,
        MASSIS,
        "summary: France pledged to provide military aid to Armenia.",
        "summary: France pledged military aid to Armenia against the aggressor.",
    )
    err = fails_without_publishing(project_copy, capsys)
    assert "data/claims.csv, row" in err and "field summary" in err and "aggressor" in err
    assert "nothing was published" in err


def test_dropping_a_published_id_needs_a_retraction(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project_copy / MASSIS
    text = path.read_text(encoding="utf-8")
    # massis_war_2020 quotes words inside another claim, so coverage holds without it
    start = text.index("  - claim_id: massis_war_2020")
    end = text.index("  - claim_id: massis_aliyev_cancelled_spain_meeting")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    err = fails_without_publishing(project_copy, capsys)
    assert "massis_war_2020" in err and "retractions.yaml" in err
    (project_copy / "data/curated/retractions.yaml").write_text(
        "- {table: claims, id: massis_war_2020, date: 2026-11-22, reason: test}\n",
        encoding="utf-8",
    )
    assert build_script.build(project_copy) == 0
    assert "massis_war_2020" not in load("claims", package_dir=project_copy)["claim_id"].to_list()


def test_all_curation_errors_are_reported_together(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three mistakes in two files: one build run names all three, each with file, item, key."""
    edit(project_copy, MASSIS, "The two were ordered to leave", "The two were told to leave")
    edit(
        project_copy,
        MASSIS,
        "    attribution: source_voice\n",
        "    attribution: source_voice\n    atribution: x\n",
    )
    edit(project_copy, RECALL, "    occurrence: 1\n", "")
    err = fails_without_publishing(project_copy, capsys)
    lines = [line for line in err.splitlines() if line.startswith("data/curated/")]
    assert len(lines) == 3, err
    assert any(line.startswith(f"{MASSIS}, item 1, key atribution: unknown key") for line in lines)
    assert any(line.startswith(f"{MASSIS}, item 6, key quote: ") for line in lines)
    assert any(line.startswith(f"{RECALL}, item ") and "occurs 2 times" in line for line in lines)
    assert "3 curation error(s)" in err


def test_a_url_that_is_not_a_url_is_refused_by_the_build(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        project_copy,
        MASSIS,
        "url: https://massispost.com/2023/12/azerbaijan-expels-two-french-diplomats/",
        'url: "not a url"',
    )
    err = fails_without_publishing(project_copy, capsys)
    # reported where the curator wrote it, and where the validator found it in the staged table
    assert f"{MASSIS}, key source.url: [format]" in err
    assert f"{MASSIS}, key source.url: [pattern]" in err
    assert "(staged as data/sources.csv, row " in err


def test_a_schema_source_edit_regenerates_the_published_schema(project_copy: Path) -> None:
    """Descriptions are written once, in schemas/tables/; the published schema follows."""
    source = project_copy / "schemas" / "tables" / "places.json"
    source.write_text(
        source.read_text(encoding="utf-8").replace("WGS84", "WGS 84"), encoding="utf-8"
    )
    assert build_script.build(project_copy) == 0
    assert "WGS 84" in (project_copy / "schemas" / "places.schema.json").read_text(encoding="utf-8")


RELATIONS = "data/curated/claim_relations.yaml"
EVENTS = "data/curated/events.yaml"


def test_a_hand_written_independence_group_is_refused(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The group is computed from provenance; a curator cannot set it."""
    edit(project_copy, MASSIS, "  derived_from_actor_id: azatutyun\n", "  independence_group: x\n")
    err = fails_without_publishing(project_copy, capsys)
    assert f"{MASSIS}, item 1, key independence_group: unknown key" in err


def test_a_symmetric_relation_is_stored_in_sort_order(project_copy: Path) -> None:
    edit(
        project_copy,
        RELATIONS,
        "- claim_id: bnn_territory_recaptured\n  related_claim_id: massis_offensive_population_fled",
        "- claim_id: massis_offensive_population_fled\n  related_claim_id: bnn_territory_recaptured",
    )
    assert build_script.build(project_copy, check=True) == 0  # the same bytes as before


def test_a_symmetric_relation_written_both_ways_is_refused(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project_copy / RELATIONS
    path.write_text(
        path.read_text(encoding="utf-8")
        + "- claim_id: massis_offensive_population_fled\n"
        + "  related_claim_id: bnn_territory_recaptured\n"
        + "  relation: framing\n  shared_subject: The offensive\n  note: Twice.\n",
        encoding="utf-8",
    )
    err = fails_without_publishing(project_copy, capsys)
    assert f"{RELATIONS}, item " in err and "key relation" in err and "is also item" in err


def test_a_resolved_date_comes_from_its_claims_words_and_anchor(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The anchor of 'Two days earlier' moved: the build recomputes the date, and refuses
    bounds that disagree with the words."""
    edit(project_copy, EVENTS, "  anchor_date: 2023-12-26", "  anchor_date: 2023-12-27")
    edit(
        project_copy,
        EVENTS,
        "  dated_by_claim_id: lemonde_putin_birthday_letter\n",
        "  dated_by_claim_id: lemonde_putin_birthday_letter\n  date_start: 2023-12-24\n",
    )
    err = fails_without_publishing(project_copy, capsys)
    assert "key date_start: given as 2023-12-24, resolves to 2023-12-25" in err


def test_each_date_reading_is_resolved_from_its_anchor(project_copy: Path) -> None:
    readings = load("date_readings", package_dir=project_copy)
    rows = readings.filter(readings["claim_id"] == "lemonde_boillon_summoned_same_day")
    got = [(str(r["date_start"]), r["is_adopted"]) for r in rows.iter_rows(named=True)]
    assert got == [("2023-12-24", False), ("2023-12-26", True)]
