"""The HTML body normaliser (core/html.py)."""

from __future__ import annotations

import pytest

from backchannel.core.html import is_html, normalize_body, strip_document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello", "<p>Hello</p>"),
        ("  Hello world \n", "<p>Hello world</p>"),
        ("a < b && c > d", "<p>a &lt; b &amp;&amp; c &gt; d</p>"),
        ("I <3 it", "<p>I &lt;3 it</p>"),
        ('Say "hi"', '<p>Say "hi"</p>'),
        ("one\ntwo", "<p>one<br>two</p>"),
        ("one\r\ntwo", "<p>one<br>two</p>"),
        ("one\n\ntwo", "<p>one</p><p>two</p>"),
        ("one\n  \n\n two", "<p>one</p><p>two</p>"),
        ("héllo ✓", "<p>héllo ✓</p>"),
    ],
    ids=[
        "word",
        "padded",
        "escaped",
        "heart",
        "quotes-kept",
        "line-break",
        "crlf",
        "paragraphs",
        "blank-lines",
        "unicode",
    ],
)
def test_normalize_body_plain_text(text, expected):
    assert normalize_body(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>Hello</p>", "<p>Hello</p>"),
        ("  <p>Hello</p>\n", "<p>Hello</p>"),
        ("<p>a</p><p>b</p>", "<p>a</p><p>b</p>"),
        ("<b>bold</b> and <i>it</i>", "<p><b>bold</b> and <i>it</i></p>"),
        ('<a href="https://x.test">link</a>', '<p><a href="https://x.test">link</a></p>'),
        ("text<br>more", "<p>text<br>more</p>"),
        ("<DIV>upper</DIV>", "<DIV>upper</DIV>"),
        ("<h2>Title</h2>text", "<h2>Title</h2>text"),
        ("<ul><li>a</li></ul>", "<ul><li>a</li></ul>"),
        ("<!-- note -->", "<p><!-- note --></p>"),
    ],
    ids=[
        "paragraph",
        "padded",
        "paragraphs",
        "inline",
        "link",
        "br",
        "upper-block",
        "heading",
        "list",
        "comment",
    ],
)
def test_normalize_body_html(text, expected):
    assert normalize_body(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<html><body><p>Hi</p></body></html>", "<p>Hi</p>"),
        ("<html><body>Hi</body></html>", "<p>Hi</p>"),
        ("<HTML><BODY class='x'>Hi</BODY></HTML>", "<p>Hi</p>"),
        (
            "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head>"
            "<body><p>Hi</p></body></html>",
            "<p>Hi</p>",
        ),
        ("<body><p>Hi</p>", "<p>Hi</p>"),
        ("<html><p>Hi</p></html>", "<p>Hi</p>"),
        ("<html>\n  <body>\n <p>Hi</p>\n </body>\n</html>", "<p>Hi</p>"),
    ],
    ids=[
        "document",
        "text-document",
        "upper-case",
        "doctype-head",
        "body-only",
        "html-only",
        "indented",
    ],
)
def test_normalize_body_strips_document_wrappers(text, expected):
    assert normalize_body(text) == expected


@pytest.mark.parametrize(
    "text", ["", "   ", "\n\n", "<html><body>  </body></html>", "<html></html>"]
)
def test_normalize_body_blank(text):
    assert normalize_body(text) == ""


def test_normalize_body_is_idempotent():
    for text in ("Hello", "a\n\nb", "<b>x</b>", "<html><body>y</body></html>", "1 < 2"):
        once = normalize_body(text)
        assert normalize_body(once) == once


def test_is_html():
    assert is_html("<p>x</p>")
    assert is_html("a <br/> b")
    assert is_html("</p>")
    assert is_html("<!-- c -->")
    assert not is_html("a < b > c")
    assert not is_html("<3")
    assert not is_html("plain")


def test_strip_document_keeps_fragments():
    assert strip_document("<p>x</p>") == "<p>x</p>"
    assert strip_document("<html><body><p>x</p></body></html>") == "<p>x</p>"
