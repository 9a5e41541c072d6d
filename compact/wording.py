"""What the assistant says, as templates in ``bot/wording.yaml`` that a content designer edits.

Python decides which sentence to say and with which values; the file says how. A template is
looked up by its dotted key (``triage.resume``) and filled with named values (``{id}``). The
loader checks every template's placeholders; scripts/check_wording.py checks every call in the
code against the file, so a template can never ask for a value its caller does not give.
"""

from __future__ import annotations

import functools
import string
from pathlib import Path
from typing import Any, Mapping

import yaml

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "bot" / "wording.yaml"


class WordingError(Exception):
    """The wording file is missing or malformed, or a template was asked for wrongly."""


def placeholders(template: str) -> frozenset[str]:
    """The names a template fills in: ``"Step {number} of {count}"`` → {number, count}.
    Raises ValueError for anything but plain names (no ``{0}``, ``{a.b}``, ``{a!r}``, ``{a:>3}``)."""
    names = set()
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(
                f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}} is not a plain {{name}}"
            )
        names.add(name)
    return frozenset(names)


def _flatten(tree: Mapping[str, Any], prefix: str, path: Path) -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, name + ".", path))
        elif isinstance(value, str):
            flat[name] = value
        else:
            raise WordingError(f"{path}: {name} must be text or a group of texts, not {type(value).__name__}")
    return flat


class Wording:
    """The templates of one wording file, checked on loading."""

    def __init__(self, templates: Mapping[str, str], path: Path) -> None:
        self.path = path
        self.templates = dict(templates)
        self.fields: dict[str, frozenset[str]] = {}
        for key, template in self.templates.items():
            try:
                self.fields[key] = placeholders(template)
            except ValueError as e:
                raise WordingError(f"{path}: {key}: {e}") from None

    def __call__(self, key: str, /, **values: object) -> str:
        """The template ``key`` filled with ``values`` (the caller may give more than it uses)."""
        if key not in self.templates:
            raise WordingError(f"{self.path}: no wording for {key}")
        missing = self.fields[key] - values.keys()
        if missing:
            raise WordingError(f"{self.path}: {key} uses {', '.join(sorted(missing))}, which its caller does not give")
        return self.templates[key].format_map(values)

    def group(self, prefix: str) -> dict[str, str]:
        """The templates under ``prefix`` (``"widget"``), keyed without it (for the widget's script)."""
        start = prefix + "."
        return {k[len(start) :]: v for k, v in self.templates.items() if k.startswith(start)}


def load(path: Path = DEFAULT_PATH) -> Wording:
    try:
        tree = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError) as e:
        raise WordingError(f"{path}: cannot read the wording file: {e}") from None
    if not isinstance(tree, Mapping):
        raise WordingError(f"{path}: expected groups of texts")
    return Wording(_flatten(tree, "", path), path)


@functools.lru_cache(maxsize=1)
def wording() -> Wording:
    """The assistant's wording, read once per process."""
    return load()


def say(key: str, /, **values: object) -> str:
    """The sentence ``key`` of ``bot/wording.yaml`` with ``values`` filled in."""
    return wording()(key, **values)


def spoken_list(items: list[str]) -> str:
    """ "13.1, 13.2 and 13.3" (the separator and the "and" come from the wording file)."""
    if len(items) < 2:
        return "".join(items)
    return say("list.and", items=say("list.separator").join(items[:-1]), last=items[-1])
