"""Intent frames: behaviours as combinations of cues, written as data (YAML), not as code.

A behaviour the 清朗 notice names is rarely one word: grooming is contact with a minor + secrecy + gifts or money
+ a request for photos, video or a meeting; extortion is a publicity threat + deletion or payment. A frame file
declares cue families (word lists and RE2 patterns, normalized by the engine's normalizer like every lexicon) and
frames that combine them within a proximity window, under constraints on the field, surface, audience, speaker
and recipient. A frame that holds emits its label with one piece of evidence per cue that fired.

```yaml
name: grooming                          # the file's name (unique across the folders loaded)
quote: 利用密聊软件……实施网络欺凌、隔空猥亵   # the notice / law wording the frames enforce
families:
  secrecy:
    terms: [别告诉你爸妈, 我们的秘密, 删掉聊天记录]
    regex: ['不要?(让|给)?(你)?(爸|妈|家长|老师)知道']    # RE2 over the canonical text
    scope: clause                       # full (default) | clause | off: which scope cues discount a hit
    fields: [text]                      # optional: the fields this family is sought in
    match: [exact, pinyin]              # optional: how terms may be written (Bi亚迪 for 比亚迪); default [exact]
    literal: [parent_voice]              # optional: families of the words' own sense; a cue with one of theirs
    literal_window: 8                   # within this many characters is that sense, and is dropped
    shown: false                        # optional: a thing a picture shows; its cue in a media note pairs with the text
  request: {terms: [开视频, 发张照片, 出来见面]}
frames:
  - id: grooming.secret_request
    label: grooming
    all: [request]                      # every one of these families must fire
    any: [secrecy, reward, minor_addressee]
    min_any: 1                          # how many of `any` (default 1 when `any` is given)
    none: [parent_warning]              # families that veto the frame (a negated cue, 别问来源, does not)
    window: 80                          # cues within this many characters of the first `all` cue (null: anywhere)
    score: {base: 0.6, per_cue: 0.1, max: 0.95}
    when:                               # constraints on the item (all optional)
      surfaces: [private_chat, comment]
      kinds: [message]
      audience: minor                   # minor | adult
      recipient: minor                  # the private-chat recipient (the audience of a message): minor | adult
      speaker: {verified: false, minor: false, news_license: false}
      source: absent                    # declared.source: absent | present
      fictional: false                  # skip items declared fictional
    boost:                              # added to the score when the condition holds
      - {audience: minor, add: 0.15}
      - {surfaces: [private_chat], add: 0.1}
    yields_to: [extortion]              # not emitted when a frame of one of these labels fires on the item
    target: person                      # a cue naming one person (qinglang.text.target) within the window
    with_labels: [abuse, vulgar]        # fires only where one of these labels already stands (the labelled stage)
    with_min: 0.5                       # … at this score or more
```

Score: `base + per_cue × (optional families beyond min_any) + boosts`, capped at `max`, then multiplied by the
scope factors of the cues that fired (`qinglang.text.scope`: a negated, quoted or debunked cue discounts the
frame). Errors name the file and line and suggest the key meant; loading is all-or-nothing, so an engine reload
with a broken frame file keeps the last good state.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import ConfigError
from ..labels import check_label
from ..model import KINDS, SURFACES


def _hint(value: str, choices: Iterable[str], what: str) -> str:
    from ..policy.schema import did_you_mean as hint

    return hint(value, frozenset(choices), what)


class Family(BaseModel):
    model_config = ConfigDict(extra="forbid")
    terms: list[str] = []
    regex: list[str] = []
    scope: Literal["full", "clause", "off"] = "full"
    fields: list[str] | None = None
    note: str = ""
    # a cue class kept in qinglang.text.scope (one home shared with the lexicons), added to terms / regex
    shared: Literal["about_diversion", "diversion_warning", "scam_named", "personal_contact"] | None = None
    # the family's regex patterns read names (a company before its suffix): a match across clause punctuation that
    # normalization removed (调节磁场,医院) joins two clauses and names nothing (qinglang.text.scope.crosses_clause)
    names: bool = False
    # how the family's terms may be written, as a lexicon entry's `match` (qinglang.lexicon.model.Entry): `exact`
    # (after normalization, the default), `pinyin` (Bi亚迪, biyadi for 比亚迪: a name cloaked in Latin letters),
    # `initials`, `homophone`, `split`. Regex patterns are not affected.
    match: list[Literal["exact", "split", "homophone", "pinyin", "initials"]] = ["exact"]
    # session 22 (lang22): families whose cues mark the word's own, literal sense (a dish beside 鸡, a riddle around
    # 身寸, the road beside 老司机): a cue of this family with one of theirs within `literal_window` characters of its
    # span is that sense, not the slang, and is dropped before any frame reads it (the frame still fires on another)
    literal: list[str] = []
    literal_window: int = Field(8, ge=0, le=60)
    # session 23 (minors23): the family names what a picture or video shows (a beating, blood, a dangerous act): its
    # cue in a media note is read beside the post's own words whatever the distance (the post and its file are one
    # scene); a cue of another family in a note keeps to its note (皮肤, 特写 there are the picture's, not a lure)
    shown: bool = False

    @model_validator(mode="after")
    def _nonempty(self) -> Family:
        if self.shared == "about_diversion":
            from ..text.diversion import ABOUT_DIVERSION_RX, ABOUT_DIVERSION_VETO

            self.terms = list(dict.fromkeys([*self.terms, *ABOUT_DIVERSION_VETO]))
            self.regex = list(dict.fromkeys([*self.regex, *ABOUT_DIVERSION_RX]))
        elif self.shared == "diversion_warning":  # its strict core: warnings and enforcement only
            from ..text.diversion import DIVERSION_WARNING

            self.terms = list(dict.fromkeys([*self.terms, *DIVERSION_WARNING]))
        elif self.shared == "scam_named":  # a scam word said of the bait a scam asks for (是骗子 … 先交押金)
            from ..text.diversion import SCAM_NAMED_RX

            self.regex = list(dict.fromkeys([*self.regex, *SCAM_NAMED_RX]))
        elif self.shared == "personal_contact":  # a contact for the poster's own errand (寻狗, 家族群, 拼车)
            from ..text.personal import PERSONAL_CONTACT_TERMS

            self.terms = list(dict.fromkeys([*self.terms, *PERSONAL_CONTACT_TERMS]))
        if not self.terms and not self.regex:
            raise ValueError("a cue family needs 'terms' or 'regex'")
        if any(not isinstance(t, str) or not t.strip() for t in self.terms):
            raise ValueError("terms must be non-empty strings")
        return self

    @field_validator("terms", mode="before")
    @classmethod
    def _terms(cls, v: Any) -> Any:
        # A bare number in YAML (648, 100%) is a term written as digits, not a number.
        return [str(t) if isinstance(t, int | float) and not isinstance(t, bool) else t for t in v] \
            if isinstance(v, list) else v

    @field_validator("scope", mode="before")
    @classmethod
    def _scope(cls, v: Any) -> Any:
        return {False: "off", True: "full"}.get(v, v) if isinstance(v, bool) else v  # YAML 1.1 reads `off` as false

    @field_validator("regex")
    @classmethod
    def _regex(cls, v: list[str]) -> list[str]:
        import re2

        for p in v:
            try:
                re2.compile(p)
            except Exception as exc:  # re2.error
                raise ValueError(f"bad RE2 pattern {p!r}: {exc}") from None
        return v


class Speaker(BaseModel):
    model_config = ConfigDict(extra="forbid")
    verified: bool | None = None
    minor: bool | None = None
    news_license: bool | None = None


class When(BaseModel):
    model_config = ConfigDict(extra="forbid")
    surfaces: list[str] | None = None
    not_surfaces: list[str] | None = None
    kinds: list[str] | None = None
    audience: Literal["minor", "adult"] | None = None
    recipient: Literal["minor", "adult"] | None = None
    speaker: Speaker | None = None
    source: Literal["absent", "present"] | None = None
    fictional: bool | None = None
    ai_generated: bool | None = None

    @field_validator("surfaces", "not_surfaces")
    @classmethod
    def _surfaces(cls, v: list[str] | None) -> list[str] | None:
        for s in v or []:
            if s not in SURFACES:
                raise ValueError(_hint(s, SURFACES, "surface"))
        return v

    @field_validator("kinds")
    @classmethod
    def _kinds(cls, v: list[str] | None) -> list[str] | None:
        for s in v or []:
            if s not in KINDS:
                raise ValueError(_hint(s, KINDS, "kind"))
        return v


class Boost(When):
    add: float = Field(ge=0.0, le=1.0)


class Score(BaseModel):
    model_config = ConfigDict(extra="forbid")
    base: float = Field(0.6, ge=0.0, le=1.0)
    per_cue: float = Field(0.1, ge=0.0, le=1.0)
    max: float = Field(0.95, ge=0.0, le=1.0)


class Frame(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    label: str
    quote: str = ""
    all: list[str] = []
    any: list[str] = []
    min_any: int | None = None
    none: list[str] = []
    window: int | None = Field(None, ge=1)
    score: Score = Score()
    when: When = When()
    boost: list[Boost] = []
    marks: list[str] = []
    # labels this frame gives way to: when a frame of one of them fires on the item, this frame's label is not
    # emitted (an extortion letter names the damaging claim as its leverage; it does not spread a smear)
    yields_to: list[str] = []
    # session 15 (minors15): the act must be aimed at one person — a cue of `qinglang.text.target.person_spans` (你,
    # 她, 这个女生, 王某某, 号主) within the frame's window of its first cue, in the same field; evidence
    # `frame.<id>.target`. Bullying is a hostile act on someone identifiable; the same call aimed at nobody is not.
    target: Literal["person"] | None = None
    # session 19 (story19): the frame reads what other families found — it fires only where one of these labels
    # already stands on the item at `with_min` or more (the cheap pass, the learned tiers): the payload is another
    # detector's finding (an insult, a sexual joke), the frame adds who it is aimed at (children taught to use it).
    # Such frames run in the `labelled` stage of the frame detector (a cascade); evidence `frame.<id>.with.<label>`.
    with_labels: list[str] = []
    with_min: float = Field(0.5, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _needs_cues(self) -> Frame:
        if not self.all and not self.any:
            raise ValueError("a frame needs 'all' or 'any' families")
        if self.min_any is None:
            self.min_any = 1 if self.any else 0
        if self.min_any > len(self.any):
            raise ValueError(f"min_any {self.min_any} is more than the {len(self.any)} families in 'any'")
        return self


class FrameFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    quote: str = ""
    source: str = ""
    families: dict[str, Family]
    frames: list[Frame]


@dataclass(frozen=True)
class FrameSet:
    """Every frame file loaded, validated and cross-checked; `files` keeps the (path, model) pairs."""

    files: tuple[tuple[Path, FrameFile], ...]
    digest: str

    @property
    def frames(self) -> list[tuple[FrameFile, Frame]]:
        return [(ff, fr) for _, ff in self.files for fr in ff.frames]


def shipped_frame_dir() -> Path:
    return Path(str(resources.files("qinglang.frames").joinpath("data")))


def load_frames(dirs: Iterable[Path], custom_labels: frozenset[str] = frozenset()) -> FrameSet:
    """Load `*.yaml` frame files from folders (or single files); any error is a ConfigError naming file:line."""
    import hashlib

    from ..policy.loading import _line_no

    files: list[tuple[Path, FrameFile]] = []
    names: dict[str, Path] = {}
    ids: dict[str, Path] = {}
    digest = hashlib.sha256()
    for d in dirs:
        d = Path(d)
        if not d.exists():
            raise ConfigError(f"frame folder not found: {d}")
        for path in [d] if d.is_file() else sorted(d.glob("*.yaml")):
            raw = path.read_bytes()
            digest.update(path.name.encode() + b"\0" + raw)
            ff = _parse(path, raw, custom_labels)
            for fam_name, fam in ff.families.items():  # shared cue classes live in code: their words count too
                if fam.shared:
                    digest.update(f"{fam_name}\0{fam.terms}\0{fam.regex}".encode())
            if ff.name in names:
                raise ConfigError(f"{path}{_line_no(raw, ('name',))}: frame file name {ff.name!r} is also used by "
                                  f"{names[ff.name]}")
            names[ff.name] = path
            for k, fr in enumerate(ff.frames):
                if fr.id in ids:
                    raise ConfigError(f"{path}{_line_no(raw, ('frames', k, 'id'))}: frame id {fr.id!r} is defined "
                                      f"twice (also in {ids[fr.id]})")
                ids[fr.id] = path
            files.append((path, ff))
    return FrameSet(tuple(files), "sha256:" + digest.hexdigest())


def _parse(path: Path, raw: bytes, custom_labels: frozenset[str]) -> FrameFile:
    from ..policy.loading import _line_no, yaml_mapping
    from ..policy.schema import MARKS

    data = yaml_mapping(path, raw, ConfigError, "a frame file must be a mapping with 'name', 'families' and 'frames'")
    try:
        ff = FrameFile.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(path, raw, exc) from None
    fams = set(ff.families)
    for fam_name, fam in ff.families.items():
        for j, lit in enumerate(fam.literal):
            if lit not in fams or lit == fam_name:
                raise ConfigError(f"{path}{_line_no(raw, ('families', fam_name, 'literal', j))}: families.{fam_name}."
                                  f"literal: {_hint(lit, fams - {fam_name}, 'cue family')}")
    for k, fr in enumerate(ff.frames):
        try:
            check_label(fr.label, custom_labels)
        except ValueError as exc:
            raise ConfigError(f"{path}{_line_no(raw, ('frames', k, 'label'))}: frames.{k}.label: {exc}") from None
        for key in ("with_labels", "yields_to"):  # label lists: each entry a known or declared label
            for j, lab in enumerate(getattr(fr, key)):
                try:
                    check_label(lab, custom_labels)
                except ValueError as exc:
                    raise ConfigError(f"{path}{_line_no(raw, ('frames', k, key, j))}: frames.{k}.{key}: "
                                      f"{exc}") from None
        for key in ("all", "any", "none"):
            for j, fam in enumerate(getattr(fr, key)):
                if fam not in fams:
                    raise ConfigError(f"{path}{_line_no(raw, ('frames', k, key, j))}: frames.{k}.{key}: "
                                      f"{_hint(fam, fams, 'cue family')}")
        for j, m in enumerate(fr.marks):
            if m not in MARKS:
                raise ConfigError(f"{path}{_line_no(raw, ('frames', k, 'marks', j))}: frames.{k}.marks: "
                                  f"{_hint(m, MARKS, 'mark')}")
    return ff


_MODELS: dict[str, type[BaseModel]] = {
    "families": Family, "frames": Frame, "when": When, "speaker": Speaker, "boost": Boost, "score": Score,
}


def _validation_error(path: Path, raw: bytes, exc: ValidationError) -> ConfigError:
    from ..policy.loading import _line_no

    errors = exc.errors()
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and ("[" in x or x.startswith("function-"))))
    keypath = ".".join(str(x) for x in loc)
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        msg = _hint(str(loc[-1]), allowed, "key") if allowed else "unknown key"
    elif err["type"] == "missing":
        msg = "required key is missing"
    return ConfigError(f"{path}{_line_no(raw, loc)}: {keypath}: {msg}")


def _allowed_keys(loc: tuple[Any, ...]) -> set[str]:
    """The keys the schema allows at a key path, for "did you mean" (families.<name> is a Family)."""
    model: type[BaseModel] = FrameFile
    parent = None
    for key in loc:
        if isinstance(key, int) or (parent == "families" and model is Family):
            parent = key
            continue
        nxt = _MODELS.get(str(key))
        if nxt is None:
            return set()
        model, parent = nxt, key
    return set(model.model_fields)


__all__ = ["Boost", "Family", "Frame", "FrameFile", "FrameSet", "Speaker", "When", "load_frames",
           "shipped_frame_dir"]
