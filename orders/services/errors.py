"""Errors the storefront services raise, with per-option messages in both languages."""

from __future__ import annotations

from c2m.errors import ApplicationError
from configurator import Validation


class ConfigurationInvalid(ApplicationError):
    code = "invalid_configuration"

    @classmethod
    def from_validation(cls, validation: Validation) -> ConfigurationInvalid:
        """``errors`` maps each option (or ``configuration``) to ``[{code, message}]``."""
        errors: dict[str, list[dict[str, object]]] = {}
        for error in validation.errors:
            errors.setdefault(error.option or "configuration", []).append(
                {"code": error.code, "message": dict(error.message), "params": error.params}
            )
        return cls("The configuration is not valid.", errors=errors)
