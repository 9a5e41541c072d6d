"""Per-address limits count the real client, and nobody else can choose what is counted."""

from __future__ import annotations

import pytest

from bot.client_address import client_address
from compact.settings import SettingsError, from_environment

PROXY = tuple(from_environment({"COMPACT_TRUSTED_PROXIES": "10.0.0.5, 192.168.0.0/16"}).trusted_proxies)


def test_without_a_trusted_proxy_the_header_is_ignored():
    assert client_address("203.0.113.9", ["1.2.3.4"], ()) == "203.0.113.9"
    assert client_address("203.0.113.9", ["1.2.3.4"], PROXY) == "203.0.113.9", "the peer is not our proxy"


def test_behind_a_trusted_proxy_the_nearest_untrusted_hop_is_the_client():
    assert client_address("10.0.0.5", ["198.51.100.7"], PROXY) == "198.51.100.7"
    # The client wrote its own X-Forwarded-For; our proxy appended the real address.
    assert client_address("10.0.0.5", ["6.6.6.6, 198.51.100.7"], PROXY) == "198.51.100.7"
    assert client_address("10.0.0.5", ["198.51.100.7, 192.168.1.1"], PROXY) == "198.51.100.7", "a chain of our proxies"
    assert client_address("10.0.0.5", [], PROXY) == "10.0.0.5"
    assert client_address("10.0.0.5", ["not-an-ip"], PROXY) == "10.0.0.5"


@pytest.mark.parametrize("bad", ["10.0.0.300", "proxy.example", "10.0.0.0/33"])
def test_a_wrong_proxy_setting_names_the_variable(bad):
    with pytest.raises(SettingsError, match="COMPACT_TRUSTED_PROXIES.*IP addresses or networks"):
        from_environment({"COMPACT_TRUSTED_PROXIES": f"10.0.0.1 {bad}"})
