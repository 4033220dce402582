"""Log lines as JSON (one object a line, for the log collector) or as readable text, both
with the request id and the task of the line (``c2m.request_id``).

``LOGGING`` in settings uses ``logging_config``; the standard library's loggers stay what
the code logs with, structlog only formats their records.
"""

from __future__ import annotations

from typing import Any

import structlog

FORMATS = ("json", "plain")

_PRE_CHAIN: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    """A ``LOGGING`` dict writing every record to standard error in ``log_format``."""
    if log_format not in FORMATS:
        raise ValueError(f"LOG_FORMAT is one of {', '.join(FORMATS)}, not {log_format!r}")
    render: list[Any] = (
        [structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
        if log_format == "json"
        else [
            structlog.dev.ConsoleRenderer(
                colors=False, exception_formatter=structlog.dev.plain_traceback
            )
        ]
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "c2m": {
                "()": structlog.stdlib.ProcessorFormatter,
                "foreign_pre_chain": _PRE_CHAIN,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    *render,
                ],
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "c2m"}},
        "root": {"handlers": ["console"], "level": level},
    }
