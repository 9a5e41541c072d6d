"""The address a request really comes from, for per-address limits.

Behind a reverse proxy every request's socket peer is the proxy, so the client's address is
taken from ``X-Forwarded-For``, but only when the peer is a proxy the operator named in
``COMPACT_TRUSTED_PROXIES`` (addresses or networks, compact/settings.py): anyone else could write that header
themselves and pick a fresh address for every request. The header is read from the right,
skipping trusted proxies; the first address that is not one is the client.
"""

from __future__ import annotations

import ipaddress
from typing import Iterable, Union

Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]


def _parsed(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None


def _is_trusted(ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None, trusted: tuple[Network, ...]) -> bool:
    return ip is not None and any(ip in network for network in trusted)


def client_address(peer: str, forwarded_for: Iterable[str], trusted: tuple[Network, ...]) -> str:
    """The client's address: ``peer`` itself unless it is a trusted proxy (see the module)."""
    if not _is_trusted(_parsed(peer), trusted):
        return peer
    hops = [hop.strip() for header in forwarded_for for hop in header.split(",")]
    for hop in reversed(hops):
        ip = _parsed(hop)
        if ip is None:
            return peer  # a damaged header: count the request against the proxy itself
        if not _is_trusted(ip, trusted):
            return hop
    return hops[0] if hops else peer  # every hop is one of ours: the first is the client
