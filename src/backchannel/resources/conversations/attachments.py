"""Attachments on conversation parts and sources, given by URL.

Backchannel keeps the URL and what can be told from it (the file name and, from the
extension, the content type); it does not fetch the file, so size and image dimensions are
left out, which the ``part_attachment`` schema allows. Files sent inline
(``attachment_files``, base64) would need a file store to serve them back from: they are
refused with a clear 400 rather than accepted and dropped.
"""

from __future__ import annotations

import mimetypes
import posixpath
from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote, urlsplit

from backchannel.core.errors import ParameterInvalid
from backchannel.core.urls import is_http_url

__all__ = ["from_urls", "refuse_files"]


def _check_url(url: str) -> str:
    if not is_http_url(url):
        raise ParameterInvalid(
            f"attachment_urls must be http or https URLs: {url!r} is not",
            field="attachment_urls",
        )
    return url


def from_urls(urls: Sequence[str] | None) -> list[dict[str, Any]]:
    """The ``part_attachment`` objects for ``attachment_urls``."""
    attachments = []
    for url in urls or ():
        path = urlsplit(_check_url(url)).path
        name = unquote(posixpath.basename(path)) or "attachment"
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        attachments.append(
            {"type": "upload", "name": name, "url": url, "content_type": content_type}
        )
    return attachments


def refuse_files(files: Sequence[Any] | None) -> None:
    """``attachment_files`` is not supported: say so instead of dropping the files."""
    if files:
        raise ParameterInvalid(
            "attachment_files are not supported by this server: send attachment_urls",
            field="attachment_files",
        )
