"""Unit tests of single checks on hand-made inputs, for what the package cannot show.

Every constraint kind, including those no published column uses yet (a unique non-key
column, lengths), is checked on a small table built here; the voice lint's own input (the
project's contested terms) is broken in a copy of the mini package. Each test asserts the
exact set of problems. ``UNIT_CODES`` names the codes these tests produce, for the
meta-test that every declared code is produced by some test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl

from fr_az_crisis.checks import constraints
from fr_az_crisis.definition import Definition, Field, TableSchema
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.schema_names import claim_relations, claims, events
from fr_az_crisis.table_reading import ROW
from fr_az_crisis.validation import validate, validate_data

UNIT_CODES = {"unique", "min-length", "max-length", "terms-unreadable", "frictionless"}


def table(*fields: Field) -> TableSchema:
    return TableSchema(
        "t", "data/t.csv", "schemas/t.schema.json", "T", "A table.", fields, ("k",), ()
    )


def frame(**columns: list) -> pl.DataFrame:
    n = len(next(iter(columns.values())))
    return pl.DataFrame({ROW: list(range(2, n + 2)), **columns})


def found(problems: list) -> set:
    return {(p.code, p.file, p.row, p.field) for p in problems}


def test_a_unique_column_that_is_not_the_key() -> None:
    t = table(
        Field("k", "string", "", required=True),
        Field("u", "string", "", required=True, unique=True),
    )
    problems = constraints.check_table(t, frame(k=["a", "b", "c"], u=["x", "y", "x"]))
    assert found(problems) == {("unique", "data/t.csv", 2, "u"), ("unique", "data/t.csv", 4, "u")}


def test_lengths() -> None:
    t = table(Field("k", "string", ""), Field("s", "string", "", min_length=2, max_length=4))
    problems = constraints.check_table(t, frame(k=["a", "b", "c"], s=["x", "xyz", "xyzzy"]))
    assert found(problems) == {
        ("min-length", "data/t.csv", 2, "s"),
        ("max-length", "data/t.csv", 4, "s"),
    }


def test_unreadable_contested_terms_stop_the_lint_with_a_problem(mini: Path) -> None:
    """The terms are the project's: here the project is a copy whose terms file is broken."""
    definition = Definition.load(mini)
    rel = definition.path("contestedTerms")
    (mini / rel).write_text("terms: [ {term: '(unclosed', why: x} ]\n", encoding="utf-8")
    report = validate(mini, reference=False, definition=definition)
    assert found(report.problems) == {("terms-unreadable", rel, None, None)}
    assert report.outcome("voice").rows == 0


def test_frictionless_problems_carry_its_error_type(mini: Path) -> None:
    path = mini / "data" / "places.csv"
    shutil.copy(path, mini / "places.bak")
    path.write_text(path.read_text(encoding="utf-8").replace(",-", ",north-", 1), encoding="utf-8")
    report = validate_data(PackageData.read(mini), only={"frictionless"})
    assert {p.code for p in report.problems} == {"frictionless"}
    assert any(p.message.startswith("type-error:") for p in report.problems)


def test_which_columns_hygiene_may_skip() -> None:
    """Only a constraint that admits ASCII letters, digits, '_' and '-', starting with a
    letter or digit, or an enumeration, proves a cell clean."""
    from fr_az_crisis.checks.hygiene import proven_clean

    def field(**kw: object) -> Field:
        return Field("x", "string", "", **kw)  # type: ignore[arg-type]

    assert proven_clean(field(pattern="[a-z0-9]+(?:_[a-z0-9]+)*"))
    assert proven_clean(field(pattern="Q[0-9]+")) and proven_clean(field(enum=("a", "b")))
    for pattern in ('https?://[^\\s<>"]+', "-?[0-9]+", ".*", "[a-z ]+", "[^x]+", "\\w+"):
        assert not proven_clean(field(pattern=pattern)), pattern
    assert not proven_clean(field())


def test_foreign_keys_to_one_table_are_checked_together_and_reported_apart(mini: Path) -> None:
    """Five tables refer to claims and are checked in one join: each dangling value is still
    reported in its own table, row and field, and only there."""
    definition = Definition.load(mini)
    broken = [
        (claim_relations.TABLE, claim_relations.related_claim_id),
        (events.TABLE, events.dated_by_claim_id),
        (claims.TABLE, claims.claimant_actor_id),
    ]
    for name, column in broken:
        path = mini / definition.table_path(name)
        rows = pl.read_csv(path, infer_schema_length=0)
        first = pl.int_range(pl.len()) == 0
        rows.with_columns(
            pl.when(first).then(pl.lit("nobody")).otherwise(pl.col(column)).alias(column)
        ).write_csv(path)
    report = validate_data(PackageData.read(mini), only={"keys"})
    assert found(report.problems) == {
        ("foreign-key", definition.table_path(name), 2, column) for name, column in broken
    }
