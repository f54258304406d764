"""What a failed check says: always the file, the row and the field."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One failure. ``row`` is the CSV line number (header = 1) or the YAML item number."""

    file: str
    row: int | None
    field: str | None
    check: str
    message: str

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.row if self.row is not None else 0, self.field or "", self.check)

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field is not None:
            where += f", field {self.field}"
        return f"{where}: [{self.check}] {self.message}"


@dataclass
class Report:
    """Failures from every check, reported together; one per cell so a cause is said once."""

    problems: list[Problem] = field(default_factory=list)
    checks_run: list[str] = field(default_factory=list)
    _cells: set[tuple[str, int | None, str | None]] = field(default_factory=set, repr=False)

    def add(self, problem: Problem) -> None:
        cell = (problem.file, problem.row, problem.field)
        if problem.row is not None and cell in self._cells:
            return
        self._cells.add(cell)
        self.problems.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        for p in problems:
            self.add(p)

    @property
    def ok(self) -> bool:
        return not self.problems

    def format(self, limit: int | None = None) -> str:
        shown = sorted(self.problems, key=Problem.sort_key)
        lines = [str(p) for p in (shown if limit is None else shown[:limit])]
        if limit is not None and len(shown) > limit:
            lines.append(f"... and {len(shown) - limit} more")
        lines.append(
            f"{len(self.problems)} problem(s) from {len(self.checks_run)} checks: "
            + ", ".join(self.checks_run)
        )
        return "\n".join(lines)


class ValidationError(Exception):
    """Raised by ``validate(raise_on_error=True)``; carries the full report."""

    def __init__(self, report: Report):
        super().__init__(report.format(limit=50))
        self.report = report
