"""Rasa keeps a pool of connections to the action server (bot/platform/speedups.py). The action
server must keep an idle connection open longer than that pool does: one it closes while the pool
still holds it can be the one a turn is sent on (aio-libs/aiohttp#9138), and the turn fails."""

from __future__ import annotations

import http.client
import time

from bot.platform.speedups import POOL_IDLE_SECONDS


def idle_then_reuse(port: int, path: str, idle: float) -> tuple[int, bool]:
    """A request, ``idle`` seconds of nothing, a second request on the same connection: its status
    and whether the first connection carried it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        connection.getresponse().read()
        first = connection.sock
        time.sleep(idle)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, connection.sock is first
    finally:
        connection.close()


def test_the_action_server_keeps_an_idle_connection_longer_than_rasas_pool(bot):
    running, _ = bot
    assert idle_then_reuse(running.action_port, "/health", POOL_IDLE_SECONDS + 1) == (200, True)
