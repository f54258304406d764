"""The built wheel carries the data: install it into a fresh virtual environment and use it there.

The venv sees the machine's site-packages for the dependencies (polars, pandera, ...) so the
test needs no network, but the wheel is installed into the venv itself and the smoke script
runs from a folder outside the checkout, and checks it imported the installed copy.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import fr_az_crisis

pytestmark = pytest.mark.wheel
ROOT = Path(__file__).resolve().parents[1]

SMOKE = textwrap.dedent(
    """
    import sys, fr_az_crisis as c
    assert "site-packages" in c.__file__ and "{root}" not in c.__file__, c.__file__
    claims = c.load("claims")
    print(claims.height, c.load("events").schema["date_start"], c.__version__)
    assert c.source_text("le_monde_2023_12_tensions_rise").startswith("\\n\\nThe photo")
    report = c.validate(reference=False)
    assert report.ok, report.format()
    """
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (path,) = out.glob("fr_az_crisis-*.whl")
    return path


def test_wheel_contains_the_package_data(wheel: Path) -> None:
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    for table in fr_az_crisis.tables():
        assert f"fr_az_crisis/_data/data/{table}.csv" in names
        assert f"fr_az_crisis/_data/schemas/{table}.schema.json" in names
    assert "fr_az_crisis/_data/datapackage.json" in names
    assert sum(n.startswith("fr_az_crisis/_data/data/sources/") for n in names) == 5
    assert "fr_az_crisis/datasette_plugin/templates/source_reading.html" in names


def test_installed_wheel_works_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "PYTHONNOUSERSITE": "1"}
    result = subprocess.run(
        [str(py), "-c", SMOKE.format(root=ROOT)], cwd=work, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    height, dtype, version = result.stdout.split()
    assert (
        int(height) == fr_az_crisis.load("claims").height
        and dtype == "Date"
        and version == fr_az_crisis.__version__
    )
    info = subprocess.run(
        [str(venv / "bin" / "fr-az-crisis"), "info"],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
    )
    assert info.returncode == 0 and "site-packages" in info.stdout, info.stderr
