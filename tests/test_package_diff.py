"""``diff_packages``: rows added, retracted and changed, field by field, between two versions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from corruption import delete_row, path_of, read_rows, set_cell, write_rows

from fr_az_crisis.package_diff import DiffError, FieldChange, RowChange, diff_packages
from fr_az_crisis.schema_names import actors, claims, places


def test_identical_packages_have_no_differences(mini: Path) -> None:
    diff = diff_packages(mini, mini)
    assert all(t.empty for t in diff.tables) and not diff.tables_added and not diff.tables_removed


def test_added_retracted_and_changed_rows_with_fields(mini: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(mini, new)
    delete_row(new, claims.TABLE, "claim_00000005")
    set_cell(new, actors.TABLE, "actor_000003", actors.description, "Changed.")
    set_cell(new, actors.TABLE, "actor_000003", actors.name, "Actor Three")
    path = new / path_of(places.TABLE)
    rows = read_rows(path)
    extra = list(rows[-1])
    extra[0] = "place_999"
    write_rows(path, [*rows, extra])
    diff = {t.table: t for t in diff_packages(mini, new).tables}
    assert diff[claims.TABLE].retracted == [("claim_00000005",)]
    assert diff[places.TABLE].added == [("place_999",)]
    assert diff[actors.TABLE].changed == [
        RowChange(
            ("actor_000003",),
            (
                FieldChange(actors.name, "Actor 3", "Actor Three"),
                FieldChange(actors.description, "Synthetic actor 3.", "Changed."),
            ),
        )
    ]
    untouched = {name for name, t in diff.items() if t.empty}
    assert untouched == set(diff) - {claims.TABLE, places.TABLE, actors.TABLE}


def test_columns_added_and_removed_are_listed(mini: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(mini, new)
    path = new / path_of(places.TABLE)
    write_rows(path, [[*r[:-1], "x" if i else "population"] for i, r in enumerate(read_rows(path))])
    diff = {t.table: t for t in diff_packages(mini, new).tables}
    assert (diff[places.TABLE].columns_added, diff[places.TABLE].columns_removed) == (
        ["population"],
        [places.wikidata_id],
    )
    assert diff[places.TABLE].changed == []


def test_a_descriptor_path_outside_the_package_is_refused(mini: Path) -> None:
    path = mini / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"] = "../../etc/passwd"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DiffError, match="leaves the package"):
        diff_packages(mini, mini)
