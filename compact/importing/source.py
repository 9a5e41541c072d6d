"""A version of the Compact as lines of text: a .txt file as it is; a .docx (how councils publish)
paragraph by paragraph, tables row by row, with the numbers of Word's automatic list numbering
written in front of the paragraphs they number, as a reader sees them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import docx
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_SUFFIXES = (".txt",)
ROMAN: tuple[tuple[int, str], ...] = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
    (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


class SourceError(ValueError):
    """The document cannot be read, or does not look like a version of the Compact."""


@dataclass(frozen=True)
class Source:
    lines: tuple[str, ...]
    notes: tuple[str, ...] = ()  # how it was read, for the change report (Word's numbering found or not)


def read_source(path: Path) -> Source:
    """The document's lines, from a .txt (UTF-8) or .docx file."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            return docx_source(path)
        if suffix in TEXT_SUFFIXES:
            return Source(tuple(path.read_text(encoding="utf-8-sig").splitlines()))
    except OSError as exc:
        raise SourceError(f"cannot read it: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 text ({exc.reason})") from exc
    raise SourceError("expected a .txt or .docx file (save other formats from Word as .docx)")


def docx_source(path: Path) -> Source:
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a Word document
        raise SourceError(f"not a readable .docx file ({exc})") from exc
    numbering = Numbering(document)
    lines: list[str] = []
    for block in _blocks(document.element.body):
        if block.tag == f"{W}p":
            lines += numbering.paragraph(block).split("\n")
        else:  # a table: a row is a line, its cells side by side
            for row in block.findall(f"{W}tr"):
                cells = (" ".join(numbering.paragraph(p) for p in cell.findall(f"{W}p")) for cell in row.findall(f"{W}tc"))
                lines.append(" ".join(c.replace("\n", " ") for c in cells))
    return Source(tuple(lines), numbering.notes())


