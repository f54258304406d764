"""Types, required values and enumerations: what the caster met while reading each table."""

from __future__ import annotations

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.schema_names import TABLES


def check_types(pkg: PackageData) -> CheckResult:
    problems = [p for name in pkg.typed for p in pkg.type_problems.get(name, [])]
    return CheckResult(problems, rows=pkg.rows())


CHECK = Check("types", "Types, required values and enumerations", TABLES, check_types, partial=True)
