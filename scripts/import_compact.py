"""Import a new version of the Compact (.txt or .docx) into knowledge/commitments.yaml.

    make import-compact SOURCE=path/to/final.docx
    python scripts/import_compact.py SOURCE [--dry-run] [--report FILE] [--knowledge FILE] [--save-text FILE]
                                            [--start HEADING] [--end HEADING] [--escalation HEADING] [--similarity N]

Writes a change report (Markdown, default artifacts/compact-import.md) and prints a summary. Then
updates the knowledge file: an entry whose wording is the same, or only renumbered, keeps its curated
help, and every reference to its old number follows it; a removed commitment goes, with the
references to it; a reworded or new entry gets the new wording and a `review:` line, and the
assistant refuses to load the file until a person has checked each such entry and deleted the line
(COMPACT_ALLOW_UNREVIEWED=1 loads it anyway). Importing the version the file already holds changes
nothing. The updated file is checked by the loader before it replaces the old one.

--save-text writes the document's text as read (Word's automatic numbers included), for
knowledge/source/ and the fidelity tests. Exit status 1: the document or the knowledge file could
not be read, or the update would not load.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compact.importing import SIMILAR, Headings, import_compact  # noqa: E402
from compact.importing.report import markdown, summary  # noqa: E402
from compact.importing.source import SourceError, read_source  # noqa: E402
from compact.knowledge import DEFAULT_PATH, KnowledgeError, load  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the new version of the Compact: .txt (UTF-8) or .docx")
    parser.add_argument("--knowledge", type=Path, default=DEFAULT_PATH, help="the knowledge file (default %(default)s)")
    parser.add_argument(
        "--report",
        type=Path,
        default=ROOT / "artifacts" / "compact-import.md",
        help="the change report (artifacts/compact-import.md)",
    )
    parser.add_argument("--dry-run", action="store_true", help="write the report only, not the knowledge file")
    parser.add_argument("--save-text", type=Path, help="also write the document's text as read, for knowledge/source/")
    defaults = Headings()
    parser.add_argument("--start", default=defaults.commitments, help="the heading before the commitments (%(default)r)")
    parser.add_argument("--end", default=defaults.end, help="the heading after them (%(default)r)")
    parser.add_argument("--escalation", default=defaults.escalation, help="the escalation section's heading (%(default)r)")
    parser.add_argument(
        "--similarity",
        type=float,
        default=SIMILAR,
        help="how alike (0-100) a changed wording must be to count as reworded rather than removed and added (%(default)s)",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = arguments(argv)
    try:
        load(args.knowledge, allow_unreviewed=True)
    except KnowledgeError as error:
        print(f"The knowledge file must load before an import; fix it first:\n{error}", file=sys.stderr)
        return 1
    knowledge = args.knowledge.read_text(encoding="utf-8")
    try:
        source = read_source(args.source)
        outcome = import_compact(knowledge, source, Headings(args.start, args.end, args.escalation), args.similarity)
    except SourceError as error:
        print(f"{args.source}: {error}", file=sys.stderr)
        return 1
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(markdown(outcome, str(args.source), str(args.knowledge)), encoding="utf-8")
    if args.save_text:
        args.save_text.write_text("\n".join(source.lines) + "\n", encoding="utf-8")
        print(f"Text as read: {args.save_text}")
    print(summary(outcome))
    print(f"Change report: {args.report}")
    if outcome.text == knowledge:
        return 0
    if args.dry_run:
        print(f"Dry run: {args.knowledge} was not changed.")
        return 0
    return swap_in(args.knowledge, outcome.text, args.report)


def swap_in(path: Path, text: str, report: Path) -> int:
    """Write the updated file beside the old one and swap it in only if the loader reads it (review marks aside)."""
    handle, name = tempfile.mkstemp(prefix=".import-", suffix=".yaml", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(name, path.stat().st_mode & 0o777)  # mkstemp's file is private; keep the old file's permissions
    try:
        load(name, allow_unreviewed=True)
    except KnowledgeError as error:
        rejected = report.with_suffix(".rejected.yaml")
        os.replace(name, rejected)
        print(f"The updated file would not load, so {path} was not changed (kept as {rejected}):\n{error}", file=sys.stderr)
        return 1
    os.replace(name, path)
    print(f"Updated {path}: review the diff and each entry marked `review:`.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
