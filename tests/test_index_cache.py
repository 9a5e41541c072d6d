"""compact/index_cache.py: the matcher's index is loaded when it was built from the same things,
built again when anything changed or the file is unusable, and ranks exactly as a fresh build."""

from __future__ import annotations

import os

from compact import index_cache
from compact.knowledge import cached
from compact.matcher import Matcher
from scripts.bench import dev_questions


class Builds:
    """A build that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_built_once_then_loaded(tmp_path):
    build = Builds({"entries": [1, 2, 3]})
    assert index_cache.load_or_build("k1", build, tmp_path) == {"entries": [1, 2, 3]}
    assert index_cache.load_or_build("k1", build, tmp_path) == {"entries": [1, 2, 3]}
    assert build.calls == 1
    assert oct((tmp_path / "index-k1.pickle").stat().st_mode & 0o777) == "0o644"  # the service user reads what make train wrote


def test_another_key_builds_again_and_old_indexes_are_pruned(tmp_path):
    for n in range(index_cache.KEEP + 2):
        index_cache.load_or_build(f"k{n}", Builds(n), tmp_path)
        os.utime(tmp_path / f"index-k{n}.pickle", (1_000_000 + n, 1_000_000 + n))
    kept = sorted(p.name for p in tmp_path.glob("index-*.pickle"))
    assert len(kept) == index_cache.KEEP and "index-k0.pickle" not in kept


def test_an_unreadable_index_is_rebuilt(tmp_path):
    (tmp_path / "index-k.pickle").write_bytes(b"half a file")
    build = Builds("fresh")
    assert index_cache.load_or_build("k", build, tmp_path) == "fresh"
    assert build.calls == 1
    assert index_cache.load_or_build("k", build, tmp_path) == "fresh" and build.calls == 1


def test_a_directory_that_cannot_be_written_builds_every_time(tmp_path):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    build = Builds("value")
    assert index_cache.load_or_build("k", build, blocked / "sub") == "value"
    assert index_cache.load_or_build("k", build, blocked / "sub") == "value"
    assert build.calls == 2


def test_the_fingerprint_follows_what_the_index_is_built_from():
    assert index_cache.fingerprint("knowledge A") == index_cache.fingerprint("knowledge A")
    assert index_cache.fingerprint("knowledge A") != index_cache.fingerprint("knowledge B")


def test_a_loaded_index_ranks_exactly_as_a_fresh_build(tmp_path, monkeypatch):
    monkeypatch.setattr(index_cache, "DIRECTORY", tmp_path)
    knowledge = cached()
    fresh = Matcher(knowledge)  # nothing saved yet: built, and saved
    assert list(tmp_path.glob("index-*.pickle"))
    loaded = Matcher(knowledge)
    questions = dev_questions()
    assert questions
    for question in questions:
        assert loaded.rank(question) == fresh.rank(question)
