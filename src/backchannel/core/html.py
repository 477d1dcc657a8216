"""HTML bodies as Intercom stores them (notes, conversation parts, articles).

Bodies are normalised once, on write (BEHAVIOR.md §3.3):

* a document wrapper (``<!DOCTYPE>``, ``<html>``, ``<head>…</head>``, ``<body>``) is
  stripped, keeping what the body held;
* plain text (no tags at all) is escaped and wrapped in paragraphs: ``Hello`` becomes
  ``<p>Hello</p>``; a blank line starts a new paragraph and a single line break becomes
  ``<br>``;
* HTML with only inline content (``<b>hi</b> there``) is wrapped in one ``<p>``;
* HTML that already has block elements (``<p>``, ``<div>``, lists, headings...) is kept as
  given, apart from surrounding whitespace.

This is a normaliser, not a sanitiser: it does not remove scripts or attributes.
"""

from __future__ import annotations

import html
import re

__all__ = [
    "BLOCK_TAGS",
    "is_html",
    "normalize_body",
    "plain_to_html",
    "strip_document",
    "to_plaintext",
    "words",
]

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "iframe", "li", "main", "nav", "ol", "p", "pre", "section",
        "table", "ul", "video",
    }
)  # fmt: skip
"""Elements that make a body "already laid out": it is not wrapped in another ``<p>``."""

_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)\b[^>]*>")
_MARKUP = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*\b[^>]*|/[A-Za-z][A-Za-z0-9-]*\s*|!--.*?--)>", re.S)
_DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>.*?</head\s*>", re.I | re.S)
_BODY = re.compile(r"<body\b[^>]*>(.*?)(?:</body\s*>|$)", re.I | re.S)
_WRAPPER = re.compile(r"</?(?:html|body)\b[^>]*>", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def is_html(text: str) -> bool:
    """Whether ``text`` contains at least one HTML tag or comment."""
    return _MARKUP.search(text) is not None


def strip_document(text: str) -> str:
    """``text`` without a ``<!DOCTYPE>``/``<html>``/``<head>``/``<body>`` wrapper."""
    text = _DOCTYPE.sub("", text)
    text = _HEAD.sub("", text)
    body = _BODY.search(text)
    if body is not None:
        text = body.group(1)
    return _WRAPPER.sub("", text)


def _has_block(text: str) -> bool:
    return any(match.group(1).lower() in BLOCK_TAGS for match in _TAG.finditer(text))


def _paragraphs(text: str) -> str:
    """Plain text as escaped paragraphs; single line breaks become ``<br>``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [part.strip() for part in _PARAGRAPH_BREAK.split(text)]
    return "".join(
        "<p>"
        + "<br>".join(html.escape(line.strip(), quote=False) for line in part.split("\n"))
        + "</p>"
        for part in paragraphs
        if part
    )


def normalize_body(text: str) -> str:
    """The stored form of a body (see the module docstring); ``""`` for a blank one."""
    text = text.strip()
    if not text:
        return ""
    if not is_html(text):
        return _paragraphs(text)
    text = strip_document(text).strip()
    if not text:
        return ""
    if _has_block(text):
        return text
    return f"<p>{text}</p>"


def plain_to_html(text: str) -> str:
    """Plain text (where markup is not supported) as escaped paragraphs: ``<`` stays ``<``."""
    return _paragraphs(text.strip())


_LINE_BREAKING = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|pre|tr)\s*>", re.I)
_BLANK_LINES = re.compile(r"\n{2,}")


def to_plaintext(body: str) -> str:
    """A stored HTML body as plain text (``display_as=plaintext``): tags dropped, entities
    decoded, block ends and ``<br>`` turned into line breaks."""
    text = _LINE_BREAKING.sub("\n", body)
    text = html.unescape(_MARKUP.sub("", text))
    return _BLANK_LINES.sub("\n", text).strip()


_WORD = re.compile(r"\w+", re.UNICODE)


def words(body: str) -> str:
    """The distinct lowercase words of an HTML body, space-separated with a space at each
    end (`` hello world ``), so that one word is found with ``LIKE '% word %'``."""
    seen = dict.fromkeys(match.group(0).casefold() for match in _WORD.finditer(to_plaintext(body)))
    return " " + " ".join(seen) + " " if seen else " "
