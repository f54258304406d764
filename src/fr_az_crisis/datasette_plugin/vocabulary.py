"""The meaning of every enumeration value, read from the schema definition.

Pages never list a vocabulary themselves: the claim types, relation kinds, attributions, date
bases and the rest come from ``project_definition()``, so a value added to a schema shows up
with its meaning on every page (and in the glossary) without touching this plugin.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from fr_az_crisis.definition import project_definition


@dataclass(frozen=True)
class Term:
    value: str
    label: str
    meaning: str


@dataclass(frozen=True)
class Vocabulary:
    table: str
    column: str
    description: str
    terms: tuple[Term, ...]


def label(value: str) -> str:
    """``responds_to`` -> ``responds to``: the value as words (codes in capitals stay)."""
    return value.replace("_", " ")


@cache
def vocabulary(table: str, column: str) -> Vocabulary:
    f = project_definition().table(table).field(column)
    terms = tuple(Term(v, label(v), f.value_descriptions.get(v, "")) for v in f.enum or ())
    return Vocabulary(table, column, f.description, terms)


def values(table: str, column: str) -> tuple[str, ...]:
    return tuple(t.value for t in vocabulary(table, column).terms)


def meaning(table: str, column: str, value: str | None) -> str:
    for term in vocabulary(table, column).terms:
        if term.value == value:
            return term.meaning
    return ""


def glossary() -> list[Vocabulary]:
    """Every enumerated column of every published table, in schema order."""
    return [
        vocabulary(t.name, f.name)
        for t in project_definition().tables.values()
        for f in t.fields
        if f.enum
    ]


@cache
def boolean_columns(table: str | None) -> frozenset[str]:
    definition = project_definition()
    named = definition.tables.get(table or "") or definition.derived.get(table or "")
    if named is None:
        return frozenset()
    return frozenset(f.name for f in named.fields if f.type == "boolean")
