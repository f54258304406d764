"""Install footprint of the wheel: distributions and disk size, core and each extra.

Usage: python benchmarks/footprint.py [--wheel dist/fr_az_crisis-*.whl] [--spec core --spec all ...]

Each spec is installed into a fresh virtual environment made ``--without-pip`` (so pip and
setuptools are not counted; only what the install pulls in, with every dependency), by this
interpreter's pip (``pip --python``), from the package index as a user's ``pip install``
would. Distributions are the ``*.dist-info`` folders of its site-packages (the project's own
wheel included); size is ``du`` of site-packages in MiB, compiled ``.pyc`` included. The
README's install section quotes the core and ``all`` lines.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(wheel: Path, extra: str | None) -> dict[str, object]:
    spec = str(wheel) if extra is None else f"{wheel}[{extra}]"
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        py = venv / "bin" / "python"
        subprocess.run(
            [sys.executable, "-m", "pip", "--python", str(py), "install", "-q", spec],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        site = Path(
            subprocess.run(
                [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
        )
        dists = sorted(p.name for p in site.glob("*.dist-info"))
        kib = int(
            subprocess.run(
                ["du", "-sk", str(site)], capture_output=True, text=True, check=True
            ).stdout.split()[0]
        )
    return {
        "spec": extra or "core",
        "distributions": len(dists),
        "mib": round(kib / 1024, 1),
        "names": dists,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="the wheel (default: the one in dist/)")
    parser.add_argument("--spec", action="append", help="core, or an extra (default: core and all)")
    parser.add_argument("--json", action="store_true", help="print JSON with every distribution")
    args = parser.parse_args(argv)
    wheel = args.wheel or max((ROOT / "dist").glob("fr_az_crisis-*.whl"))
    results = [measure(wheel, None if s == "core" else s) for s in args.spec or ["core", "all"]]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for r in results:
        print(
            f"{r['spec']}: {r['distributions']} distributions, {r['mib']} MiB "
            f"(Python {sysconfig.get_python_version()})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
