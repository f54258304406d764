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
        "A table of the package definition has no resource in datapackage.json.",
    ),
    ProblemCode(
        "resource-unexpected",
        "Unexpected resource",
        "datapackage.json lists a resource the package definition does not have.",
    ),
    ProblemCode(
        "resource-property",
        "Resource property missing or wrong",
        "A resource lacks a property the definition requires (such as bytes or hash), or gives "
        "a path, schema, format or encoding other than the definition's.",
    ),
    ProblemCode(
        "descriptor-property",
        "Descriptor property not as built",
        "A package-level property of datapackage.json is missing, unknown, of the wrong shape "
        "(a list where a string belongs), or a $schema other than the Data Package profile; or "
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
        "(javascript:, data:, file: ...), or a source's local path leaves the package.",
    ),
    ProblemCode(
        "schema-mismatch",
        "Schema differs from the definition",
        "A Table Schema file of the package is missing or differs from the project's schema.",
    ),
    # --- files
    ProblemCode("file-missing", "File missing", "A table file named by the definition is missing."),
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
        "date_precision does not describe the span from date_start to date_end.",
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
