"""Ports for the servers the tests start (scripts/with_assistant.py)."""

from __future__ import annotations

from scripts import with_assistant


def test_a_port_the_system_gives_twice_is_not_handed_out_twice(monkeypatch):
    given = iter([47001, 47001, 47002])

    class Socket:
        def __enter__(self):
            return self

        def __exit__(self, *_):
            return False

        def bind(self, _):
            self.port = next(given)

        def getsockname(self):
            return ("127.0.0.1", self.port)

    monkeypatch.setattr(with_assistant.socket, "socket", Socket)
    monkeypatch.setattr(with_assistant, "_HANDED_OUT", set())
    assert [with_assistant.free_port(), with_assistant.free_port()] == [47001, 47002]
