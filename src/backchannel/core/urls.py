"""URLs that clients give and Backchannel hands back.

Response fields such as a contact's ``avatar.image_url`` are declared ``format: uri``, so a
URL is stored only when it is an absolute http(s) URL made of the characters a URI may hold
(RFC 3986): what comes back is then always a valid URI.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["is_http_url"]

# RFC 3986's unreserved and reserved characters, and ``%`` for percent-encoding.
_URI_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def is_http_url(value: str) -> bool:
    """Whether ``value`` is an absolute http or https URL with a host, in URI characters."""
    if not _URI_CHARACTERS.fullmatch(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # an unbalanced [ in the host
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
