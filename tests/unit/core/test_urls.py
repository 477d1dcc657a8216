"""``is_http_url``: what may be stored where a response declares ``format: uri``."""

from __future__ import annotations

import pytest

from backchannel.core.urls import is_http_url


@pytest.mark.parametrize(
    "value",
    [
        "https://example.com/a.png",
        "HTTP://example.com",
        "http://127.0.0.1:8000/x?y=1&z=%20#f",
        "https://[::1]/a",
        "https://user@example.com/a;b,c(d)*e+f!g$h'i=j",
    ],
)
def test_accepted(value: str) -> None:
    assert is_http_url(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "0",
        "example.com/a.png",
        "/relative/path",
        "ftp://example.com/a",
        "mailto:someone@example.com",
        "https://",
        "https:///path",
        "https://exa mple.com/",
        "https://example.com/\u00e9",
        "https://example.com/<x>",
        "https://[::1/a",
        "https://example.com/\n",
    ],
)
def test_refused(value: str) -> None:
    assert not is_http_url(value)
