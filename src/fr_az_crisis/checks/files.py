"""Table files and archived texts: present, inside the package, byte counts and hashes as
recorded, structure readable, and not left half-published by a killed build.

The reading itself happened once in ``PackageData``; this check reports what it met, and
compares each file with the bytes and sha256 datapackage.json records for it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from fr_az_crisis.checks import Check, CheckResult
from fr_az_crisis.package_data import PackageData
from fr_az_crisis.problems import Problem


def check_files(pkg: PackageData) -> CheckResult:
    result = CheckResult(rows=pkg.rows())
    if pkg.interrupted is not None:
        result.problems.append(
            Problem(
                "publish-interrupted",
                pkg.interrupted,
                None,
                None,
                "a build was stopped while publishing: tables and datapackage.json may be of two "
                "builds; run the build to finish the publication",
            )
        )
    resources: dict[Any, dict[str, Any]] = {}
    if pkg.descriptor is not None and isinstance(pkg.descriptor.get("resources"), list):
        for r in pkg.descriptor["resources"]:  # the first entry of a name counts, as in descriptor
            if isinstance(r, dict):
                resources.setdefault(r.get("name"), r)
    for name, table in pkg.definition.tables.items():
        result.problems += pkg.structure_problems.get(name, [])
        data, resource = pkg.files.get(name), resources.get(name)
        if data is not None and resource is not None:
            result.problems += _recorded_differs(table.path, data, resource)
    for sid, data in sorted(pkg.text_bytes.items()):  # the archived texts' resources
        resource = resources.get(pkg.definition.text_resource_name(sid))
        if data is not None and resource is not None:
            digest = pkg.text_digests.get(sid)  # hashed once when read
            result.problems += _recorded_differs(
                pkg.definition.text_path(sid), data, resource, digest
            )
    return result


def _recorded_differs(
    rel: str, data: bytes, resource: dict[str, Any], hexdigest: str | None = None
) -> list[Problem]:
    """The file's size and sha256 (``hexdigest`` when already computed from ``data``) against
    what its resource entry records."""
    problems = []
    if "bytes" in resource and resource["bytes"] != len(data):
        problems.append(
            Problem(
                "resource-bytes",
                rel,
                None,
                None,
                f"file has {len(data)} bytes, datapackage.json says {resource['bytes']}",
            )
        )
    if "hash" in resource:
        digest = "sha256:" + (hexdigest or hashlib.sha256(data).hexdigest())
        if resource["hash"] != digest:
            problems.append(
                Problem(
                    "resource-hash",
                    rel,
                    None,
                    None,
                    f"file hash is {digest}, datapackage.json says {resource['hash']} "
                    "(edited without a rebuild?)",
                )
            )
    return problems


CHECK = Check(
    "files", "Table files present, inside the package, unchanged and well-formed", (), check_files
)
