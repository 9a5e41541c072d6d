"""The wording file (bot/wording.yaml): every template renders with the values its callers give,
and the check that proves it catches each way an edit can go wrong."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from bot.widget_files import WORDING_MARKER, load_static, with_wording
from compact.wording import DEFAULT_PATH, Wording, WordingError, load, placeholders, say, spoken_list
from scripts.check_wording import PYTHON, ROOT, WIDGET_SCRIPT, main, problems

PYTHON_FILES = sorted(f for d in PYTHON for f in (ROOT / d).rglob("*.py"))
SCRIPT = WIDGET_SCRIPT.read_text(encoding="utf-8")


def words(**templates: str) -> Wording:
    return Wording(templates, Path("wording.yaml"))


def module(tmp_path: Path, code: str) -> list[Path]:
    path = tmp_path / "mod.py"
    path.write_text(textwrap.dedent(code))
    return [path]


def test_every_template_is_used_and_gets_its_values() -> None:
    assert problems(load(), PYTHON_FILES, SCRIPT) == []
    assert main() == 0


def test_every_template_renders_with_the_values_it_names() -> None:
    w = load()
    for key, fields in w.fields.items():
        text = w(key, **{f: f"<{f}>" for f in fields})
        assert text.strip() and all(f"<{f}>" in text for f in fields), key


def test_say_fills_placeholders_and_keeps_doubled_braces() -> None:
    w = words(a="Step {number} of {count} {{literal}}")
    assert w("a", number=2, count=4, unused="x") == "Step 2 of 4 {literal}"


def test_a_missing_value_or_key_is_a_clear_error() -> None:
    w = words(a="Step {number} of {count}")
    with pytest.raises(WordingError, match="a uses count, which its caller does not give"):
        w("a", number=1)
    with pytest.raises(WordingError, match="no wording for b"):
        w("b")


@pytest.mark.parametrize("template", ["{0}", "{a.b}", "{a[0]}", "{a!r}", "{a:>3}", "{}", "{a"])
def test_only_plain_named_placeholders_load(template: str) -> None:
    with pytest.raises(WordingError, match="wording.yaml: bad"):
        Wording({"bad": template}, Path("wording.yaml"))


def test_placeholders() -> None:
    assert placeholders("{a} and {b}, {a} {{c}}") == {"a", "b"}


def test_the_file_loads_as_groups_of_texts(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("group:\n  inner:\n    key: 'Hi {name}'\n")
    assert load(path).templates == {"group.inner.key": "Hi {name}"}
    path.write_text("group:\n  key: 3\n")
    with pytest.raises(WordingError, match="group.key must be text"):
        load(path)
    with pytest.raises(WordingError, match="cannot read"):
        load(tmp_path / "missing.yaml")


def test_lists_are_joined_with_the_files_words() -> None:
    assert spoken_list([]) == "" and spoken_list(["13.1"]) == "13.1"
    assert spoken_list(["13.1", "13.2", "13.3"]) == "13.1, 13.2 and 13.3"


def test_the_check_finds_a_template_asking_for_a_value_no_caller_gives(tmp_path: Path) -> None:
    files = module(tmp_path, 'say("a.b", id=1)\n')
    found = problems(words(**{"a.b": "Commitment {id} ({sector})"}), files, "")
    assert (
        len(found) == 1
        and found[0].startswith("wording.yaml: a.b uses {sector}, but ")
        and found[0].endswith("mod.py:1 gives id")
    )


def test_the_check_finds_unknown_and_unused_keys(tmp_path: Path) -> None:
    files = module(tmp_path, 'say("a.typo")\n')
    found = problems(words(**{"a.b": "text"}), files, "")
    assert any("no wording for a.typo" in f for f in found)
    assert any("a.b is not used anywhere" in f for f in found)


def test_the_check_refuses_splatted_values(tmp_path: Path) -> None:
    files = module(tmp_path, 'values = {}\nsay("a.b", **values)\n')
    assert any("no *args or **values" in f for f in problems(words(**{"a.b": "text"}), files, ""))


def test_keys_chosen_in_code_must_make_do_with_every_callers_values(tmp_path: Path) -> None:
    code = """
        TABLE = {1: "t.one", 2: "t.two"}

        def f(x, ok):
            key = "k.one" if ok else "k.two"
            first = say(key, id=1)
            second = say("c.one" if ok else "c.two", id=1, name=2)
            return first, second, say(TABLE[x], id=1)
    """
    templates = {k: "{id}" for k in ("t.one", "t.two", "k.one", "k.two", "c.one", "c.two")}
    assert problems(words(**templates), module(tmp_path, code), "") == []
    templates["k.two"] = templates["t.two"] = "{id} {name}"
    templates["c.two"] = "{id} {name}"  # this call gives name
    found = problems(words(**templates), module(tmp_path, code), "")
    assert sorted(f.split(" uses")[0] for f in found) == ["wording.yaml: k.two", "wording.yaml: t.two"]


def test_the_check_reads_the_widgets_calls() -> None:
    w = words(**{"widget.download": "Download {filename}", "widget.send": "Send"})
    assert problems(w, [], 't("send"); t("download", { filename: f.name })') == []
    assert "uses {filename}" in problems(w, [], 't("send"); t("download")')[0]
    assert "without a literal key" in problems(w, [], 't("send"); t("download", {filename: 1}); t(name)')[0]


def test_the_widget_is_served_with_its_words() -> None:
    body = load_static()["widget.js"].body.decode()
    assert WORDING_MARKER.decode() not in body
    assert '"send": "Send"' in body and '"download": "Download {filename}"' in body
    with pytest.raises(ValueError, match="exactly once"):
        with_wording(b"var WORDING = {};", load())


def test_no_sentence_is_left_in_the_code() -> None:
    """Strings with a sentence's shape (a capital, words, an ending) in the code that talks to
    users: only the wording file may hold them. Docstrings, log lines, exceptions and the
    developer-facing HTTP errors are not the bot speaking."""
    talking = [ROOT / "compact" / f for f in ("replies.py", "triage_replies.py", "assistant.py", "dates.py")]
    talking += [ROOT / "actions" / "answering.py", ROOT / "actions" / "triage.py"]
    found = []
    for path in talking:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and n.body
            and isinstance(n.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                words_ = node.value.split()
                if len(words_) >= 3 and node.value[:1].isupper() and node.value.rstrip()[-1:] in ".?!:":
                    found.append(f"{path.name}:{node.lineno}: {node.value[:60]}")
    assert found == []


def test_the_default_file_is_in_the_project() -> None:
    assert DEFAULT_PATH == ROOT / "bot" / "wording.yaml" and say("triage.resume").endswith("?")
