"""Coverage: every content sentence of every archived text lies inside claim spans."""

from __future__ import annotations

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.coverage import find_gaps
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem
from fr_az_crisis.schema_names import claims, source_furniture, sources


def check_coverage(pkg: PackageData) -> CheckResult:
    gaps = find_gaps(pkg.texts, pkg.typed[claims.TABLE], pkg.typed[source_furniture.TABLE])
    problems = [
        Problem(
            "uncovered-sentence",
            pkg.definition.text_path(cov.source_id),
            None,
            None,
            f"sentence not inside any claim: {sentence.text[:80]!r}",
            span=(sentence.start, sentence.end),
        )
        for cov in gaps
        for sentence in cov.uncovered
    ]
    return CheckResult(problems, rows=len(pkg.texts))


CHECK = Check(
    "coverage",
    "Every content sentence of the archived texts inside a claim",
    (sources.TABLE, claims.TABLE, source_furniture.TABLE),
    check_coverage,
)
