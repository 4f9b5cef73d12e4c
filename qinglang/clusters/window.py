"""The sliding window: near-duplicate clusters, shared indicators and per-account bursts, in bounded memory.

Memory is fixed when the window is built and does not grow with traffic:

- a ring of the last `capacity` posts (time, cluster id, MinHash signature) in numpy arrays;
- a direct-mapped LSH table of about `capacity × bands` slots (band key → ring position): a slot keeps
  the latest post whose band hashed there, a colliding band overwrites it (a campaign has many members and
  many bands, so losing one link costs little), and a slot whose post has left the time window, or whose
  ring position now holds another post, fails the time or signature check — eviction needs no sweep;
- cluster, indicator and account states in dicts, each with a bound on its size (`max_clusters`,
  `max_rings`, `max_accounts`; least recently seen evicted first) and swept of anything last seen before
  the time window; a cluster is also dropped as soon as its last member has been overwritten in the ring
  (no later post can link to it: its members' signatures are gone), so when the time window holds more
  posts than the ring, cluster states follow the ring, not the clock. Each state keeps exact counts and
  bounded samples (`SAMPLE`), so memory is bounded by capacity alone, whatever the traffic and the clock.

A new post joins the cluster of any live bucket-mate whose signature agrees on at least `min_similarity`
of its minima (LSH finds candidates, the signature check confirms them); two clusters a post links are
merged (union–find). Linking is global, not per thread: a smear pushed under thirty different posts is one
campaign, and concentration under one thread (控评) is a feature of the cluster (`features.py`).
"""

from __future__ import annotations

import math
import sys
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .minhash import MinHasher

_EMPTY = np.zeros(0, dtype=np.int64)
RING_KINDS = frozenset({"wechat", "qq", "phone", "url", "qr", "pdq", "telegram"})
SAMPLE = 256  # timestamps / ages / accounts kept per cluster for features (counts stay exact)


@dataclass(frozen=True, slots=True)
class Post:
    """What the window needs of one item (built from a Content by `qinglang.clusters.post_of`)."""

    id: str
    account: str
    ts: float  # epoch seconds
    key: str  # canonical text (`minhash.canonical_key`)
    thread: str | None = None
    account_created: float | None = None  # epoch seconds, if the author's created_at is known
    indicators: tuple[str, ...] = ()  # "kind:value" from qinglang.indicators (contacts, URLs, QR, PDQ)


@dataclass
class ClusterState:
    """A near-duplicate cluster's running aggregates (exact counts, bounded samples)."""

    id: str
    size: int = 0
    first: float = math.inf
    last: float = -math.inf
    accounts: Counter[str] = field(default_factory=Counter)
    threads: Counter[str] = field(default_factory=Counter)
    templates: Counter[str] = field(default_factory=Counter)
    times: list[float] = field(default_factory=list)
    ages: dict[str, float] = field(default_factory=dict)  # account → age in days at its first post here
    members: list[str] = field(default_factory=list)  # first SAMPLE member ids
    key: str = ""  # the first member's canonical text (the template shown in reports)
    merged_into: ClusterState | None = None  # set when a later post linked it into a bigger cluster
    scored: tuple[int, dict[str, Any]] | None = None  # (size, summary) cache of `ClusterTracker.describe`
    last_seq: int = -1  # ring sequence number of its latest member (the cluster is dead once it is overwritten)

    def add(self, post: Post) -> None:
        self.size += 1
        self.first, self.last = min(self.first, post.ts), max(self.last, post.ts)
        if len(self.accounts) < 4 * SAMPLE or post.account in self.accounts:
            self.accounts[post.account] += 1
        if post.thread is not None and (len(self.threads) < SAMPLE or post.thread in self.threads):
            self.threads[post.thread] += 1
        if len(self.templates) < SAMPLE or post.key in self.templates:
            self.templates[post.key] += 1
        if len(self.times) < 4 * SAMPLE:
            self.times.append(post.ts)
        if post.account_created is not None and post.account not in self.ages and len(self.ages) < 4 * SAMPLE:
            self.ages[post.account] = max(0.0, (post.ts - post.account_created) / 86400)
        if len(self.members) < SAMPLE:
            self.members.append(post.id)
        if not self.key:
            self.key = post.key

    def absorb(self, other: ClusterState) -> None:
        self.size += other.size
        self.first, self.last = min(self.first, other.first), max(self.last, other.last)
        self.accounts.update(other.accounts)
        self.threads.update(other.threads)
        self.templates.update(other.templates)
        self.times = sorted(self.times + other.times)[: 4 * SAMPLE]
        for acc, age in other.ages.items():
            self.ages.setdefault(acc, age)
        self.members = (self.members + other.members)[:SAMPLE]
        self.last_seq = max(self.last_seq, other.last_seq)
        other.merged_into = self


