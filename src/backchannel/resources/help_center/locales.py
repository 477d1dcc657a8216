"""The locales Help Center content may be written in (BEHAVIOR.md §6.14).

``translated_content`` objects are keyed by these codes, plus an optional ``type`` key that
names the object (``article_translated_content``, ``group_translated_content``).
"""

from __future__ import annotations

from typing import Any

from backchannel.core.errors import ParameterInvalid

__all__ = ["DEFAULT_LOCALE", "LOCALES", "check_locale", "locale_order", "translations"]

DEFAULT_LOCALE = "en"

LOCALES: tuple[str, ...] = (
    "ar", "bg", "bs", "ca", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "he", "hr",
    "hu", "id", "it", "ja", "ko", "lt", "lv", "mn", "nb", "nl", "pl", "pt", "ro", "ru", "sl",
    "sr", "sv", "tr", "vi", "pt-BR", "zh-CN", "zh-TW",
)  # fmt: skip
"""Every supported locale, in the order the spec lists them (and responses show them)."""

_POSITION = {locale: index for index, locale in enumerate(LOCALES)}


def check_locale(locale: str) -> str:
    """``locale`` if it is supported; 400 ``parameter_invalid`` naming it otherwise."""
    if locale not in _POSITION:
        raise ParameterInvalid(
            f"{locale} is not a supported locale", field=f"translated_content.{locale}"
        )
    return locale


def locale_order(locale: str) -> int:
    """Sort key: the spec's order of locales."""
    return _POSITION.get(locale, len(LOCALES))


def translations(value: Any, *, object_type: str, content_type: str) -> dict[str, Any]:
    """The locales of a ``translated_content`` object (``object_type``, each locale's content
    a ``content_type``), checked; ``type`` left out. Not an object: no locales."""
    if not isinstance(value, dict):
        return {}
    found: dict[str, Any] = {}
    for key, content in value.items():
        if key == "type":
            if content not in (None, object_type):
                raise ParameterInvalid(
                    f"translated_content.type must be {object_type}",
                    field="translated_content.type",
                )
            continue
        check_locale(key)
        if isinstance(content, str):
            raise ParameterInvalid(
                f"translated_content.{key} must be an object", field=f"translated_content.{key}"
            )
        if content is not None and content.type not in (None, content_type):
            raise ParameterInvalid(
                f"translated_content.{key}.type must be {content_type}",
                field=f"translated_content.{key}.type",
            )
        found[key] = content
    return found
