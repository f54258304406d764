"""Publish a staged package so that a kill at any moment leaves a whole package.

The published files live in several folders (``data/``, ``schemas/``, the package root, the
generated module in ``src/``), so no single rename can swap them all. Publishing is instead a
small transaction, in the publishing folder (``schemas/package.json``'s ``publishing`` path):

1. every new file is written and fsynced under ``<publishing>/staging/`` at its final path;
2. the *journal* (each file with its sha256, datapackage.json last) is written to a temporary
   name, fsynced and renamed into place: the commit point;
3. each staged file is renamed over the published one;
4. the journal is deleted, then the staging folder.

A kill before step 2 leaves the old package untouched (and a staging folder, which the next
build deletes). A kill after it leaves the journal: ``fr-az-crisis validate`` reports
``publish-interrupted``, ``load()`` refuses to read, and the next build finishes steps 3 and 4
before anything else (``recover``), checking every file against the journal's sha256.
datapackage.json moves last, so a reader that ignores the journal still sees the tables
already moved differ from the hashes the old descriptor records.

The build holds an exclusive lock (``flock`` on the project folder) from start to end, so
two builds never publish at once, and a lock left by a killed build is released by the
kernel.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fr_az_crisis.paths import UnsafePath, resolve_inside
from fr_az_crisis.publishing_state import JOURNAL, STAGING


class PublishError(RuntimeError):
    """Publishing cannot go on safely; the message says what was found and what to do."""


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock; ``PublishError`` when another build holds it."""
    fd = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(f"{root}: another build is running (it holds the lock)") from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def staging_folder(root: Path, folder: str) -> Path:
    return root / folder / STAGING


def prepare(root: Path, folder: str) -> bool:
    """Finish a publication a killed build left, remove any leftovers, and make an empty
    staging folder. True when an interrupted publication was finished."""
    recovered = recover(root, folder)
    _remove(root / folder)
    staging_folder(root, folder).mkdir(parents=True)
    return recovered


def discard(root: Path, folder: str) -> None:
    """Remove the staging folder of a build that publishes nothing (failed, or ``--check``).
    Never while a journal is there: that publication must be finished, not thrown away."""
    if not (root / folder / JOURNAL).exists():
        _remove(root / folder)


def publish(root: Path, folder: str, paths: list[str], descriptor: str) -> None:
    """Move the staged ``paths`` (project-relative) into place, crash-safely (steps 1-4)."""
    staging = staging_folder(root, folder)
    ordered = sorted(paths, key=lambda p: p == descriptor)  # the descriptor last
    entries = []
    for rel in ordered:
        try:  # the file itself may be a symlink (replaced, not written through); its folder not
            resolve_inside(root, Path(rel).parent.as_posix())
        except UnsafePath as exc:
            raise PublishError(f"cannot publish {rel}: {exc}") from None
        data = (staging / rel).read_bytes()
        _fsync(staging / rel)
        entries.append({"path": rel, "sha256": hashlib.sha256(data).hexdigest()})
    journal = root / folder / JOURNAL
    tmp = journal.with_name(JOURNAL + ".tmp")
    tmp.write_text(json.dumps({"files": entries}, indent=1) + "\n", encoding="utf-8")
    _fsync(tmp)
    os.replace(tmp, journal)
    _fsync(journal.parent)
    _finish(root, folder, entries)


def recover(root: Path, folder: str) -> bool:
    """Finish the publication a journal records (True), or do nothing (False)."""
    journal = root / folder / JOURNAL
    if not journal.exists():
        return False
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))["files"]
        entries = [{"path": str(e["path"]), "sha256": str(e["sha256"])} for e in entries]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PublishError(
            f"{journal}: an interrupted publication's journal cannot be read ({exc}); restore "
            "the published files from version control and delete the folder"
        ) from None
    _finish(root, folder, entries)
    return True


def _finish(root: Path, folder: str, entries: list[dict[str, str]]) -> None:
    """Steps 3 and 4: move each staged file into place (or confirm it already was)."""
    staging = staging_folder(root, folder)
    for e in entries:
        src, dst = staging / e["path"], root / e["path"]
        if src.exists():
            if _sha256(src) != e["sha256"]:
                raise PublishError(
                    f"{src}: the staged file differs from the journal; restore the published "
                    "files from version control and delete the publishing folder"
                )
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dst)
            _fsync(dst.parent)
        elif not dst.is_file() or _sha256(dst) != e["sha256"]:
            raise PublishError(
                f"{dst}: neither staged nor published as the journal records; restore the "
                "published files from version control and delete the publishing folder"
            )
    os.unlink(root / folder / JOURNAL)
    _fsync(root / folder)
    _remove(root / folder)


def _remove(path: Path) -> None:
    if path.exists() or path.is_symlink():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fsync(path: Path) -> None:
    """Flush a file's bytes, or a folder's entries, to the disk (a kill alone would not lose
    them; a power cut would)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
