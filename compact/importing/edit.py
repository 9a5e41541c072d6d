"""Writing a plan into the knowledge file. ruamel.yaml's round trip reads the file with the line of
every entry and field; only the lines of a changed field are rewritten (dumped by ruamel.yaml), whole
entries are reordered, added and dropped, and every other byte stays as it was. (Dumping the whole
round-tripped file would keep the comments but re-fold every long hand-edited line, and the diff
would show much more than the import changed.)"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from compact.importing.parse import squash
from compact.importing.plan import Entry, Plan
from compact.knowledge import NUMBER_NAMED

VERBATIM = {"commitments": {"text"}, "principles": {"text"}, "escalation": {"text"}}  # the document's own wording
REFERENCES = {"commitments": {"related", "counterparts", "principles"}}  # rewritten as lists, never as prose
NOT_PROSE = {"document", "themes", "sections"}  # verbatim throughout: no commitment numbers to renumber
SINGULAR = {"commitments": "commitment", "principles": "principle", "escalation": "escalation step", "topics": "topic"}
REVIEWABLE = set(SINGULAR)  # the lists whose entries have a `review` field (compact/knowledge_schema.py)
MENTION = "names commitment {id}, which the new version removes — rewrite what it says about it"


def read_yaml(text: str) -> CommentedMap:
    data = YAML(typ="rt").load(text)
    if not isinstance(data, CommentedMap):
        raise ValueError("the knowledge file is not a mapping")
    return data


def _dumper() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 100  # type: ignore[assignment]  # how the file is folded
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


@dataclass
class Rewrite:
    """The updated file's text, and what was changed outside the entries the plan names."""

    text: str
    references: list[str] = field(default_factory=list)  # "commitment 2.2: related 2.3 removed, 18.7 → 18.6"
    by_hand: list[str] = field(default_factory=list)  # mentions of removed commitments where no review field can go
    reviews: list[tuple[str, str]] = field(default_factory=list)  # (entry, why) for each entry marked for review


def rewrite(text: str, data: CommentedMap, plan: Plan) -> Rewrite:
    return _Rewriter(text, data, plan).run()


