"""The refusal raised for customer artwork, with a stable code and a bilingual message."""

from __future__ import annotations

from typing import Any

from c2m.errors import ApplicationError


class ArtworkRejected(ApplicationError):
    """An upload we will not store, or artwork we cannot place.

    ``code`` is stable (clients and tests match on it), ``message`` holds ``en`` and
    ``zh-hans`` texts for the customer, ``params`` the numbers the message mentions.
    """

    status = 400
    code = "artwork_rejected"

    def __init__(
        self, code: str, *, message: dict[str, str], params: dict[str, Any] | None = None
    ) -> None:
        self.message = message
        self.params = dict(params or {})
        super().__init__(message["en"], code=code, extra={"message": message, **self.params})

    def __repr__(self) -> str:
        return f"ArtworkRejected({self.code!r}, params={self.params!r})"
