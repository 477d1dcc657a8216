"""This operation's errors, which Intercom answers as ``{error_key, message}``.

They are not :class:`~backchannel.core.errors.ApiError` on purpose: the shared pipeline
renders those as ``error.list``, and this operation's clients read ``error_key``. The
route turns them into responses itself.

- 400 ``invalid_phone_number`` "Invalid phone number": no phone, not an international
  (``+`` country code) number, or not a valid number of its country.
- 422 ``unsupported_phone_number``: a valid number that cannot receive an SMS (a fixed
  line, toll-free, premium-rate ... number), as the spec's 422 example (a Romanian fixed
  line) shows.
- 422 ``parameter_invalid``: the custom attributes cannot be written (not an object, an
  undeclared attribute, a value of the wrong type), with the message contacts give.
- 400 ``sms_failed`` never happens: no SMS is sent.
"""

from __future__ import annotations

from typing import Any

__all__ = ["InvalidPhoneNumber", "PhoneSwitchError", "UnsupportedPhoneNumber"]


class PhoneSwitchError(Exception):
    """An error of ``POST /phone_call_redirects``: status, ``error_key`` and message."""

    def __init__(self, status: int, error_key: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error_key = error_key
        self.message = message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status}, error_key={self.error_key!r}, "
            f"message={self.message!r})"
        )

    def to_body(self) -> dict[str, Any]:
        return {"error_key": self.error_key, "message": self.message}


class InvalidPhoneNumber(PhoneSwitchError):
    def __init__(self) -> None:
        super().__init__(400, "invalid_phone_number", "Invalid phone number")


class UnsupportedPhoneNumber(PhoneSwitchError):
    def __init__(self) -> None:
        super().__init__(
            422, "unsupported_phone_number", "SMS can only be sent to a mobile phone number"
        )
