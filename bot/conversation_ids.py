"""Whose conversation is it? Conversation ids per channel, so nobody can read or continue
another person's conversation.

- **Widget**: the server issues the id (``POST /widget/conversation``): 128 random bits plus an
  HMAC of them under the server's secret. The browser sends it back with each message; a
  made-up or altered id is refused. The tracker store holds ``widget:<random part>`` only, so
  even a reader of the database cannot make a token that continues a conversation.
- **Teams**: ``teams:`` and an HMAC, under the same secret, of the Teams conversation and user
  ids (which colleagues can see, so an unkeyed hash of them could be recomputed by anyone).
- **REST**: for integrations; the client names the conversation, but never one in the widget's
  or Teams' namespace. Beyond loopback it needs an API key (bot/rest_access.py).

The secret is ``COMPACT_SECRET`` or, failing that, a file made once with 256 random bits
(``COMPACT_SECRET_FILE``, default ``secret`` beside the SQLite tracker store), readable only by
the server's user (compact/settings.py). Several instances must share it (docs/deployment.md).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import secrets

from compact.settings import MIN_SECRET_CHARS, Settings, settings

WIDGET = "widget:"
TEAMS = "teams:"
RESERVED_PREFIXES = (WIDGET, TEAMS)
RANDOM_BYTES = 16  # 128 bits
MAC_BYTES = 16


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _mac(secret: bytes, purpose: str, value: str, size: int = MAC_BYTES) -> bytes:
    return hmac.new(secret, f"{purpose}|{value}".encode(), hashlib.sha256).digest()[:size]


def issue_widget_token(secret: bytes) -> str:
    """A new widget conversation: ``<random>.<mac>``, both base64url."""
    random_part = _b64(secrets.token_bytes(RANDOM_BYTES))
    return f"{random_part}.{_b64(_mac(secret, 'widget', random_part))}"


def widget_conversation(token: object, secret: bytes) -> str | None:
    """The stored conversation id for a token this server issued, else None."""
    if not isinstance(token, str) or token.count(".") != 1 or len(token) > 64:
        return None
    random_part, mac = token.split(".")
    if len(random_part) != 22 or not hmac.compare_digest(mac, _b64(_mac(secret, "widget", random_part))):
        return None
    return WIDGET + random_part


def teams_conversation(secret: bytes, conversation: str, user: str) -> str:
    """One stored conversation per Teams conversation (chat, group chat, channel thread) and user."""
    return TEAMS + _mac(secret, "teams", f"{conversation}|{user}", 20).hex()


def rest_sender_allowed(sender: str) -> bool:
    """REST clients name their conversations, outside the other channels' namespaces."""
    return not sender.lower().startswith(RESERVED_PREFIXES)


def load_secret(config: Settings) -> bytes:
    """The server's secret (see the module's docstring)."""
    if config.secret:
        return config.secret.encode()
    path = config.secret_file or config.tracker_db.parent / "secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another instance made it first
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(32) + "\n")
    value = path.read_text().strip()
    if len(value) < MIN_SECRET_CHARS:
        raise ValueError(f"the secret file {path} (COMPACT_SECRET_FILE) holds fewer than {MIN_SECRET_CHARS} characters")
    return value.encode()


@functools.cache
def server_secret() -> bytes:
    """This process's secret, read once (every channel uses the same)."""
    return load_secret(settings())
