"""Optional parts of the install, and the message that names the one a feature lacks.

The core install (``pip install fr-az-crisis``) is polars and nothing else: enough for
``load()``, ``load_all()``, ``schema()``, ``source_text()``, ``timeline()`` and
``discrepancies()``. Everything else is an extra of ``pyproject.toml``, and a feature that
needs one checks for it *before* doing anything (no half-written export, no database left
behind), then says which extra to install, with the pip line.

The extras' contents are declared in ``pyproject.toml``; this module lists only the modules
whose presence shows an extra is installed (a test keeps the two in step).
"""

from __future__ import annotations

import importlib.util
from typing import Literal

Extra = Literal["validate", "serve", "pandas", "export"]

MODULES: dict[Extra, tuple[str, ...]] = {
    "validate": ("pandera", "frictionless", "pysbd", "yaml"),
    "serve": ("pandera", "frictionless", "pysbd", "yaml", "regex", "datasette", "sqlite_utils"),
    "pandas": ("pandas",),
    "export": ("regex",),
}
"""Import names that each extra installs (``serve`` includes ``validate`` and ``export``)."""

DISTRIBUTION = "fr-az-crisis"


class MissingExtra(ModuleNotFoundError):
    """A feature needs an extra that is not installed; the message has the pip line."""

    def __init__(self, extra: Extra, purpose: str, missing: list[str]):
        self.extra, self.purpose, self.missing = extra, purpose, missing
        super().__init__(
            f"{purpose} needs the '{extra}' extra ({', '.join(missing)} not installed): "
            f"{pip_line(extra)}",
            name=missing[0],
        )


def pip_line(extra: Extra) -> str:
    return f"pip install '{DISTRIBUTION}[{extra}]'"


def missing_modules(extra: Extra) -> list[str]:
    """The import names of ``extra`` that cannot be found (without importing them)."""
    return [m for m in MODULES[extra] if importlib.util.find_spec(m) is None]


def require(extra: Extra, purpose: str) -> None:
    """Raise ``MissingExtra`` unless every module of ``extra`` is installed."""
    missing = missing_modules(extra)
    if missing:
        raise MissingExtra(extra, purpose, missing)


def extra_for_module(module: str) -> Extra | None:
    """The smallest extra that installs ``module`` (an import name), if any."""
    top = module.split(".")[0]
    smallest_first: tuple[Extra, ...] = ("export", "pandas", "validate", "serve")
    return next((extra for extra in smallest_first if top in MODULES[extra]), None)
