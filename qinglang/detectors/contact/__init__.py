"""Contact / link detector (清朗 campaign 3 "违规外链、引流"): handles and links scored by their context.

A handle is only evidence of 引流 with context. A channel cue (加/V/薇/威/企鹅/纸飞机…) bound to a handle is
strong, an obfuscated spelling is stronger, a lure (porn, gambling, 刷单…) nearby is decisive; a bare number
or a plain link with no cue yields nothing. Lure and code-word terms come from the shipped
``lexicons/drainage`` folder, loaded here too so that the detector works without the shipped lexicons.

Layout: `compact` (the handle-local view and its offset map), `handles` (cue-bound ids, ``+``, @mentions and
`extract`), `links` (URLs, e-mail, spelled-out links), `phones`, `scoring` (pure: named `Weights`),
`tables` (cues, TLDs, hosts from ``qinglang/lexicon/data/contact``), `detector` (the `Detector` itself).
"""

from __future__ import annotations

from .base import Handle
from .detector import ContactDetector, Params, build
from .handles import extract, find_handles

__all__ = ["ContactDetector", "Handle", "Params", "build", "extract", "find_handles"]
