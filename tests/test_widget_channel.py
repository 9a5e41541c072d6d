"""The widget's channel: allowed origins as plain functions, then its HTTP behaviour on the real server."""

from __future__ import annotations

import gzip
import json

import pytest
import requests

from bot.widget_channel import DEMO_CSP, origin_allowed, parse_origins
from bot.widget_files import load_static
from tests.rest_client import new_widget_conversation


def test_origins_from_a_string_or_a_list_are_normalised():
    assert parse_origins("https://www.Derby.gov.uk/, http://localhost:8000") == {
        "https://www.derby.gov.uk",
        "http://localhost:8000",
    }
    assert parse_origins(["https://a.gov.uk", "*"]) == {"https://a.gov.uk", "*"}
    assert parse_origins(None) == parse_origins("") == frozenset()


@pytest.mark.parametrize("wrong", ["www.derby.gov.uk", "https://www.derby.gov.uk/compact", "ftp://a.gov.uk", "https://"])
def test_a_wrong_origin_stops_start_up_naming_it(wrong):
    with pytest.raises(ValueError, match="is not an origin"):
        parse_origins(wrong)


@pytest.mark.parametrize(
    "origin, host, allowed, expected",
    [
        (None, "bot.example:5005", frozenset(), True),  # not a cross-origin browser request
        ("https://www.derby.gov.uk", "bot.example", frozenset({"https://www.derby.gov.uk"}), True),
        ("https://evil.example", "bot.example", frozenset({"https://www.derby.gov.uk"}), False),
        ("https://bot.example", "bot.example", frozenset(), True),  # the demo page on the assistant itself
        ("http://bot.example", "bot.example", frozenset(), True),  # behind a TLS-terminating proxy
        ("null", "bot.example", frozenset(), False),  # sandboxed frames and local files
        ("https://anything.example", "bot.example", frozenset({"*"}), True),
    ],
)
def test_origin_allowed(origin, host, allowed, expected):
    assert origin_allowed(origin, host, allowed) is expected


def test_static_files_are_read_once_with_gzip_and_etags():
    files = load_static()
    assert {"widget.js", "widget.css", "index.html", "funding.html", "demo.js", "demo.css"} <= set(files)
    js = files["widget.js"]
    assert gzip.decompress(js.gzipped) == js.body and len(js.gzipped) < len(js.body) / 2
    assert js.content_type.startswith("text/javascript") and files["index.html"].cache_control == "no-cache"


@pytest.fixture
def url(bot):
    return bot[0].url + "/widget"


def test_the_demo_page_is_served_with_a_strict_policy(url):
    r = requests.get(url + "/", timeout=10)
    assert r.status_code == 200 and "<title>" in r.text and 'src="widget.js"' in r.text
    assert r.headers["Content-Security-Policy"] == DEMO_CSP and r.headers["X-Content-Type-Options"] == "nosniff"
    assert requests.get(url, timeout=10, allow_redirects=False).headers["Location"].endswith("/widget/")


def test_the_script_is_compressed_and_revalidated(url):
    r = requests.get(url + "/widget.js", timeout=10, headers={"Accept-Encoding": "gzip"})
    assert r.headers["Content-Encoding"] == "gzip" and "CompactAssistant" in r.text
    again = requests.get(url + "/widget.js", timeout=10, headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_an_unknown_file_is_a_404_with_a_reason(url):
    r = requests.get(url + "/secrets.yml", timeout=10)
    assert r.status_code == 404 and "widget.js" in r.json()["error"]
    assert requests.get(url + "/..%2fcredentials.yml", timeout=10).status_code == 404


def test_an_allowed_site_passes_the_preflight_and_gets_answers(url, council_site_origin):
    pre = requests.options(
        url + "/webhook", timeout=10, headers={"Origin": council_site_origin, "Access-Control-Request-Method": "POST"}
    )
    assert pre.status_code == 204 and pre.headers["Access-Control-Allow-Origin"] == council_site_origin
    r = requests.post(
        url + "/webhook",
        timeout=30,
        headers={"Origin": council_site_origin, "Content-Type": "text/plain"},
        data=json.dumps({"sender": new_widget_conversation(url.removesuffix("/widget")), "message": "what is the compact?"}),
    )
    assert r.status_code == 200 and r.json()[0]["text"] and r.headers["Access-Control-Allow-Origin"] == council_site_origin


def test_another_site_is_refused_with_a_reason(url):
    pre = requests.options(
        url + "/webhook", timeout=10, headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert pre.status_code == 403
    r = requests.post(
        url + "/webhook", timeout=10, headers={"Origin": "https://evil.example"}, json={"sender": "x", "message": "hi"}
    )
    assert r.status_code == 403 and "allowed_origins" in r.json()["error"]


def test_bad_requests_get_the_rest_channels_reasons(url):
    r = requests.post(url + "/webhook", timeout=10, data=b"{not json")
    assert r.status_code == 400 and "not valid JSON" in r.json()["error"]
