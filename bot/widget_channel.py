"""The website chat widget's channel: serves the widget's files and a demo page, and answers it.

- ``GET /widget/`` a demo council page with the widget on it; ``GET /widget/widget.js`` (and its
  stylesheet) is what a council's page embeds with one ``<script>`` tag.
- ``POST /widget/conversation`` starts a conversation: ``201 {"conversation": "<id>"}``, an id
  the server issues and signs (bot/conversation_ids.py), limited per client address.
- ``POST /widget/webhook`` takes ``{"sender": "<that id>", "message": "..."}`` and answers as the
  REST channel does (request checks, apology when the action server is down:
  :func:`bot.rest_channel.answer`). An id the server did not issue gets 401, so nobody can
  read or continue a conversation by guessing or choosing its id. Messages are limited per
  conversation and per client address (bot/limits.py).
- ``POST /widget/feedback`` takes ``{"sender": "<that id>", "entry": "13.2", "helpful": false,
  "comment": "…"}``: a vote on an answer that conversation was given (bot/feedback.py).
- Cross-origin use is limited to the councils' sites listed in ``allowed_origins``
  (bot/credentials.yml) or ``COMPACT_WIDGET_ORIGINS`` (compact/settings.py); pages served by the assistant itself
  always may. Requests without an ``Origin`` header (curl, servers) are not browser requests
  and are answered as the REST channel answers them.

The URL prefix is ``/widget`` rather than Rasa's ``/webhooks/<name>`` so the demo page and the
embed URL are short and stable.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Iterable
from urllib.parse import urlsplit

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import limits
from bot.conversation_ids import issue_widget_token, server_secret, widget_conversation
from bot.request_body import Rejected
from bot.rest_channel import answer, answer_feedback, too_many
from bot.widget_files import StaticFile, load_static
from compact.settings import settings

ORIGINS_ENV = "COMPACT_WIDGET_ORIGINS"  # named in a refusal, so the site's owner knows what to ask for
# The demo pages prove the widget works under a strict Content Security Policy.
DEMO_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
PREFLIGHT_MAX_AGE = 600


def parse_origins(value: str | Iterable[str] | None) -> frozenset[str]:
    """Allowed origins from configuration: ``"https://a.gov.uk, https://b.gov.uk"`` or a list.
    A wrong entry stops start-up with a message naming it, rather than silently blocking a site."""
    if value is None:
        return frozenset()
    items = value.replace(",", " ").split() if isinstance(value, str) else [str(v) for v in value]
    origins = set()
    for item in items:
        if item == "*":
            origins.add(item)
            continue
        parts = urlsplit(item.rstrip("/"))
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query:
            raise ValueError(f"allowed origin {item!r} is not an origin like https://www.example.gov.uk")
        origins.add(f"{parts.scheme}://{parts.netloc}".lower())
    return frozenset(origins)


def origin_allowed(origin: str | None, host: str, allowed: frozenset[str]) -> bool:
    """May a browser page at ``origin`` talk to the assistant reached as ``host``?"""
    if not origin:
        return True
    if "*" in allowed or origin.lower() in allowed:
        return True
    try:
        netloc = urlsplit(origin).netloc
    except ValueError:  # not a URL at all ("http://[")
        return False
    # Same site: only the host is compared, as a TLS-terminating proxy changes the scheme.
    return origin != "null" and netloc.lower() == host.lower()


def static_response(request: Request, file: StaticFile) -> HTTPResponse:
    headers = {
        "ETag": file.etag,
        "Cache-Control": file.cache_control,
        "X-Content-Type-Options": "nosniff",
        "Vary": "Accept-Encoding",
    }
    if file.content_type.startswith("text/html"):
        headers.update({"Content-Security-Policy": DEMO_CSP, "Referrer-Policy": "same-origin"})
    if request.headers.get("if-none-match") == file.etag:
        return response.empty(status=304, headers=headers)
    body = file.body
    if "gzip" in request.headers.get("accept-encoding", ""):
        body, headers["Content-Encoding"] = file.gzipped, "gzip"
    return response.raw(body, content_type=file.content_type, headers=headers)


class WidgetInput(InputChannel):
    """Registered in bot/credentials.yml as ``bot.widget_channel.WidgetInput``."""

    def __init__(self, allowed_origins: frozenset[str] = frozenset(), secret: bytes | None = None) -> None:
        self.allowed_origins = allowed_origins
        self.files = load_static()
        self.secret = secret or server_secret()

    @classmethod
    def name(cls) -> str:
        return "widget"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        configured = (credentials or {}).get("allowed_origins")
        return cls(parse_origins(configured) | parse_origins(settings().widget_origins))

    def url_prefix(self) -> str:
        # Absolute, so Rasa's urljoin("/webhooks/", ...) mounts the blueprint at /widget.
        return "/widget"

    def cors_headers(self, request: Request) -> dict[str, str]:
        origin = request.headers.get("origin")
        if not origin or not origin_allowed(origin, request.host, self.allowed_origins):
            return {}
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}

    def preflight(self, request: Request) -> HTTPResponse:
        return self.refuse(request) or response.empty(
            status=204,
            headers={
                **self.cors_headers(request),
                "Access-Control-Allow-Methods": "POST",
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE),
            },
        )

    def conversation(self, token: str) -> str | Rejected:
        return widget_conversation(token, self.secret) or Rejected(
            401, "unknown conversation: start one with POST /widget/conversation and send its id as 'sender'"
        )

    @staticmethod
    def over_address_limit(request: Request, new_conversation: bool = False) -> HTTPResponse | None:
        limit = limits.shared()
        limiter = limit.new_conversation if new_conversation else limit.address
        wait = limiter.wait(limit.address_of(request))
        return (
            too_many("new conversations from this address" if new_conversation else "messages from this address", wait)
            if wait
            else None
        )

    def refuse(self, request: Request) -> HTTPResponse | None:
        if origin_allowed(request.headers.get("origin"), request.host, self.allowed_origins):
            return None
        # Readable by the refused page, so the widget can say why instead of "can't reach".
        return response.json(
            {
                "error": "this website is not allowed to use the assistant: the operator adds its "
                f"address to allowed_origins or {ORIGINS_ENV}"
            },
            status=403,
            headers={"Access-Control-Allow-Origin": request.headers["origin"], "Vary": "Origin"},
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("compact_widget", __name__)

        @bp.route("", methods=["GET"])
        async def to_demo(_: Request) -> HTTPResponse:
            # The demo pages link to their files relatively, which needs the trailing slash.
            return response.redirect("/widget/", status=308)

        @bp.route("/", methods=["GET"], strict_slashes=True)
        async def demo(request: Request) -> HTTPResponse:
            return static_response(request, self.files["index.html"])

        @bp.route("/<name:str>", methods=["GET"])
        async def static(request: Request, name: str) -> HTTPResponse:
            file = self.files.get(name)
            if file is None:
                return response.json({"error": f"no such file: the widget's files are {', '.join(self.files)}"}, status=404)
            return static_response(request, file)

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = self.refuse(request) or self.over_address_limit(request)
            if refused:
                return refused
            return await answer(request, on_new_message, self.name(), self.conversation)

        @bp.route("/feedback", methods=["POST"])
        async def vote(request: Request) -> HTTPResponse:
            refused = self.refuse(request) or self.over_address_limit(request)
            if refused:
                return refused
            return await answer_feedback(request, self.conversation)

        @bp.route("/conversation", methods=["POST"])
        async def start(request: Request) -> HTTPResponse:
            refused = self.refuse(request) or self.over_address_limit(request, new_conversation=True)
            if refused:
                return refused
            return response.json(
                {"conversation": issue_widget_token(self.secret)}, status=201, headers={"Cache-Control": "no-store"}
            )

        @bp.route("/webhook", methods=["OPTIONS"])
        async def preflight(request: Request) -> HTTPResponse:
            return self.preflight(request)

        @bp.route("/conversation", methods=["OPTIONS"])
        async def preflight_start(request: Request) -> HTTPResponse:
            return self.preflight(request)

        @bp.route("/feedback", methods=["OPTIONS"])
        async def preflight_vote(request: Request) -> HTTPResponse:
            return self.preflight(request)

        @bp.middleware("response")
        async def cors(request: Request, answered: HTTPResponse) -> HTTPResponse | None:
            # Rasa's app-wide CORS extension answers every OPTIONS request itself, with no
            # allowed origin; the widget's own rules replace that answer.
            if request.method == "OPTIONS":
                return self.preflight(request)
            answered.headers.update(self.cors_headers(request))
            return None

        return bp