@dataclass
class _Rewriter:
    text: str
    data: CommentedMap
    plan: Plan
    out: Rewrite = field(init=False)
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = self.text.splitlines(keepends=True)
        self.out = Rewrite("")

    def run(self) -> Rewrite:
        keys = list(self.data)
        starts = [self._lead(self.data.lc.key(k)[0]) for k in keys] + [len(self.lines)]
        parts = self.lines[: starts[0]]
        for key, start, end in zip(keys, starts, starts[1:]):
            parts += self._region(key, start, end)
        self.out.text = "".join(parts)
        return self.out

    def _lead(self, line: int) -> int:
        """The first of the comment lines right above a line: they belong to what follows them."""
        while line > 0 and (not self.lines[line - 1].strip() or self.lines[line - 1].lstrip().startswith("#")):
            line -= 1
        return line

    # --- regions and entries ---------------------------------------------------------------------

    def _region(self, key: str, start: int, end: int) -> list[str]:
        value, region = self.data[key], self.lines[start:end]
        if not (isinstance(value, CommentedSeq) and value and all(isinstance(v, CommentedMap) for v in value)):
            return region if key in NOT_PROSE else self._prose(region, key, reviewable=False)  # a mapping or words
        head, blocks = self._blocks(value, start, end)
        return self.lines[start:head] + [line for b in self._entries(key, value, blocks) for line in b]

    def _blocks(self, seq: CommentedSeq, start: int, end: int) -> tuple[int, list[tuple[int, int]]]:
        """Where the list's entries start, and each entry's lines (with the comments above it)."""
        firsts = [self._lead(seq.lc.item(i)[0]) for i in range(len(seq))] + [end]
        return firsts[0], list(zip(firsts, firsts[1:]))

    def _entries(self, key: str, seq: CommentedSeq, blocks: list[tuple[int, int]]) -> Iterator[list[str]]:
        """Each entry of a top-level list, in the updated file's order."""
        plan = self.plan
        planned: dict[str, tuple[Entry, ...] | None] = {
            "commitments": plan.commitments,
            "sections": plan.sections,
            "themes": plan.themes,
            "principles": plan.principles,
            "escalation": plan.escalation,
        }
        entries = planned.get(key)
        if entries is None:  # a list the plan does not reorder: renumber what it mentions
            for i, block in enumerate(blocks):
                yield self._entry(key, seq[i], block, {}, _label(key, seq[i], i))
            return
        index = {_key(key, m, i): i for i, m in enumerate(seq)}
        for e in entries:
            if e.old is None:
                yield self._new(key, e, seq)
            else:
                i = index[e.old]
                yield self._entry(key, seq[i], blocks[i], self._replace(key, seq[i], e), _label(key, seq[i], i, e.key))

    def _replace(self, key: str, m: CommentedMap, e: Entry) -> dict[str, Any]:
        """The fields of a kept entry that change, with their new values."""
        if key == "sections":
            new: dict[str, Any] = {"number": int(e.key), "title": e.text, "theme": e.extra}
        elif key == "themes":
            new = {"title": e.text}
        elif key == "commitments":
            new = {"id": e.key, "section": int(e.key.split(".")[0])}
            for name in ("related", "counterparts"):
                new[name] = [self.plan.renumbered.get(r, r) for r in m.get(name, []) if r not in self.plan.removed]
            new["principles"] = [
                self.plan.renamed.get(p, p) for p in m.get("principles", []) if p not in self.plan.removed_principles
            ]
        elif key == "principles":
            new = {"name": e.key}
        else:
            new = {}
        if key in VERBATIM and squash(str(m["text"])) != squash(e.text):
            new["text"] = e.text
        if e.review:
            new["review"] = _combined(m.get("review"), [e.review])
        return {k: v for k, v in new.items() if k not in m and v != [] or k in m and _differs(m[k], v)}

    def _entry(self, key: str, m: CommentedMap, block: tuple[int, int], replace: dict[str, Any], label: str) -> list[str]:
        """A kept entry's lines: changed fields dumped anew, a review line after the first field,
        commitment numbers renumbered in the rest (not in the document's own wording)."""
        start, end = block
        names = list(m)
        lines = [m.lc.key(n)[0] for n in names] + [end]
        keep = VERBATIM.get(key, set()) | REFERENCES.get(key, set()) | {"review"}
        prose = [] if key in NOT_PROSE else [n for n in names if n not in replace and n not in keep]
        if key in REVIEWABLE:
            spans = [(lines[j], lines[j + 1]) for j, n in enumerate(names) if n in prose]
            gone = sorted({r for a, b in spans for r in _mentioned(self.lines[a:b]) if r in self.plan.removed})
            if gone:
                review = _combined(replace.get("review") or m.get("review"), [MENTION.format(id=r) for r in gone])
                replace = {**replace, "review": review}
        if "review" in replace:
            self.out.reviews.append((label, replace["review"]))
        if key == "commitments":
            self._note_references(label, m, replace)
        col = m.lc.key(names[0])[1]
        out = self.lines[start : lines[0]]
        for j, name in enumerate(names):
            original = self.lines[lines[j] : lines[j + 1]]
            if name in replace:
                out += _dump({name: replace[name]}, original[0][:col], col)
            elif name in prose:
                out += self._prose(original, label, reviewable=key in REVIEWABLE)
            else:
                out += original
            if j == 0 and "review" in replace and "review" not in m:
                out += _dump({"review": replace["review"]}, " " * col, col)
        return out

    def _new(self, key: str, e: Entry, seq: CommentedSeq) -> list[str]:
        """A new entry, with its printed wording and the fields a person is to fill in."""
        entry: dict[str, Any]
        if key == "commitments":
            number = int(e.key.split(".")[0])
            empty: dict[str, Any] = {f: [] for f in ("facts", "terms", "related", "principles", "examples", "counterparts")}
            entry = {"id": e.key, "review": e.review, "section": number, "sector": e.extra, "text": e.text, "summary": e.text}
            entry |= empty
        elif key == "principles":
            entry = {"name": e.key, "review": e.review, "text": e.text, "summary": e.text, "terms": [], "examples": []}
        elif key == "sections":
            entry = {"number": int(e.key), "title": e.text, "theme": e.extra}
        else:
            entry = {"id": e.key, "title": e.text}
        if e.review:
            self.out.reviews.append((f"{SINGULAR[key]} {e.key}", e.review))
        dash = max(seq.lc.item(0)[1] - 2, 0)
        return _dump([entry], " " * dash, dash)

    # --- commitment numbers ----------------------------------------------------------------------

    def _prose(self, lines: list[str], label: str, reviewable: bool) -> list[str]:
        """Renumber the commitments lines mention (comments aside); a removed one is left for a person."""
        renumbered, removed = self.plan.renumbered, self.plan.removed
        out = []
        for line in lines:
            if line.lstrip().startswith("#"):
                out.append(line)
                continue
            swapped: list[str] = []

            def swap(m: re.Match[str]) -> str:
                old = m.group("a")
                mention = f"{label} names commitment {old}, which the new version removes"
                if old in removed and not reviewable and mention not in self.out.by_hand:
                    self.out.by_hand.append(mention)
                if old in renumbered:
                    swapped.append(f"{old} → {renumbered[old]}")
                return renumbered.get(old, old)

            out.append(NUMBER_NAMED.sub(swap, line))
            if swapped:
                self.out.references.append(f"{label}: {', '.join(swapped)} (in the text: check the sentence still reads right)")
        return out

    def _note_references(self, label: str, m: CommentedMap, replace: dict[str, Any]) -> None:
        """Say how a commitment's lists of other commitments and principles changed."""
        plan = self.plan
        for name in sorted(REFERENCES["commitments"] & replace.keys()):
            removed, renamed = (
                (plan.removed_principles, plan.renamed) if name == "principles" else (plan.removed, plan.renumbered)
            )
            moves = [
                f"{r} removed" if r in removed else f"{r} → {renamed[r]}"
                for r in map(str, m.get(name, []))
                if r in removed or r in renamed
            ]
            self.out.references.append(f"{label}: {name} {', '.join(moves)}")


