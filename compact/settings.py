"""Deployment settings that fill what the draft Compact leaves "to be added".

Values come from a YAML file named by ``COMPACT_SETTINGS`` (see ``docs/configuration.md``)
or from environment variables ``COMPACT_<KEY>`` (e.g. ``COMPACT_CRITICAL_FRIEND``), which win.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

import yaml

from compact.knowledge import Knowledge


def load_settings(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    env = os.environ if environ is None else environ
    values: dict[str, str] = {}
    path = env.get("COMPACT_SETTINGS")
    if path:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        if not isinstance(raw, dict):
            raise ValueError(f"{path}: expected a mapping of setting names to text")
        values.update({str(k): str(v).strip() for k, v in raw.items() if v})
    for key, value in env.items():
        if key.startswith("COMPACT_") and key not in ("COMPACT_SETTINGS", "COMPACT_KNOWLEDGE") and value.strip():
            values[key[len("COMPACT_"):].lower()] = value.strip()
    return values


def resolve(knowledge: Knowledge, key: str, settings: Mapping[str, str]) -> str:
    """The configured value for a pending item, or what the draft says about it."""
    item = knowledge.pending[key]
    if settings.get(key):
        return f"{item.label}: {settings[key]}"
    return item.draft_says
