"""Meta-test: every problem code the registry declares is produced by at least one test.

The corruption corpus and the unit tests assert exact problem sets, so a code in one of
their expected sets is a code some test has seen produced. A declared code that no test
produces is either dead or untested.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from attacks import ATTACKS
from corruption import CASES
from test_check_units import UNIT_CODES

from fr_az_crisis.problems import CODES


def test_every_declared_code_is_produced_by_a_test(mini_source: Path, tmp_path: Path) -> None:
    produced = set(UNIT_CODES)
    for i, case in enumerate([*CASES, *ATTACKS]):
        copy = tmp_path / str(i)
        shutil.copytree(mini_source, copy)
        produced |= {code for code, *_ in case.apply(copy)}
    assert sorted(set(CODES) - produced) == []
    assert produced <= set(CODES)
