"""Who may use the REST channel. It is for integrations and local tools: on loopback (``make run``)
it is open to this machine, with conversation ids the client chooses (a request relayed by a
reverse proxy on the same machine is not from this machine, and is refused); whenever the server listens beyond
loopback every request needs the API key (``COMPACT_REST_API_KEY``, sent as
``Authorization: Bearer <key>``), and the server refuses to start without one."""

from __future__ import annotations

import hmac
import ipaddress

from compact.settings import MIN_API_KEY_CHARS

API_KEY_ENV = "COMPACT_REST_API_KEY"


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name or "0.0.0.0" style wildcard: reachable from elsewhere


def required_key(host: str, key: str | None) -> str | None:
    """The key REST requests must carry when the server listens on ``host`` (the configured key,
    or None on loopback without one). Raises ValueError, naming the variable, when one is needed
    and not configured."""
    if key or is_loopback(host):
        return key
    raise ValueError(
        f"the server listens on {host}, beyond this machine, so the REST channel needs an API key: "
        f"set {API_KEY_ENV} to at least {MIN_API_KEY_CHARS} random characters "
        "(python3 -c 'import secrets; print(secrets.token_urlsafe(32))'), or listen on 127.0.0.1"
    )


def authorized(header: str | None, key: str | None, proxied: bool) -> bool:
    """Does an ``Authorization`` header carry ``key``? With no key (loopback), only requests made
    on this machine are allowed: one that came through a proxy (``proxied``: it carries
    ``X-Forwarded-For`` or ``Forwarded``) is from elsewhere, so it needs the key too."""
    if key is None:
        return not proxied
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), key.encode())
