"""Sending to the Bot Framework connector, against the stand-in: token caching, retries, refresh."""

from __future__ import annotations

import asyncio

import pytest

from bot.teams_connector import MAX_RETRY_WAIT_SECONDS, Connector, ConnectorSettings, activities_url, retry_wait
from tests.botframework_standin import APP_ID, APP_PASSWORD, StandIn


@pytest.fixture
def bf():
    standin = StandIn().start()
    yield standin
    standin.stop()


def send_all(connector: Connector, bf: StandIn, n: int) -> list[bool]:
    async def go():
        try:
            return [await connector.send(bf.service_url, "a:conv/1;x", {"type": "message", "text": str(i)}) for i in range(n)]
        finally:
            await connector.close()

    return asyncio.run(go())


def test_the_token_is_fetched_once_and_reused(bf):
    connector = Connector(ConnectorSettings(APP_ID, APP_PASSWORD, bf.token_url))
    assert send_all(connector, bf, 3) == [True, True, True]
    assert bf.counts["token"] == 1
    assert [a["text"] for a in bf.sent_to("a:conv/1;x")] == ["0", "1", "2"], "the conversation id survives URL quoting"


def test_busy_answers_are_retried(bf):
    bf.fail_next[:] = [429, 502]
    assert send_all(Connector(ConnectorSettings(APP_ID, APP_PASSWORD, bf.token_url)), bf, 1) == [True]


def test_a_rejected_token_is_refreshed_once(bf):
    connector = Connector(ConnectorSettings(APP_ID, APP_PASSWORD, bf.token_url))
    connector.cached = ("stale-token", float("inf"))
    assert send_all(connector, bf, 1) == [True] and bf.counts["token"] == 1


def test_giving_up_is_reported_and_logged(bf, caplog):
    bf.fail_next[:] = [503] * 10
    assert send_all(Connector(ConnectorSettings(APP_ID, APP_PASSWORD, bf.token_url)), bf, 1) == [False]
    assert "teams reply not delivered: type=message status=503" in caplog.text


def test_wrong_credentials_are_reported(bf):
    assert send_all(Connector(ConnectorSettings(APP_ID, "wrong", bf.token_url)), bf, 1) == [False]


def test_retry_wait_honours_retry_after_within_limits():
    assert retry_wait(0, None) == 0.5 and retry_wait(2, None) == 2.0
    assert retry_wait(0, "1.5") == 1.5 and retry_wait(0, "3600") == MAX_RETRY_WAIT_SECONDS
    assert retry_wait(1, "Wed, 21 Oct 2026 07:28:00 GMT") == 1.0


def test_the_conversation_id_is_quoted_in_the_url():
    assert (
        activities_url("https://smba.example/emea/", "19:abc@thread.tacv2;messageid=1")
        == "https://smba.example/emea/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1/activities"
    )
