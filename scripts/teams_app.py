"""Build the Teams app package, teams-app.zip: manifest.json (schema v1.22) and its two icons.

    TEAMS_APP_ID=<bot's Microsoft app id> TEAMS_PUBLIC_HOST=compact.example.gov.uk make teams-app

Other settings (environment): TEAMS_PACKAGE_ID (the Teams app's own id; default the bot's app
id), TEAMS_DEVELOPER_NAME, TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL, TEAMS_APP_VERSION.
The command list's example questions come from the knowledge file (one per measurable duty).
When the test tools are installed (tests/npm), the manifest is validated against Microsoft's
published schema before the package is written. Docs: docs/teams.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compact.knowledge import Knowledge, load  # noqa: E402

MANIFEST_VERSION = "1.22"  # "the current version" on Microsoft Learn's manifest schema page
SCHEMA = (
    ROOT
    / "tests"
    / "npm"
    / "node_modules"
    / "@microsoft"
    / "app-manifest"
    / "build"
    / "json-schemas"
    / "teams"
    / f"v{MANIFEST_VERSION}"
    / "MicrosoftTeams.schema.json"
)
ACCENT = (0x1D, 0x4F, 0x91)
SCOPES = ["personal", "team", "groupChat"]
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
MAX_COMMAND_TITLE = 32
MAX_COMMAND_DESCRIPTION = 128


QUESTION_WORDS = ("how", "what", "when", "is", "can", "do", "does", "should", "must", "who")


def example_commands(k: Knowledge) -> list[dict[str, str]]:
    """One example for each duty the triage can check against dates, from the commitments'
    curated examples: a question if there is one short enough, else the most descriptive."""
    best: dict[str, tuple[tuple[int, int], str, str]] = {}
    for c in k.commitments.values():
        for measure in {f.measure for f in c.facts if f.measure}:
            for example in (e for e in c.examples if len(e) <= MAX_COMMAND_TITLE):
                asks = example.endswith("?") or example.split()[0].lower() in QUESTION_WORDS
                rank = (0 if asks else 1, -len(example))
                if measure not in best or rank < best[measure][0]:
                    best[measure] = (rank, example, c.id)
    commands = []
    for _, example, cid in sorted(best.values(), key=lambda b: b[2]):
        c = k.commitments[cid]
        commands.append(
            {
                "title": example[0].upper() + example[1:],
                "description": f"Commitment {c.id}: {c.summary}"[:MAX_COMMAND_DESCRIPTION],
            }
        )
    return commands


def manifest(app_id: str, host: str, k: Knowledge, env: dict[str, str]) -> dict[str, Any]:
    site = env.get("TEAMS_WEBSITE_URL") or f"https://{host}/widget/"
    commands = [
        {"title": "What can you help with?", "description": "What the assistant answers, with example questions"},
        {
            "title": "Report a breach of the Compact",
            "description": "Step-by-step help when a Compact commitment may not have been kept",
        },
    ]
    return {
        "$schema": f"https://developer.microsoft.com/json-schemas/teams/v{MANIFEST_VERSION}/MicrosoftTeams.schema.json",
        "manifestVersion": MANIFEST_VERSION,
        "version": env.get("TEAMS_APP_VERSION", "1.0.0"),
        "id": env.get("TEAMS_PACKAGE_ID") or app_id,
        "developer": {
            "name": env.get("TEAMS_DEVELOPER_NAME", "Derby and Derbyshire Compact"),
            "websiteUrl": site,
            "privacyUrl": env.get("TEAMS_PRIVACY_URL") or site,
            "termsOfUseUrl": env.get("TEAMS_TERMS_URL") or site,
        },
        "name": {"short": "Compact assistant", "full": "Derby and Derbyshire Compact assistant"},
        "description": {
            "short": "Answers questions on the Derby and Derbyshire Compact, citing the commitment.",
            "full": (
                "Ask how councils, the NHS and other public bodies work with voluntary and community organisations "
                "under the Derby and Derbyshire Compact. Each answer cites the commitment by number, says who it binds "
                "and quotes it. If something has gone wrong, the assistant finds the commitment at stake and walks "
                "through the escalation steps. It gives no legal advice."
            ),
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": "#{:02X}{:02X}{:02X}".format(*ACCENT),
        "bots": [
            {
                "botId": app_id,
                "scopes": SCOPES,
                "isNotificationOnly": False,
                "supportsFiles": False,
                "commandLists": [{"scopes": SCOPES, "commands": (commands + example_commands(k))[:10]}],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [host],
    }


def bubble(size: int, fill: tuple[int, ...] | None, line: tuple[int, ...], background: tuple[int, ...]) -> bytes:
    """A speech bubble icon, drawn so the package needs no image files in the repository."""
    image = Image.new("RGBA", (size, size), background)
    draw = ImageDraw.Draw(image)
    s = size / 32
    width = max(1, round(2 * s))
    draw.rounded_rectangle([4 * s, 5 * s, 28 * s, 22 * s], radius=5 * s, fill=fill, outline=line, width=width)
    draw.polygon([(9 * s, 21 * s), (9 * s, 28 * s), (16 * s, 21 * s)], fill=fill or line)
    for x in (11, 16, 21):
        draw.ellipse([(x - 1.5) * s, 12 * s, (x + 1.5) * s, 15 * s], fill=line)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def icons() -> dict[str, bytes]:
    white, clear = (255, 255, 255, 255), (0, 0, 0, 0)
    return {"color.png": bubble(192, white, (*ACCENT, 255), (*ACCENT, 255)), "outline.png": bubble(32, None, white, clear)}


def validate(data: dict[str, Any], schema_path: Path = SCHEMA) -> list[str]:
    """Problems with the manifest according to Microsoft's schema (empty: valid)."""
    import jsonschema

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in validator.iter_errors(data)]


def build(app_id: str, host: str, out: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    env = dict(os.environ if env is None else env)
    if not GUID.match(app_id):
        raise ValueError(f"TEAMS_APP_ID {app_id!r} is not a Microsoft app id (a GUID)")
    if not host or "/" in host or ":" in host:
        raise ValueError(f"TEAMS_PUBLIC_HOST {host!r} must be a host name such as compact.example.gov.uk")
    data = manifest(app_id, host, load(), env)
    if SCHEMA.exists():
        problems = validate(data)
        if problems:
            raise ValueError("the manifest does not match Microsoft's schema:\n  " + "\n  ".join(problems))
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(data, indent=2, ensure_ascii=False))
        for name, png in icons().items():
            z.writestr(name, png)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description="Build the Teams app package (docs/teams.md).")
    parser.add_argument("--app-id", default=os.environ.get("TEAMS_APP_ID", ""))
    parser.add_argument("--host", default=os.environ.get("TEAMS_PUBLIC_HOST", ""), help="the assistant's public host name")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "teams-app.zip")
    args = parser.parse_args()
    try:
        build(args.app_id, args.host, args.out)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    checked = (
        "validated against the v" + MANIFEST_VERSION + " schema"
        if SCHEMA.exists()
        else "not validated (run `make test-deps` for Microsoft's schema)"
    )
    print(f"{args.out} written; manifest {checked}. Upload it in Teams (docs/teams.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
