"""Checks bot/wording.yaml against the code that uses it, so an edited sentence can never fail
in front of a user: every key the code names exists, every template gets each value it uses
from every caller, and every template is used somewhere. Run by `make validate` and the tests.

Python uses a template as ``say("group.key", name=value, …)``. A key may also be chosen from a
table (``say(key, …)``): then every key named in the same function (or, at module level, in the
module) must make do with the values every such call gives. The widget uses
``t("key", { name: value })`` in widget/widget.js for the keys of the ``widget`` group.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from compact.wording import Wording, WordingError, load

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ("compact", "actions", "bot")
WIDGET_SCRIPT = ROOT / "widget" / "widget.js"
WIDGET_GROUP = "widget"
WIDGET_CALL = re.compile(r"\bt\(\s*\"(?P<key>\w+)\"\s*(?:,\s*\{(?P<values>[^}]*)\})?\s*\)")
WIDGET_ANY_CALL = re.compile(r"(?<!function )\bt\(")


@dataclass(frozen=True)
class Use:
    """A key the code names, with the values it gives (``None``: the key was not found)."""

    key: str
    given: frozenset[str]
    where: str


def _is_say(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "say"


class _Scope:
    def __init__(self) -> None:
        self.named: list[tuple[str, int, str | None]] = []  # key constants not passed straight to say(), and
        # the variable each was assigned to, if any
        self.chosen_calls: list[tuple[str | None, frozenset[str]]] = []  # say(<variable>, …): its name and values

    def given(self, variable: str | None, fallback: frozenset[str]) -> frozenset[str]:
        """The values every say() call that may use a key assigned to ``variable`` gives."""
        calls = [g for name, g in self.chosen_calls if variable is None or name == variable]
        return _common(calls) if calls else fallback


def python_uses(path: Path, keys: set[str], problems: list[str]) -> list[Use]:
    """The wording keys one module names, and the values each use gives."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    uses: list[Use] = []
    module = _Scope()
    scopes: dict[int, _Scope] = {}
    direct: set[int] = set()

    def visit(node: ast.AST, scope: _Scope, variable: str | None) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            scope, variable = scopes.setdefault(id(node), _Scope()), None
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            variable = node.targets[0].id
        if _is_say(node):
            assert isinstance(node, ast.Call)
            given = frozenset(k.arg for k in node.keywords if k.arg)
            if any(k.arg is None for k in node.keywords) or len(node.args) != 1:
                problems.append(f"{rel}:{node.lineno}: say() takes one key and named values (no *args or **values)")
            first = node.args[0] if node.args else None
            # Keys written in the call itself (say("a" if x else "b", …)) get exactly its values.
            for key in ast.walk(first) if first else ():
                if isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value in keys | {first_key(first)}:
                    direct.add(id(key))
                    uses.append(Use(key.value, given, f"{rel}:{node.lineno}"))
            if first is not None and first_key(first) is None:
                scope.chosen_calls.append((_root(first), given))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in keys and id(node) not in direct:
            scope.named.append((node.value, node.lineno, variable))
        for child in ast.iter_child_nodes(node):
            visit(child, scope, variable)

    visit(tree, module, None)
    # A table at module level (KEYS = {...}) serves calls in any function: say(KEYS[x], …).
    for scope in scopes.values():
        module.chosen_calls += [(name, g) for name, g in scope.chosen_calls if name is not None and name.isupper()]
    everywhere = _common([g for s in (module, *scopes.values()) for _, g in s.chosen_calls])
    for scope in (module, *scopes.values()):
        for key, line, variable in scope.named:
            uses.append(Use(key, scope.given(variable, everywhere), f"{rel}:{line}"))
    return uses


def first_key(node: ast.AST) -> str | None:
    """The key of say("key", …), or None when it is chosen (a variable, a table, a condition)."""
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _root(node: ast.AST) -> str | None:
    """The variable a chosen key comes from: ``key`` or the table in ``TABLE[...]``."""
    while isinstance(node, ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _common(calls: list[frozenset[str]]) -> frozenset[str]:
    """The values every one of ``calls`` gives."""
    return frozenset.intersection(*calls) if calls else frozenset()


def widget_uses(script: str, problems: list[str]) -> list[Use]:
    """The widget group's keys widget.js names, with the values each call gives."""
    uses = []
    for m in WIDGET_CALL.finditer(script):
        given = frozenset(re.findall(r"(\w+)\s*:", m["values"] or ""))
        line = script.count("\n", 0, m.start()) + 1
        uses.append(Use(f"{WIDGET_GROUP}.{m['key']}", given, f"widget/widget.js:{line}"))
    calls = len(WIDGET_ANY_CALL.findall(script))
    if calls != len(uses):
        problems.append(f'widget/widget.js: {calls - len(uses)} t() call(s) without a literal key (write t("key", {{…}}))')
    return uses


def problems(words: Wording, python_files: list[Path], script: str) -> list[str]:
    """Everything wrong between the wording file and the code, as sentences; empty when all is well."""
    found: list[str] = []
    keys = set(words.templates)
    uses = [u for f in python_files for u in python_uses(f, keys, found)] + widget_uses(script, found)
    for use in uses:
        if use.key not in keys:
            found.append(f"{use.where}: no wording for {use.key} in {words.path.name}")
        elif missing := words.fields[use.key] - use.given:
            given = ", ".join(sorted(use.given)) or "no values"
            found.append(f"{words.path.name}: {use.key} uses {{{'}, {'.join(sorted(missing))}}}, but {use.where} gives {given}")
    unused = keys - {u.key for u in uses}
    found += [
        f"{words.path.name}: {key} is not used anywhere (remove it, or ask a developer to use it)" for key in sorted(unused)
    ]
    return found


def main() -> int:
    try:
        words = load()
    except WordingError as e:
        print(e)
        return 1
    files = sorted(f for d in PYTHON for f in (ROOT / d).rglob("*.py"))
    found = problems(words, files, WIDGET_SCRIPT.read_text(encoding="utf-8"))
    for line in found:
        print(line)
    if not found:
        print(f"{words.path.relative_to(ROOT)}: {len(words.templates)} templates, each used and given its values")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
