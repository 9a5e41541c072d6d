"""Limits on what the Rasa server reads, set before it accepts connections.

- Sanic's default ``REQUEST_MAX_SIZE`` is 100 MB, so a body that large was read into memory
  before a channel could refuse it. The server now refuses a body over
  :data:`~bot.request_body.MAX_BODY_BYTES` (64 KB, more than any route needs) with 413 from its
  ``Content-Length`` header, or as soon as a chunked body grows past it, before reading it.
- Sanic 21.12 trusts the headers that frame a body: ``Content-Length: -5`` made it loop forever
  on the event loop (one request stopped the whole server answering), and a length that is not
  a number, or a ``Transfer-Encoding`` other than ``chunked``, gave a 500. Such requests now get
  400 before any body is read (:func:`check_framing`, on Sanic's ``http.lifecycle.request``
  signal, which runs as soon as the headers are parsed). A request with both headers is refused
  too, as RFC 9112 allows, so no proxy in front can read it differently from the server.
- Refusals at this level are JSON with an ``error`` reason, as the channels' own are.

bot/platform/server.py registers them on the server, whatever channels ``credentials.yml`` lists.
"""

from __future__ import annotations

from typing import Any

from sanic import response
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.request_body import MAX_BODY_BYTES


async def check_framing(request: Request) -> None:
    """Refuse a request whose body Sanic would misread (see the module's docstring)."""
    transfer_encodings = request.headers.getall("transfer-encoding", [])
    lengths = request.headers.getall("content-length", [])
    if transfer_encodings:
        if lengths:
            raise InvalidUsage("send either Content-Length or Transfer-Encoding, not both")
        if transfer_encodings != ["chunked"]:
            raise InvalidUsage("the only Transfer-Encoding accepted is chunked")
    elif lengths and (len(set(lengths)) > 1 or not (lengths[0].isascii() and lengths[0].isdigit())):
        raise InvalidUsage("Content-Length must be one whole number of bytes")


async def too_large(_: Request, exception: Exception) -> HTTPResponse:
    if "header" in str(exception).lower():
        return response.json({"error": "request headers too large"}, status=413)
    return response.json({"error": f"request body too large (at most {MAX_BODY_BYTES} bytes)"}, status=413)


async def bad_request(_: Request, exception: Exception) -> HTTPResponse:
    return response.json({"error": f"bad request: {exception}"}, status=400)


async def apply(app: Any, *_: Any) -> None:
    """A Sanic ``before_server_start`` listener."""
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
    app.error_handler.add(PayloadTooLarge, too_large)
    app.error_handler.add(InvalidUsage, bad_request)