def _blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables in reading order, including those inside content controls."""
    for child in parent:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def paragraph_text(p: etree._Element) -> str:
    """What a paragraph prints: its text with tracked insertions and without deletions (Word keeps
    deleted text as w:delText), a tab as a space and a line break as a new line."""
    parts = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        tag = el.tag[len(W) :]
        parts.append((el.text or "") if tag == "t" else {"tab": " ", "noBreakHyphen": "-"}.get(tag, "\n"))
    return "".join(parts)


@dataclass
class _Level:
    start: int = 1
    format: str = "decimal"
    text: str = ""


@dataclass
class Numbering:
    """Word's automatic numbering, counted as Word counts it: a counter per list definition and level,
    deeper levels restarting when a higher one advances, a list restarted where a numbering instance
    overrides its start. Formats: decimal, letters, roman numerals, bullets (written "-")."""

    document: docx.document.Document
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> levels
    links: dict[str, str] = field(default_factory=dict)  # abstractNumId -> the list style whose numbering it uses
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId -> abstractNumId, start overrides
    styles: dict[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)  # style -> numId, ilvl, based on
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)
    numbered: int = 0
    unsupported: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        try:
            root = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # no numbering part: nothing is auto-numbered
            root = None
        if root is not None:
            for abstract in root.findall(f"{W}abstractNum"):
                if (link := _val(abstract, "numStyleLink")) is not None:
                    self.links[abstract.get(f"{W}abstractNumId")] = link
                self.levels[abstract.get(f"{W}abstractNumId")] = {
                    int(lvl.get(f"{W}ilvl")): _Level(
                        int(_val(lvl, "start") or 1), _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or ""
                    )
                    for lvl in abstract.findall(f"{W}lvl")
                }
            for num in root.findall(f"{W}num"):
                overrides = {
                    int(o.get(f"{W}ilvl")): int(_val(o, "startOverride") or 1)
                    for o in num.findall(f"{W}lvlOverride")
                    if o.find(f"{W}startOverride") is not None
                }
                self.instances[num.get(f"{W}numId")] = (_val(num, "abstractNumId") or "", overrides)
        for style in self.document.styles.element.findall(f"{W}style"):
            numpr = style.find(f"{W}pPr/{W}numPr")
            num_id = _val(numpr, "numId") if numpr is not None else None
            ilvl = _val(numpr, "ilvl") if numpr is not None else None
            self.styles[style.get(f"{W}styleId")] = (num_id, ilvl, _val(style, "basedOn"))

    def paragraph(self, p: etree._Element) -> str:
        """The paragraph's text, preceded by its automatic number, if it has one."""
        text = re.sub(r"[ \t]+", " ", paragraph_text(p)).strip()
        number = self._number(p)
        return f"{number} {text}" if number and text else text

    def _number(self, p: etree._Element) -> str | None:
        numpr = p.find(f"{W}pPr/{W}numPr")
        num_id, ilvl = (_val(numpr, "numId"), _val(numpr, "ilvl")) if numpr is not None else (None, None)
        style_num, style_ilvl = self._style_numbering(_val(p.find(f"{W}pPr"), "pStyle"))
        num_id, level = num_id or style_num, int(ilvl or style_ilvl or 0)
        if not num_id or num_id == "0" or num_id not in self.instances:
            return None
        abstract, overrides = self.instances[num_id]
        abstract = self._linked(abstract)
        levels = self.levels.get(abstract, {})
        counters = self.counters.setdefault(abstract, [None] * 9)
        if num_id not in self.started:  # a list that restarts its numbering where it begins
            self.started.add(num_id)
            for at, start in overrides.items():
                counters[at] = start - 1
        current = counters[level]
        counters[level] = levels.get(level, _Level()).start if current is None else current + 1
        counters[level + 1 :] = [None] * (8 - level)
        self.numbered += 1
        if levels.get(level, _Level()).format == "bullet":
            return "-"

        def value(m: re.Match[str]) -> str:
            at = int(m.group(1)) - 1
            lvl = levels.get(at, _Level())
            count = counters[at]
            return self._format(lvl.start if count is None else count, lvl.format)

        return re.sub(r"%([1-9])", value, levels.get(level, _Level(text=f"%{level + 1}.")).text).strip() or None

    def _linked(self, abstract: str) -> str:
        """The list definition that numbers a definition linked to a list style (Word's multilevel list styles)."""
        seen: set[str] = set()
        while abstract in self.links and abstract not in seen:
            seen.add(abstract)
            num_id, _ = self._style_numbering(self.links[abstract])
            if not num_id or num_id not in self.instances:
                break
            abstract = self.instances[num_id][0]
        return abstract

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        """The numbering a paragraph style gives, following the styles it is based on."""
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            num_id, ilvl, based_on = self.styles[style_id]
            if num_id:
                return num_id, ilvl
            style_id = based_on
        return None, None

    def _format(self, n: int, kind: str) -> str:
        if kind in ("lowerLetter", "upperLetter"):
            letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
            return letters.upper() if kind == "upperLetter" else letters
        if kind in ("lowerRoman", "upperRoman"):
            roman = ""
            for value, numeral in ROMAN:
                while n >= value:
                    roman, n = roman + numeral, n - value
            return roman.upper() if kind == "upperRoman" else roman
        if kind == "decimalZero":
            return f"{n:02d}"
        if kind == "none":
            return ""
        if kind != "decimal":
            self.unsupported.add(kind)
        return str(n)

    def notes(self) -> tuple[str, ...]:
        if not self.numbered:
            return ("Word's automatic numbering: not found in this document; every number was read from the text as typed.",)
        notes = [
            f"Word's automatic numbering: {self.numbered} numbered paragraphs; their numbers were worked out from the "
            "document's numbering definitions, as Word shows them. Check the renumbered commitments below against the "
            "document as Word displays it."
        ]
        if self.unsupported:
            notes.append(f"Numbering formats read as plain numbers: {', '.join(sorted(self.unsupported))}.")
        return tuple(notes)


def _val(parent: etree._Element | None, child: str) -> str | None:
    """The w:val of a child element (``<w:start w:val="1"/>``), or None."""
    el = parent.find(f"{W}{child}") if parent is not None else None
    return el.get(f"{W}val") if el is not None else None