@dataclass
class RingState:
    """Accounts sharing one contact handle, URL, QR payload or media hash (an 引流 ring candidate)."""

    indicator: str
    first: float
    last: float
    posts: int = 0
    accounts: dict[str, float | None] = field(default_factory=dict)  # account → age in days (None unknown)
    members: list[str] = field(default_factory=list)


class AccountState:
    """An account's last few post times (for bursts) and its creation time; small, as there are many."""

    __slots__ = ("created", "times")
    KEEP = 32

    def __init__(self) -> None:
        self.times: list[float] = []
        self.created: float | None = None


@dataclass(frozen=True)
class WindowConfig:
    window_s: float = 24 * 3600.0  # links and rings only within this time window
    capacity: int = 1_000_000  # posts kept in the ring
    min_similarity: float = 0.5  # signature agreement that confirms an LSH candidate
    min_key_chars: int = 2  # shorter canonical texts are not clustered (emoji-only, "哈")
    max_accounts: int = 200_000  # account states kept (least recently seen evicted first)
    max_clusters: int = 100_000  # cluster states kept (least recently joined evicted first)
    max_rings: int = 200_000  # indicator states kept
    sweep_every: int = 4096  # posts between sweeps of expired cluster / ring states
    num_perm: int = 32
    bands: int = 16  # 16 bands of 2 rows: variants at Jaccard 0.5 meet with p ≈ 0.99; the check filters
    shingle: int = 2  # character bigrams: slot paraphrases keep more shared shingles than with trigrams


