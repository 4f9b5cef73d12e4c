"""The one error type of the AIGC media code: a file that cannot be read or written safely."""

from __future__ import annotations

from ...errors import InvalidContent


class MediaError(InvalidContent):
    """A media file is corrupt, truncated, hostile (oversized chunk, XML bomb) or of an unsupported format."""

    kind = "InvalidMedia"
