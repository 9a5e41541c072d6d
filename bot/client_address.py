"""The address a request really comes from, for per-address limits.

Behind a reverse proxy every request's socket peer is the proxy, so the client's address is
taken from ``X-Forwarded-For``, but only when the peer is a proxy the operator named in
``COMPACT_TRUSTED_PROXIES`` (addresses or networks): anyone else could write that header
themselves and pick a fresh address for every request. The header is read from the right,
skipping trusted proxies; the first address that is not one is the client.
"""
from __future__ import annotations

import ipaddress
import os
from typing import Iterable, Union

Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]
TRUSTED_PROXIES_ENV = "COMPACT_TRUSTED_PROXIES"


def parse_networks(value: str | None) -> tuple[Network, ...]:
    """``"127.0.0.1, 10.0.0.0/8"`` → networks; a wrong entry stops start-up with a message naming it."""
    networks = []
    for item in (value or "").replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"{TRUSTED_PROXIES_ENV}: {item!r} is not an IP address or network like 10.0.0.0/8") from None
    return tuple(networks)


def trusted_from_environment() -> tuple[Network, ...]:
    return parse_networks(os.environ.get(TRUSTED_PROXIES_ENV))


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def client_address(peer: str, forwarded_for: Iterable[str], trusted: tuple[Network, ...]) -> str:
    """The client's address: ``peer`` itself unless it is a trusted proxy (see the module)."""
    if not _is_trusted(peer, trusted):
        return peer
    hops = [hop.strip() for header in forwarded_for for hop in header.split(",")]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return peer  # a damaged header: count the request against the proxy itself
        if not _is_trusted(hop, trusted):
            return hop
    return hops[0] if hops else peer  # every hop is one of ours: the first is the client
