"""Domain errors and the one ``error.list`` renderer.

Every failure a client can see is an :class:`ApiError`. Services raise them; the HTTP layer
renders them with :func:`error_body`. The hierarchy::

    ApiError
    ├── BadRequest (400)
    │   ├── ParameterInvalid          parameter_invalid
    │   ├── ParameterNotFound         parameter_not_found
    │   ├── UnknownParameter          bad_request
    │   ├── InvalidCursor             client_error
    │   ├── InvalidSearchField        invalid_field
    │   │   └── SearchFieldUnavailable    invalid_field (known field this server cannot search)
    │   ├── InvalidSortOrder          invalid_sort_order
    │   └── VersionInvalid            intercom_version_invalid
    ├── Unauthorized (401)            unauthorized
    ├── NotFound (404)                not_found, or a resource's own code
    ├── Conflict (409)                conflict
    ├── PayloadTooLarge (413)         request_entity_too_large
    ├── UnsupportedMediaType (415)    unsupported_media_type
    ├── RateLimited (429)             rate_limit_exceeded
    └── ServerError (500)             server_error
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "ApiError",
    "BadRequest",
    "Conflict",
    "InvalidCursor",
    "InvalidSearchField",
    "InvalidSortOrder",
    "NotFound",
    "ParameterInvalid",
    "ParameterNotFound",
    "PayloadTooLarge",
    "RateLimited",
    "SearchFieldUnavailable",
    "ServerError",
    "Unauthorized",
    "UnknownParameter",
    "UnsupportedMediaType",
    "VersionInvalid",
    "error_body",
]


class ApiError(Exception):
    """An error with an HTTP status and an Intercom error code."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    default_message: ClassVar[str] = "Bad request"

    def __init__(
        self, message: str | None = None, *, field: str | None = None, code: str | None = None
    ) -> None:
        self.message = message if message is not None else self.default_message
        self.field = field
        if code is not None:
            self.code = code  # type: ignore[misc]
        super().__init__(self.message)

    def __repr__(self) -> str:
        name = type(self).__name__
        return f"{name}(code={self.code!r}, message={self.message!r}, field={self.field!r})"

    def to_error(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field is not None:
            error["field"] = self.field
        return error


class BadRequest(ApiError):
    status = 400
    code = "bad_request"


class ParameterInvalid(BadRequest):
    code = "parameter_invalid"
    default_message = "Invalid parameter"


class ParameterNotFound(BadRequest):
    code = "parameter_not_found"
    default_message = "Missing parameter"


class UnknownParameter(BadRequest):
    """A body key the operation does not know (Intercom: ``bad 'test' parameter``)."""

    code = "bad_request"

    def __init__(self, name: str) -> None:
        super().__init__(f"bad '{name}' parameter", field=name)


class InvalidCursor(BadRequest):
    code = "client_error"
    default_message = (
        "Invalid starting_after param. Please try again using a starting_after value "
        "from a paginated response"
    )


class InvalidSearchField(BadRequest):
    code = "invalid_field"

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is not a valid search field", field=name)


class SearchFieldUnavailable(InvalidSearchField):
    """A field the API documents as searchable that this server cannot search yet."""

    def __init__(self, name: str) -> None:
        BadRequest.__init__(self, f"{name} is not searchable yet in this server", field=name)


class InvalidSortOrder(BadRequest):
    code = "invalid_sort_order"

    def __init__(self, order: str) -> None:
        super().__init__(f"Invalid sort order '{order}'. Must be one of: ascending, descending")


class VersionInvalid(BadRequest):
    code = "intercom_version_invalid"
    default_message = "Requested resource is not available in current API version."


class Unauthorized(ApiError):
    status = 401
    code = "unauthorized"
    default_message = "Access Token Invalid"


class NotFound(ApiError):
    status = 404
    code = "not_found"
    default_message = "Resource Not Found"


class Conflict(ApiError):
    status = 409
    code = "conflict"
    default_message = "Conflict"


class PayloadTooLarge(ApiError):
    status = 413
    code = "request_entity_too_large"
    default_message = "Request body is too large"


class UnsupportedMediaType(ApiError):
    status = 415
    code = "unsupported_media_type"
    default_message = "Request body must be JSON (Content-Type: application/json)"


class RateLimited(ApiError):
    status = 429
    code = "rate_limit_exceeded"


class ServerError(ApiError):
    status = 500
    code = "server_error"
    default_message = "An unexpected error occurred"


def error_body(errors: list[ApiError], request_id: str) -> dict[str, Any]:
    """The ``error.list`` body for one or more errors, decisive error first."""
    return {
        "type": "error.list",
        "request_id": request_id,
        "errors": [error.to_error() for error in errors],
    }