class ClusterWindow:
    """Online near-duplicate clustering over a bounded time window (not thread-safe: callers serialize)."""

    def __init__(self, config: WindowConfig | None = None,
                 on_join: Callable[[str, ClusterState], None] | None = None) -> None:
        self.config = cfg = config or WindowConfig()
        self.on_join = on_join  # called with (post id, cluster) whenever a post joins a cluster (batch)
        self.hasher = MinHasher(cfg.num_perm, cfg.bands, cfg.shingle)
        n = max(16, cfg.capacity)
        self._n = n
        self._ts = np.full(n, -np.inf)
        self._cid = np.zeros(n, dtype=np.int64)
        self._sig = np.zeros((n, cfg.num_perm), dtype=np.uint16)  # low 16 bits of each minimum
        self._meta: list[tuple[str, str, str | None, float | None] | None] = [None] * n
        slots = 1 << max(10, math.ceil(math.log2(n * cfg.bands)))
        self._mask = slots - 1
        self._min_agree = math.ceil(cfg.min_similarity * cfg.num_perm)
        self._tpos = np.full(slots, -1, dtype=np.int32)  # band slot → ring position of its latest post
        self._seq = 0  # next post sequence number
        self._next_cluster = 1
        self._parent: dict[int, int] = {}
        self.clusters: OrderedDict[int, ClusterState] = OrderedDict()  # least recently joined first
        self.rings: OrderedDict[str, RingState] = OrderedDict()
        self.accounts: OrderedDict[str, AccountState] = OrderedDict()
        self.now = -math.inf
        self._since_sweep = 0

    # -- public ---------------------------------------------------------------------------------------

    def observe(self, post: Post) -> tuple[ClusterState | None, list[RingState]]:
        """Add a post; return its cluster (None if it has no near-duplicate yet) and the rings it is in."""
        self.now = max(self.now, post.ts)
        self._account(post)
        cluster = self._cluster(post) if len(post.key) >= self.config.min_key_chars else None
        rings = [self._ring(post, ind) for ind in dict.fromkeys(post.indicators)
                 if ind.split(":", 1)[0] in RING_KINDS]
        self._since_sweep += 1
        if self._since_sweep >= self.config.sweep_every:
            self.sweep()
        return cluster, rings

    def account_burst(self, account: str, now: float, span_s: float) -> int:
        """Posts by `account` in the last `span_s` seconds (up to `AccountState.KEEP`)."""
        st = self.accounts.get(account)
        if st is None:
            return 0
        return sum(1 for t in st.times if now - span_s <= t <= now)

    def account_created(self, account: str) -> float | None:
        st = self.accounts.get(account)
        return st.created if st else None

    def cluster_of(self, cid: int) -> ClusterState | None:
        return self.clusters.get(self._find(cid))

    def sweep(self) -> None:
        """Drop cluster, ring and account states last seen before the window, and clusters whose members
        have all left the ring."""
        self._since_sweep = 0
        horizon = self.now - self.config.window_s
        floor = self._seq - self._n  # ring sequence numbers below this have been overwritten
        for cid in [c for c, st in self.clusters.items() if st.last < horizon or st.last_seq < floor]:
            del self.clusters[cid]
        live = set(self.clusters)
        self._parent = {c: p for c, p in self._parent.items() if self._find(p) in live}
        # rings and accounts are kept in last-seen order (move_to_end on each post): expire from the old end
        while self.rings:
            ind, st = next(iter(self.rings.items()))
            if st.last >= horizon:
                break
            del self.rings[ind]
        while self.accounts:
            acc, ast = next(iter(self.accounts.items()))
            if ast.times and ast.times[-1] >= horizon:
                break
            del self.accounts[acc]

    def memory_bytes(self) -> int:
        """Bytes held by the fixed arrays (the ring and the LSH table)."""
        return int(self._ts.nbytes + self._cid.nbytes + self._sig.nbytes + self._tpos.nbytes + 8 * self._n)

    def state_counts(self) -> dict[str, int]:
        """How many states each bounded dict holds now (for metrics and the benchmark)."""
        return {"clusters": len(self.clusters), "rings": len(self.rings), "accounts": len(self.accounts),
                "cluster_links": len(self._parent)}

    # -- internals ------------------------------------------------------------------------------------

    def _find(self, c: int) -> int:
        parent = self._parent
        root = c
        while root in parent:
            root = parent[root]
        while c in parent and parent[c] != root:  # path compression
            parent[c], c = root, parent[c]
        return root

    def _cluster(self, post: Post) -> ClusterState | None:
        cfg, h = self.config, self.hasher
        sig = h.signature(post.key)
        slots = h.band_keys(sig) & self._mask
        seq = self._seq
        pos = seq % self._n
        self._seq += 1
        small = (sig & 0xFFFF).astype(np.uint16)
        found = {p for p in self._tpos[slots].tolist() if p >= 0 and p != pos}
        cand = _EMPTY
        if found:
            # a slot may point at a post since overwritten in the ring: the time and signature checks reject it
            cand = np.array(list(found), dtype=np.int64)
            cand = cand[self._ts[cand] >= post.ts - cfg.window_s]
            if cand.size:
                agree = (self._sig[cand] == small).sum(axis=1)
                cand = cand[agree >= self._min_agree]
        self._ts[pos] = post.ts
        self._sig[pos] = small
        self._cid[pos] = 0
        # what a bucket-mate needs to join a cluster later; accounts and threads repeat, so they are interned
        self._meta[pos] = (post.id, sys.intern(post.account), post.thread and sys.intern(post.thread),
                           post.account_created)
        self._tpos[slots] = pos
        if cand.size == 0:
            return None
        roots: list[int] = []
        for p in cand.tolist():
            c = int(self._cid[p])
            if c:
                r = self._find(c)
                if r in self.clusters and r not in roots:
                    roots.append(r)
        if roots:
            root = max(roots, key=lambda r: self.clusters[r].size)
            st = self.clusters[root]
            self.clusters.move_to_end(root)
            for r in roots:
                if r != root:
                    st.absorb(self.clusters.pop(r))
                    self._parent[r] = root
        else:
            root = self._next_cluster
            self._next_cluster += 1
            st = self.clusters[root] = ClusterState(id=f"c{root}")
            while len(self.clusters) > max(1, cfg.max_clusters):  # the bound: least recently joined goes
                self.clusters.popitem(last=False)
        for p in cand.tolist():  # a bucket-mate seen alone so far joins with its own post
            if self._cid[p] == 0 or self._find(int(self._cid[p])) not in self.clusters:
                self._cid[p] = root
                meta = self._meta[p]
                if meta is not None:
                    # its own wording is gone (not kept per post): it was near-identical to this one
                    st.add(Post(meta[0], meta[1], float(self._ts[p]), post.key, meta[2], meta[3]))
                    if self.on_join is not None:
                        self.on_join(meta[0], st)
        self._cid[pos] = root
        st.add(post)
        st.last_seq = seq
        if self.on_join is not None:
            self.on_join(post.id, st)
        return st

    def _account(self, post: Post) -> None:
        st = self.accounts.get(post.account)
        if st is None:
            st = self.accounts[post.account] = AccountState()
            if len(self.accounts) > self.config.max_accounts:
                self.accounts.popitem(last=False)
        else:
            self.accounts.move_to_end(post.account)
        st.times.append(post.ts)
        if len(st.times) > AccountState.KEEP:
            del st.times[0]
        if post.account_created is not None:
            st.created = post.account_created

    def _ring(self, post: Post, indicator: str) -> RingState:
        st = self.rings.get(indicator)
        if st is None:
            st = self.rings[indicator] = RingState(indicator, post.ts, post.ts)
            if len(self.rings) > self.config.max_rings:
                self.rings.popitem(last=False)
        else:
            self.rings.move_to_end(indicator)
        st.posts += 1
        st.last = max(st.last, post.ts)
        if post.account not in st.accounts and len(st.accounts) < 4 * SAMPLE:
            age = None if post.account_created is None else max(0.0, (post.ts - post.account_created) / 86400)
            st.accounts[post.account] = age
        if len(st.members) < SAMPLE:
            st.members.append(post.id)
        return st
