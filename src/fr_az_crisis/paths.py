"""Locate the published data package, whether installed from a wheel or in a checkout.

The wheel carries the package under ``fr_az_crisis/_data``; a checkout keeps it at the
repository root.  ``FR_AZ_CRISIS_PACKAGE`` points elsewhere (a synthetic or broken copy
under test) without touching either.
"""

from __future__ import annotations

import os
from pathlib import Path

_HERE = Path(__file__).resolve().parent
ENV_VAR = "FR_AZ_CRISIS_PACKAGE"


def find_package_dir(package_dir: str | os.PathLike[str] | None = None) -> Path:
    """Return the folder holding ``datapackage.json``; explicit argument wins, then the env var."""
    candidates: list[Path] = []
    if package_dir is not None:
        candidates.append(Path(package_dir))
    elif os.environ.get(ENV_VAR):
        candidates.append(Path(os.environ[ENV_VAR]))
    else:
        candidates += [_HERE / "_data", _HERE.parents[1]]
    for candidate in candidates:
        if (candidate / "datapackage.json").is_file():
            return candidate.resolve()
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"no datapackage.json found (looked in {tried})")
