"""A local stand-in for the Bot Framework service, on loopback, for the Teams tests: OpenID
metadata and JWKS with test RSA keys, a token endpoint (client credentials), and a connector
that records the replies it is sent. It also signs activities as the Bot Framework would."""

from __future__ import annotations

import http.server
import itertools
import json
import threading
import time
import uuid
from typing import Any
from urllib.parse import parse_qs, unquote

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "https://api.botframework.com"
APP_ID = "00000000-test-4bot-8000-000000000001"
APP_PASSWORD = "test-password-not-a-secret"
BOT_ID = f"28:{APP_ID}"
KID = "standin-key-1"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_jwk(key: rsa.RSAPrivateKey, kid: str, endorsements: list[str]) -> dict[str, Any]:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {**jwk, "kid": kid, "use": "sig", "endorsements": endorsements}


class StandIn:
    def __init__(self) -> None:
        self.key = new_key()
        self.keys = [public_jwk(self.key, KID, ["msteams"])]
        self.lock = threading.Lock()
        self.posted: list[dict[str, Any]] = []  # {"conversation", "activity", "authorization"}
        self.issued: set[str] = set()
        self.counts = {"metadata": 0, "keys": 0, "token": 0}
        self.fail_next: list[int] = []  # statuses the connector answers before accepting again
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.service_url = self.url + "/emea/"
        self.openid_url = self.url + "/v1/.well-known/openidconfiguration"
        self.token_url = self.url + "/oauth2/v2.0/token"

    def start(self) -> "StandIn":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()

    # -- what the bot sent --------------------------------------------------------------
    def sent_to(self, conversation: str) -> list[dict[str, Any]]:
        with self.lock:
            return [p["activity"] for p in self.posted if p["conversation"] == conversation]

    def messages_to(self, conversation: str) -> list[dict[str, Any]]:
        return [a for a in self.sent_to(conversation) if a.get("type") == "message"]

    # -- what the Bot Framework would send ----------------------------------------------
    def token(self, key: rsa.RSAPrivateKey | None = None, kid: str | None = KID, algorithm: str = "RS256", **claims: Any) -> str:
        now = int(time.time())
        body = {"iss": ISSUER, "aud": APP_ID, "exp": now + 3600, "nbf": now - 5, "serviceurl": self.service_url, **claims}
        body = {k: v for k, v in body.items() if v is not None}
        headers = {"kid": kid} if kid else {}
        secret = "a-shared-secret-an-attacker-might-try-" * 2 if algorithm.startswith("HS") else (key or self.key)
        return jwt.encode(body, secret, algorithm=algorithm, headers=headers)

    def activity(self, text: str = "", conversation: str | None = None, kind: str = "personal", **fields: Any) -> dict[str, Any]:
        conversation = conversation or f"a:{uuid.uuid4().hex}"
        return {
            "type": "message",
            "id": f"activity-{uuid.uuid4().hex[:12]}",
            "channelId": "msteams",
            "serviceUrl": self.service_url,
            "timestamp": "2026-11-25T10:00:00.000Z",
            "text": text,
            "from": {"id": "29:user-1", "name": "Council Officer", "aadObjectId": "aad-user-1"},
            "recipient": {"id": BOT_ID, "name": "Compact assistant"},
            "conversation": {"id": conversation, "conversationType": kind, "tenantId": "tenant-1"},
            **fields,
        }

    # -- HTTP ------------------------------------------------------------------------------
    def handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        standin = self
        replies = itertools.count(1)

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/v1/.well-known/openidconfiguration":
                    standin.counts["metadata"] += 1
                    self.answer(
                        200,
                        {
                            "issuer": ISSUER,
                            "jwks_uri": standin.url + "/v1/keys",
                            "id_token_signing_alg_values_supported": ["RS256"],
                        },
                    )
                elif self.path == "/v1/keys":
                    standin.counts["keys"] += 1
                    self.answer(200, {"keys": standin.keys})
                else:
                    self.answer(404, {})

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path == "/oauth2/v2.0/token":
                    form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
                    if (
                        form.get("client_id") != APP_ID
                        or form.get("client_secret") != APP_PASSWORD
                        or form.get("grant_type") != "client_credentials"
                    ):
                        return self.answer(401, {"error": "invalid_client"})
                    standin.counts["token"] += 1
                    token = f"connector-token-{uuid.uuid4().hex}"
                    standin.issued.add(token)
                    return self.answer(200, {"token_type": "Bearer", "expires_in": 3600, "access_token": token})
                prefix = "/emea/v3/conversations/"
                if self.path.startswith(prefix) and self.path.endswith("/activities"):
                    if self.headers.get("Authorization", "").removeprefix("Bearer ") not in standin.issued:
                        return self.answer(401, {"error": "bad connector token"})
                    with standin.lock:
                        status = standin.fail_next.pop(0) if standin.fail_next else 200
                    if status != 200:
                        return self.answer(status, {"error": "try again"}, {"Retry-After": "0"})
                    conversation = unquote(self.path[len(prefix) : -len("/activities")])
                    with standin.lock:
                        standin.posted.append({"conversation": conversation, "activity": json.loads(body)})
                    return self.answer(200, {"id": f"reply-{next(replies)}"})
                self.answer(404, {})

            def log_message(self, *args: Any) -> None:
                pass

        return Handler
