"""AI-generated content labels (标识办法, GB 45438-2025): read, check and write implicit and explicit labels.

    from qinglang.media.aigc import inspect_path, mark_bytes
    report = inspect_path("a.png")          # Report: records, problems, C2PA, explicit label, outcome
    out = mark_bytes(data, propagator="00…", propagate_id="post-1", add_explicit=True)

See docs/aigc.md for the rule → code → test map.
"""

from .core import (
    DEFAULT_MAX_BYTES,
    FORMATS,
    MarkResult,
    Outcome,
    Report,
    inspect_bytes,
    inspect_path,
    mark_bytes,
    read_limited,
    sniff,
)
from .errors import MediaError
from .label import DEFAULT_RULES, FIELDS, LabelRecord, LabelRules, Problem, encode, parse_record, validate

__all__ = [
    "DEFAULT_MAX_BYTES", "DEFAULT_RULES", "FIELDS", "FORMATS", "LabelRecord", "LabelRules", "MarkResult", "MediaError",
    "Outcome", "Problem", "Report", "encode", "inspect_bytes", "inspect_path", "mark_bytes", "parse_record",
    "read_limited", "sniff", "validate",
]
