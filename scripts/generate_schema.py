"""Generate knowledge/schema.json, the JSON Schema of knowledge/commitments.yaml, from the pydantic
models that check the file when it is loaded (compact/knowledge.py), so the rules are written once.
Editors that read the file's first line (`# yaml-language-server: $schema=schema.json`, e.g. VS Code
with the YAML extension) then check the YAML as it is typed. tests/test_knowledge.py checks the
committed file is current.

    python scripts/generate_schema.py            # write the file
    python scripts/generate_schema.py --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.generated import write_or_check  # noqa: E402

from compact.knowledge_schema import KnowledgeFile  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "knowledge" / "schema.json"


def render() -> str:
    return json.dumps(KnowledgeFile.schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    return write_or_check(OUT, render(), argv, "python scripts/generate_schema.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
