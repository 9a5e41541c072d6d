"""A fresh clone, with nothing beside it, has everything its tests need. `.ci/run` proves it by
running the tests in a copy with no siblings; this test names the file that breaks it sooner."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "knowledge" / "source" / "derby-derbyshire-compact-draft-2016.txt"
# A path that leaves the checkout: a sibling folder, the parent of the repository root, or the
# machine this project was first written on.
OUTSIDE = re.compile(r"\.\./(?:shared|\.\.)|ROOT\.parent\b|/work/|parents\[[2-9]\]")


def tracked_text_files() -> list[Path]:
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    files = [ROOT / n.decode() for n in names if n]
    return [f for f in files if f.suffix not in {".png", ".lock", ".json", ".txt"} and f.is_file() and f != Path(__file__)]


def test_nothing_reads_a_path_outside_the_repository():
    offenders = []
    for path in tracked_text_files():
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_the_repository_keeps_the_source_document_it_names():
    readme = (SOURCE.parent / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    assert digest in readme, "the source document changed: update knowledge/source/README.md (origin, version, SHA-256)"
    assert "V0.4" in SOURCE.read_text(encoding="utf-8") and "V0.4" in readme
