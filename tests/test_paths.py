"""The batch reader of archived texts gives what the one-by-one reader gives, refusals included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fr_az_crisis.paths import UnsafePath, read_inside, read_many_inside

FOLDER = "data/sources"


def outcome(value: bytes | UnsafePath | None) -> tuple[str, object]:
    """A comparable form: the bytes, None, or the refusal's code."""
    if isinstance(value, UnsafePath):
        return ("refused", value.code)
    return ("read", value)


def one_by_one(root: Path, rel: str) -> tuple[str, object]:
    try:
        return outcome(read_inside(root, rel))
    except UnsafePath as exc:
        return outcome(exc)


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A package folder whose texts' folder holds every kind of entry a hostile copy may."""
    root = tmp_path / "pkg"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    (folder / "plain.txt").write_bytes(b"plain words\n")
    (folder / "empty.txt").write_bytes(b"")
    (root / "data" / "other.txt").write_bytes(b"inside the package\n")
    (tmp_path / "secret.txt").write_bytes(b"outside the package\n")
    (folder / "link_inside.txt").symlink_to(root / "data" / "other.txt")
    (folder / "link_outside.txt").symlink_to(tmp_path / "secret.txt")
    (folder / "dangling.txt").symlink_to(tmp_path / "nothing.txt")
    (folder / "a_folder.txt").mkdir()
    os.mkfifo(folder / "fifo.txt")
    return root


NAMES = [
    "plain.txt",
    "empty.txt",
    "missing.txt",
    "link_inside.txt",
    "link_outside.txt",
    "dangling.txt",
    "a_folder.txt",
    "fifo.txt",
]


def test_batch_reading_equals_reading_one_by_one(package: Path) -> None:
    rels = [f"{FOLDER}/{name}" for name in NAMES]
    batch = {rel: outcome(value) for rel, value in read_many_inside(package, rels).items()}
    assert batch == {rel: one_by_one(package, rel) for rel in rels}
    assert batch == {
        f"{FOLDER}/plain.txt": ("read", b"plain words\n"),
        f"{FOLDER}/empty.txt": ("read", b""),
        f"{FOLDER}/missing.txt": ("read", None),
        f"{FOLDER}/link_inside.txt": ("read", b"inside the package\n"),
        f"{FOLDER}/link_outside.txt": ("refused", "path-outside"),
        f"{FOLDER}/dangling.txt": ("refused", "path-outside"),
        f"{FOLDER}/a_folder.txt": ("refused", "not-a-file"),
        f"{FOLDER}/fifo.txt": ("refused", "not-a-file"),
    }


def test_a_texts_folder_that_leaves_the_package_is_refused_for_every_text(
    package: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "plain.txt").write_bytes(b"outside\n")
    moved = package / "data" / "moved"
    moved.symlink_to(elsewhere, target_is_directory=True)
    rels = ["data/moved/plain.txt", "data/moved/missing.txt"]
    batch = {rel: outcome(value) for rel, value in read_many_inside(package, rels).items()}
    assert batch == {rel: ("refused", "path-outside") for rel in rels}
