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
