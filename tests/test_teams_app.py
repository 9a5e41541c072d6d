"""The Teams app package: what is in the zip, and the manifest against Microsoft's schema."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from PIL import Image

from scripts.teams_app import MANIFEST_VERSION, SCHEMA, build, validate

APP_ID = "8f14e45f-ceea-4e7a-9b1d-2c3d4e5f6a7b"


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    out = tmp_path_factory.mktemp("teams") / "teams-app.zip"
    build(APP_ID, "compact.example.gov.uk", out, env={})
    with zipfile.ZipFile(out) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_the_package_holds_the_manifest_and_two_icons_at_its_root(package):
    assert sorted(package) == ["color.png", "manifest.json", "outline.png"]


def test_the_manifest_matches_microsofts_schema(package):
    assert SCHEMA.exists(), f"{SCHEMA} is missing: `make test-deps` installs Microsoft's schemas"
    manifest = json.loads(package["manifest.json"])
    assert manifest["manifestVersion"] == MANIFEST_VERSION and validate(manifest) == []


def test_the_validation_would_catch_a_broken_manifest(package):
    manifest = json.loads(package["manifest.json"])
    manifest["bots"][0]["scopes"] = ["everyone"]
    del manifest["developer"]["privacyUrl"]
    problems = validate(manifest)
    assert any(p.startswith("bots/0/scopes/0") for p in problems) and any("privacyUrl" in p for p in problems)


def test_the_bot_its_scopes_commands_and_domain(package):
    manifest = json.loads(package["manifest.json"])
    bot = manifest["bots"][0]
    assert bot["botId"] == APP_ID == manifest["id"] and bot["scopes"] == ["personal", "team", "groupChat"]
    commands = bot["commandLists"][0]["commands"]
    assert 3 <= len(commands) <= 10 and all(len(c["title"]) <= 32 and len(c["description"]) <= 128 for c in commands)
    assert manifest["validDomains"] == ["compact.example.gov.uk"]
    assert manifest["developer"]["websiteUrl"] == "https://compact.example.gov.uk/widget/"


def test_the_icons_have_the_sizes_teams_requires(package):
    color = Image.open(io.BytesIO(package["color.png"]))
    outline = Image.open(io.BytesIO(package["outline.png"])).convert("RGBA")
    assert color.size == (192, 192) and outline.size == (32, 32)
    pixels = set(outline.getdata())
    assert {(r, g, b) for r, g, b, a in pixels if a} == {(255, 255, 255)}, "outline: white on transparent only"
    assert any(a == 0 for *_, a in pixels)


@pytest.mark.parametrize(
    "app_id, host, words",
    [
        ("not-a-guid", "compact.example.gov.uk", "is not a Microsoft app id"),
        (APP_ID, "https://compact.example.gov.uk/", "must be a host name"),
        (APP_ID, "", "must be a host name"),
    ],
)
def test_wrong_settings_are_refused_with_a_reason(tmp_path, app_id, host, words):
    with pytest.raises(ValueError, match=words):
        build(app_id, host, tmp_path / "x.zip", env={})
    assert not (tmp_path / "x.zip").exists()