def _mentioned(lines: list[str]) -> Iterator[str]:
    for line in lines:
        if not line.lstrip().startswith("#"):
            yield from NUMBER_NAMED.findall(line)


def _combined(review: str | None, reasons: list[str]) -> str:
    """An entry's review reasons, with those an earlier import gave that are still there."""
    earlier = [r for r in (review or "").split("; ") if r]
    return "; ".join(earlier + [r for r in reasons if r not in earlier])


def _differs(old: Any, new: Any) -> bool:
    if isinstance(new, list):
        return [str(v) for v in old or []] != [str(v) for v in new]
    return str(old) != str(new)


def _key(key: str, m: CommentedMap, index: int) -> str:
    """How the plan names an entry of a list: its id, name or number; an escalation step by position."""
    if key == "escalation":
        return str(index + 1)
    return str(m[{"sections": "number", "principles": "name"}.get(key, "id")])


def _label(key: str, m: CommentedMap, index: int, now: str | None = None) -> str:
    """An entry as the change report names it: "commitment 2.2", "topic funding", "escalation step 2"."""
    if key not in SINGULAR:
        name = m.get("id") or m.get("name") or m.get("key")
        return f"{key}[{index}]" + (f" ({name})" if name else "")
    old = _key(key, m, index)
    return f"{SINGULAR[key]} {old}" + (f" (now {now})" if now and now != old else "")


def _dump(value: Any, first: str, col: int) -> list[str]:
    """``value`` as YAML lines: the first after ``first`` ("- " or spaces), the rest indented by ``col``."""
    buffer = io.StringIO()
    _dumper().dump(_styled(value), buffer)
    lines = buffer.getvalue().splitlines(keepends=True)
    return [first + lines[0]] + [" " * col + line if line.strip() else line for line in lines[1:]]


def _styled(value: Any) -> Any:
    """Wording with line breaks (a list inside a commitment) as a literal block, as the file keeps it."""
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, dict):
        return {k: _styled(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_styled(v) for v in value]
    return value
