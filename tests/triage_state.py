"""Triage slot values for the unit tests: ``state(commitment="13.2", start="2 weeks")``."""

from __future__ import annotations

from datetime import date

from compact.triage import SLOTS

TODAY = date(2026, 11, 25)


def state(**values: str) -> dict[str, str | None]:
    slots: dict[str, str | None] = dict.fromkeys(SLOTS)
    slots.update({f"triage_{k}": v for k, v in values.items()})
    return slots
