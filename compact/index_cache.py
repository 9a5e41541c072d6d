"""The matcher's built index kept on disk between starts.

Building it (spaCy over every curated text, the selector's vectorisers and SVM) took about 6 s of
the action server's 10 s start-up; loading it takes a fraction of a second (README, "Speed and
memory"). The file's name is a fingerprint of everything the index is built from: the knowledge,
the source of the ``compact`` package and the versions of the libraries that build it, so a
stale index is never loaded, only rebuilt. `make train` writes it; a directory the process cannot
write (a read-only deployment without `make train`) means building in memory on every start, as
before. The file is a pickle, trusted as the model archive beside it is (docs/security.md).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

from compact.settings import settings

log = logging.getLogger(__name__)

T = TypeVar("T")

DIRECTORY = Path(__file__).resolve().parent.parent / "models"  # unless COMPACT_INDEX_DIR says otherwise
KEEP = 3  # indexes kept: the newest, and a couple for other knowledge (tests, a rollback)
LIBRARIES = ("spacy", "spacy-lookups-data", "scikit-learn", "scipy", "numpy")
CODE = Path(__file__).resolve().parent


def fingerprint(*parts: str) -> str:
    """A name for what ``parts`` (and the code and libraries) build."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
    for source in sorted(CODE.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            digest.update(source.relative_to(CODE).as_posix().encode())
            digest.update(source.read_bytes())
    for library in LIBRARIES:
        digest.update(f"{library}=={importlib.metadata.version(library)}".encode())
    return digest.hexdigest()[:24]


def load_or_build(key: str, build: Callable[[], T], directory: Path | None = None) -> T:
    """The index saved under ``key``, or ``build()`` saved there (all but the newest :data:`KEEP` removed)."""
    directory = directory or settings().index_dir or DIRECTORY
    path = directory / f"index-{key}.pickle"
    try:
        with open(path, "rb") as saved:
            return pickle.load(saved)  # noqa: S301 (written by this code, beside the model; see module docstring)
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as error:
        log.warning("index %s unreadable (%s): building it again", path.name, type(error).__name__)
    built = build()
    written: str | None = None  # the temporary file, until it is the index
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=directory, prefix=".index-", delete=False) as out:
            written = out.name
            pickle.dump(built, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(written, 0o644)  # readable by the service user when `make train` ran as another
        os.replace(written, path)  # atomic: another process never reads half a file
        written = None
        indexes = sorted(directory.glob("index-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in indexes[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError as error:
        log.info("index not saved in %s (%s): it is built at every start", directory, type(error).__name__)
    finally:
        if written:
            Path(written).unlink(missing_ok=True)
    return built
