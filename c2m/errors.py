"""The one application error type. Services raise it; interfaces render it."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """A refusal the caller can act on: a stable ``code``, a human ``detail``, field ``errors``.

    ``status`` is the HTTP status the API answers with; pages show ``detail`` as a message.
    """

    status = 400
    code = "invalid"

    def __init__(
        self,
        detail: str,
        *,
        code: str | None = None,
        errors: dict[str, Any] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        self.errors = errors or {}
        self.extra = extra or {}


class NotAuthenticated(ApplicationError):
    status = 401
    code = "not_authenticated"


class NotFound(ApplicationError):
    status = 404
    code = "not_found"


class PermissionDenied(ApplicationError):
    status = 403
    code = "permission_denied"


class Conflict(ApplicationError):
    """The request is valid but the object's current state does not allow it."""

    status = 409
    code = "conflict"


class PreconditionFailed(ApplicationError):
    status = 412
    code = "precondition_failed"


class Unprocessable(ApplicationError):
    status = 422
    code = "unprocessable"
