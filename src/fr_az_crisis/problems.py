"""Problems as data: every code declared once, each problem naming file, row and field.

Modelled on frictionless-py's typed errors and zavod's issue log: a problem is a record
(code, severity, check, file, row, field, span, message), not a line of text, so that the
report can be printed, serialised as JSON, counted and compared exactly in tests.

``CODES`` is the registry: each code has a title, a description and a severity. A check may
only report a code declared here (``Problem`` refuses others), and a meta-test requires every
code to be produced by at least one test. The README's list of codes is generated from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class ProblemCode:
    code: str
    title: str
    description: str
    severity: Severity = "error"


def _codes(*codes: ProblemCode) -> dict[str, ProblemCode]:
    out: dict[str, ProblemCode] = {}
    for c in codes:
        if c.code in out:
            raise ValueError(f"problem code {c.code!r} declared twice")
        out[c.code] = c
    return out


CODES: dict[str, ProblemCode] = _codes(
    # --- the descriptor against the project's definition
    ProblemCode(
        "descriptor-unreadable",
        "Descriptor unreadable",
        "datapackage.json is missing, is not UTF-8 JSON, or is not a JSON object.",
    ),
    ProblemCode(
        "resource-missing",
        "Resource missing",
        "A table of the package definition, or an archived text of the sources table, has no "
        "resource in datapackage.json.",
    ),
    ProblemCode(
        "resource-unexpected",
        "Unexpected resource",
        "datapackage.json lists a resource the package definition does not have.",
    ),
    ProblemCode(
        "resource-property",
        "Resource property missing or wrong",
        "A resource lacks a property the definition requires (such as bytes, hash, dialect or "
        "licenses), or gives a path, schema, format, encoding, dialect or licence other than "
        "the definition's.",
    ),
    ProblemCode(
        "descriptor-property",
        "Descriptor property not as built",
        "A package-level property of datapackage.json is missing, unknown, of the wrong shape "
        "(a list where a string belongs), a $schema other than the Data Package profile, a "
        "created that is not a UTC date and time, licences other than the declared ones; or "
        "a resource entry is not a mapping.",
    ),
    ProblemCode(
        "markup",
        "Markup in metadata",
        "A text of datapackage.json holds < or >: metadata is prose, and a page that shows it "
        "must never be made to run it.",
    ),
    ProblemCode(
        "unsafe-link",
        "Link not http(s)",
        "A homepage, a licence's, contributor's or source's path is not an http(s) address "
        "(javascript:, data:, file: ...), or a source's or licence's local path leaves the "
        "package.",
    ),
    ProblemCode(
        "schema-mismatch",
        "Schema differs from the definition",
        "A Table Schema file of the package is missing or differs from the project's schema.",
    ),
    # --- files
    ProblemCode(
        "file-missing",
        "File missing",
        "A file named by the definition is missing: a table, or the licence text the declared "
        "licences point at.",
    ),
    ProblemCode(
        "path-outside",
        "Path leaves the package",
        "A file of the package resolves, after symbolic links, outside the package folder (or "
        "is an absolute path); it is not read, and nothing of it is shown.",
    ),
    ProblemCode(
        "not-a-file",
        "Not a regular file",
        "A path of the package names a folder, FIFO, socket or device instead of a file; it "
        "is not read.",
    ),
    ProblemCode(
        "publish-interrupted",
        "Publishing interrupted",
        "A build was stopped while moving files into this package: some files may be new and "
        "others old. The next build finishes the publication its journal records.",
    ),
    ProblemCode(
        "resource-bytes",
        "Byte count differs",
        "The file's size differs from the bytes datapackage.json records: edited without a rebuild.",
    ),
    ProblemCode(
        "resource-hash",
        "Hash differs",
        "The file's sha256 differs from the hash datapackage.json records: edited without a rebuild.",
    ),
    ProblemCode("encoding", "Not UTF-8", "The file is not valid UTF-8."),
    ProblemCode(
        "byte-order-mark", "Byte-order mark", "The file starts with a UTF-8 byte-order mark."
    ),
    ProblemCode("line-ends", "Carriage return", "The file has CR line ends; LF only."),
    ProblemCode(
        "truncated", "Truncated file", "The file does not end with a newline: probably cut short."
    ),
    ProblemCode("header-missing", "Column missing", "A column of the schema is not in the header."),
    ProblemCode("header-unknown", "Unknown column", "The header has a column the schema lacks."),
    ProblemCode(
        "header-order", "Columns out of order", "The header's columns are not in schema order."
    ),
    ProblemCode(
        "parse", "Malformed CSV", "A row cannot be parsed or has the wrong number of fields."
    ),
    ProblemCode(
        "table-unavailable",
        "Table unavailable to a check",
        "A check needs a table that could not be read, so the check could not run on it.",
    ),
    # --- cells against the Table Schema
    ProblemCode("required", "Required value missing", "A required cell is empty."),
    ProblemCode("type", "Wrong type", "A cell does not parse as its column's type."),
    ProblemCode(
        "enum", "Value outside the enumeration", "A cell is not one of the column's values."
    ),
    ProblemCode(
        "non-canonical",
        "Value not in canonical form",
        "A cell parses as its type but is not written as the build writes it: integers and "
        "numbers without padding, plus sign or leading zeros, dates as YYYY-MM-DD, booleans "
        "as true or false.",
    ),
    ProblemCode("pattern", "Pattern mismatch", "A cell does not match its column's pattern."),
    ProblemCode("minimum", "Below minimum", "A cell is smaller than its column's minimum."),
    ProblemCode("maximum", "Above maximum", "A cell is larger than its column's maximum."),
    ProblemCode("min-length", "Too short", "A cell is shorter than its column's minLength."),
    ProblemCode("max-length", "Too long", "A cell is longer than its column's maxLength."),
    ProblemCode(
        "format", "Wrong format", "A cell does not have its column's format (such as uri)."
    ),
    ProblemCode(
        "unique", "Value not unique", "A cell of a unique column repeats an earlier value."
    ),
    ProblemCode("primary-key", "Duplicate key", "A row repeats the primary key of an earlier row."),
    ProblemCode("foreign-key", "Dangling reference", "A cell refers to a row that does not exist."),
    # --- archived texts and quotes
    ProblemCode(
        "text-missing", "Archived text missing", "A source marked archived has no text file."
    ),
    ProblemCode(
        "text-hash",
        "Archived text changed",
        "The text file's sha256 differs from the sha256 in sources.csv.",
    ),
    ProblemCode(
        "text-length",
        "Text length differs",
        "The text's length in characters differs from char_count in sources.csv.",
    ),
    ProblemCode("text-encoding", "Text not UTF-8", "An archived text is not valid UTF-8."),
    ProblemCode(
        "text-unexpected",
        "Text without a source row",
        "The archived texts' folder holds a file that no archived sources row names (or "
        "something that is not a text file at all).",
    ),
    ProblemCode(
        "archived-field",
        "Field required for an archived source",
        "sha256 or char_count is empty on a source whose text is archived.",
    ),
    ProblemCode(
        "citation-only",
        "Field set on a citation-only row",
        "A field that only an archived source can have (hash, length, quote, offsets) is set on "
        "a citation-only source or on one of its claims, or a citation-only source has "
        "furniture.",
    ),
    ProblemCode("citation-url", "Citation without address", "A citation-only source has no url."),
    ProblemCode(
        "quote-missing",
        "Quote or offsets missing",
        "A claim or furniture span of an archived source lacks its quote or offsets.",
    ),
    ProblemCode(
        "offsets",
        "Offsets outside the text",
        "A span is empty, inverted or reaches past the end of its text.",
    ),
    ProblemCode(
        "quote-mismatch",
        "Quote differs from the text",
        "text[char_start:char_end] is not the quote: the quote is not verbatim or the offsets are wrong.",
    ),
    # --- cell hygiene
    ProblemCode("nfc", "Not NFC", "Text is not in Unicode normalisation form C."),
    ProblemCode("control", "Control character", "A cell contains a control character."),
    ProblemCode("padding", "Padding", "A cell has leading or trailing white space."),
    ProblemCode(
        "invisible",
        "Invisible character",
        "A cell holds a zero-width, bidirectional-control or other invisible character "
        "(Unicode Cf, line or paragraph separator). Verbatim quotes may hold one where the "
        "archived text does.",
    ),
    ProblemCode(
        "cell-size",
        "Cell too long",
        "A cell is longer than the package definition's maxCellLength characters.",
    ),
    ProblemCode(
        "formula",
        "Formula-like cell",
        "A cell starts with = + - or @, which a spreadsheet would run as a formula.",
    ),
    # --- neutral voice
    ProblemCode(
        "own-voice",
        "Contested term in own voice",
        "A term of contested_terms.yaml appears in a field written in the project's voice.",
    ),
    ProblemCode(
        "terms-unreadable",
        "Contested terms unreadable",
        "The project's contested_terms.yaml is missing or malformed, so the voice lint cannot run.",
    ),
    # --- dates
    ProblemCode("date-order", "Dates inverted", "date_end is before date_start."),
    ProblemCode(
        "date-precision",
        "Precision does not fit the bounds",
        "date_precision is not the precision of the window from date_start to date_end "
        "(day, days, weeks, month, year or unknown), and is not no_later_than.",
    ),
    ProblemCode(
        "claim-after-source",
        "Claim dated after its source",
        "A claim is dated after the publication of the source it is found in.",
    ),
    ProblemCode(
        "reported-before-event",
        "Source predates the event it reports",
        "An asserted event report is found in a source published before the event began.",
    ),
    ProblemCode(
        "claim-before-event",
        "Claim dated before the event it reports",
        "An asserted event_report claim has a claim_date before the earliest date of its event.",
    ),
    ProblemCode(
        "claim-date",
        "Claim date against the rule",
        "claim_date is set on a source_voice claim (dated by its source), or claim_date and "
        "claim_date_basis are not set together.",
    ),
    ProblemCode(
        "date-expression",
        "Date expression not in the quote",
        "date_expression is not words of the claim's own quote (or the claim has no quote).",
    ),
    ProblemCode(
        "date-anchor",
        "Anchor missing or stray",
        "An event dated resolved_relative has no anchor_date, or an event whose date is not "
        "resolved_relative has one.",
    ),
    ProblemCode(
        "date-resolution",
        "Date differs from its expression",
        "A resolved_relative date is not what its expression gives against anchor_date, or a "
        "stated expression, read against its source's publication, does not hold the event's "
        "window or the claim's claim_date.",
    ),
    ProblemCode(
        "dated-by",
        "Date without its evidence",
        "An event's dated_by_claim_id is missing, does not report the event, or does not fit "
        "date_basis (no date_expression for stated or resolved_relative, not a citation-only "
        "claim for external_reference).",
    ),
    ProblemCode(
        "date-reading",
        "Ambiguous date recorded wrongly",
        "A date reading is alone (an ambiguity needs every reading), does not resolve from its "
        "anchor, shares its claim with another adopted reading, is adopted without the claim "
        "that settles it, or is settled by a claim whose date it does not hold.",
    ),
    # --- provenance and independence
    ProblemCode(
        "derivation",
        "Derivation recorded incompletely",
        "A derivation lacks its origin, kind, basis or evidence, or a statement derivation does "
        "not name the statement (a source of the package).",
    ),
    ProblemCode(
        "derivation-cycle",
        "Derivation in a loop",
        "Following derived_from_source_id from this source comes back to it.",
    ),
    ProblemCode(
        "independence-group",
        "Independence group not the computed one",
        "sources.independence_group differs from the group computed from provenance "
        "(fr_az_crisis.independence).",
    ),
    # --- relations
    ProblemCode(
        "corroboration-dependent",
        "Corroboration within one origin",
        "A relation that must link independent sources (corroborates) links two sources of one "
        "independence group: it is a repetition, not a confirmation.",
    ),
    ProblemCode(
        "repeat-independent",
        "Repetition across origins",
        "A relation that must stay within one origin (repeats) links sources of different "
        "independence groups.",
    ),
    ProblemCode(
        "relation-source",
        "Relation across sources",
        "A relation that must stay within one source (chronology_conflict) links two sources.",
    ),
    ProblemCode(
        "symmetric-duplicate",
        "Symmetric relation stored twice",
        "A symmetric relation is stored in both directions; only the row in sort order stays.",
    ),
    ProblemCode(
        "symmetric-order",
        "Symmetric relation out of order",
        "A symmetric relation has claim_id after related_claim_id in sort order.",
    ),
    ProblemCode(
        "relation-subject",
        "Disagreement without a common subject",
        "A contradiction or framing links claims of different events (or none) without a "
        "shared_subject saying what they share.",
    ),
    ProblemCode(
        "relation-later",
        "Link to a later row",
        "A response, reciprocal measure or consequence is linked to an event that starts after "
        "it could have started, or a claim answers a claim made after it.",
    ),
    ProblemCode(
        "relation-cycle",
        "Relations in a cycle",
        "Event relations that must not loop form a cycle; each row of the cycle is reported.",
    ),
    # --- attribution
    ProblemCode(
        "source-voice-claimant",
        "Source voice of another actor",
        "A source_voice claim's claimant is not the outlet of its source.",
    ),
    ProblemCode(
        "quote-attribution",
        "Direct quote with narration",
        "A direct_quote has words outside the source's quotation marks (or none inside): only "
        "the claimant's own words are a direct quote; the narration is a claim of its own.",
    ),
    ProblemCode(
        "quote-unattributed",
        "Quoted words without a speaker",
        "A passage an archived text puts in quotation marks shares no words with any "
        "direct_quote claim, so the record does not say whose words they are.",
    ),
    ProblemCode(
        "translation",
        "Translation flag inconsistent",
        "is_translated or original_language is set on a claim that is not a direct_quote, or "
        "contradicts the source's language.",
    ),
    ProblemCode(
        "summary-quote",
        "Quoted words not the source's",
        "Words in quotation marks in a claim's summary are not words of its quote.",
    ),
    # --- sourcing and usage
    ProblemCode("unsourced-event", "Event without a report", "An event has no event_report claim."),
    ProblemCode("unused-source", "Source without claims", "A source has no claims."),
    ProblemCode(
        "unused-row",
        "Row not referenced",
        "An actor or place is referenced by no other table.",
    ),
    ProblemCode("self-relation", "Relation to itself", "A row relates a claim or event to itself."),
    # --- coverage
    ProblemCode(
        "uncovered-sentence",
        "Sentence outside every claim",
        "A content sentence of an archived text lies in no claim span and no furniture.",
    ),
    # --- the reference validator
    ProblemCode(
        "frictionless",
        "Frictionless error",
        "An error reported by frictionless, the reference validator; the message gives its type.",
    ),
)


@dataclass(frozen=True)
class Problem:
    """One failure. ``row`` is the CSV line (header = 1) or YAML item; ``span`` is a character
    range in an archived text where the problem lies there."""

    code: str
    file: str
    row: int | None
    field: str | None
    message: str
    span: tuple[int, int] | None = None
    check: str = ""

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"undeclared problem code {self.code!r}")

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def where(self) -> tuple[str, int | None, str | None]:
        return (self.file, self.row, self.field)

    def sort_key(self) -> tuple[str, int, str, str, int]:
        return (
            self.file,
            self.row if self.row is not None else 0,
            self.field or "",
            self.code,
            self.span[0] if self.span else -1,
        )

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field is not None:
            where += f", field {self.field}"
        if self.span is not None:
            where += f", chars {self.span[0]}:{self.span[1]}"
        return f"{where}: [{self.code}] {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "check": self.check,
            "file": self.file,
            "row": self.row,
            "field": self.field,
            "span": list(self.span) if self.span else None,
            "message": self.message,
        }


Status = Literal["ran", "skipped"]


@dataclass
class CheckOutcome:
    """What one check did: how many rows it covered and what it found."""

    code: str
    title: str
    status: Status
    rows: int
    problems: list[Problem] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "status": self.status,
            "rows": self.rows,
            "problems": len(self.problems),
            "note": self.note,
        }


@dataclass
class Report:
    """Every check's outcome, in registry order; all problems reported together."""

    package: str = ""
    outcomes: list[CheckOutcome] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for o in self.outcomes for p in o.problems]

    @property
    def checks_run(self) -> list[str]:
        return [o.code for o in self.outcomes if o.status == "ran"]

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def outcome(self, code: str) -> CheckOutcome:
        return next(o for o in self.outcomes if o.code == code)

    def format(self, limit: int | None = None) -> str:
        """Problems sorted by file, row and field, then one line per check with rows covered."""
        shown = sorted(self.problems, key=Problem.sort_key)
        lines = [str(p) for p in (shown if limit is None else shown[:limit])]
        if limit is not None and len(shown) > limit:
            lines.append(f"... and {len(shown) - limit} more")
        lines.append(f"{len(shown)} problem(s) from {len(self.checks_run)} checks:")
        for o in self.outcomes:
            if o.status == "ran":
                lines.append(f"  {o.code:<16} {o.rows:>9} rows  {len(o.problems):>5} problems")
            else:
                lines.append(f"  {o.code:<16} {'':>9}       skipped ({o.note})")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "package": self.package,
            "ok": self.ok,
            "checks": [o.to_dict() for o in self.outcomes],
            "problems": [p.to_dict() for p in sorted(self.problems, key=Problem.sort_key)],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


class ValidationError(Exception):
    """Raised by ``validate(raise_on_error=True)``; carries the full report."""

    def __init__(self, report: Report):
        super().__init__(report.format(limit=50))
        self.report = report
