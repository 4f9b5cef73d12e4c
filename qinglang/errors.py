"""Typed errors raised at Qinglang's boundaries (STYLE §5.11)."""

from __future__ import annotations


class QinglangError(Exception):
    """Base class: a specific, user-facing error (doors print the message, never a traceback)."""

    kind = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidContent(QinglangError):
    """An input item is not a valid Content (names the field)."""

    kind = "InvalidContent"


class InvalidRequest(QinglangError):
    """A workflow request names something the workflow does not know: a report type or category, a review
    action or reason code, too many proof documents (names the field; the service answers 422, the CLI exits 2)."""

    kind = "InvalidRequest"


class ConfigError(QinglangError):
    """A lexicon, detector registry or settings file is unusable."""

    kind = "ConfigError"


class PolicyError(ConfigError):
    """A policy file is invalid (file, key path and line where known)."""

    kind = "PolicyError"


class NotFound(QinglangError):
    kind = "NotFound"


class Conflict(QinglangError):
    kind = "Conflict"


class Forbidden(QinglangError):
    kind = "Forbidden"


class MediaError(QinglangError):
    """A media item cannot be read or decoded safely (too large, corrupt, unsupported, outside the media root)."""

    kind = "MediaError"


class MediaMissing(MediaError):
    """The file a media item names is not there (the platform's store lost it or never delivered it)."""


class IndicatorError(QinglangError):
    """An indicator value, list file or bank is invalid (names the line or value)."""

    kind = "IndicatorError"
