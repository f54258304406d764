"""Locate the data package to read: an explicit folder, the env var, or the project's own.

The wheel carries the package under ``fr_az_crisis/_data``; a checkout keeps it at the
repository root. ``FR_AZ_CRISIS_PACKAGE`` points elsewhere (a synthetic or broken copy under
test) without touching either. An explicit path may be the folder or its datapackage.json.
"""

from __future__ import annotations

import os
from pathlib import Path

from fr_az_crisis.definition import project_definition, project_root

ENV_VAR = "FR_AZ_CRISIS_PACKAGE"


def find_package_dir(package_dir: str | os.PathLike[str] | None = None) -> Path:
    """The package folder: the explicit argument wins, then the env var, then the project's."""
    if package_dir is None and os.environ.get(ENV_VAR):
        package_dir = os.environ[ENV_VAR]
    if package_dir is None:
        return project_root()
    path = Path(package_dir)
    descriptor = project_definition().path("descriptor")
    if path.name == descriptor and path.is_file():
        return path.parent.resolve()
    if path.is_dir():
        return path.resolve()
    raise FileNotFoundError(f"{path}: not a package folder or a {descriptor}")
