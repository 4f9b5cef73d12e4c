"""`qinglang clusters IN.jsonl -o OUT.jsonl [--html REPORT.html]`: coordinated-behaviour clusters of a corpus."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InvalidContent, NotFound


def register(root: typer.Typer) -> None:
    root.command("clusters")(clusters)


def clusters(
    src: Annotated[Path, typer.Argument(help="Content JSONL (each item needs created_at; author.id and "
                                             "author.created_at make the account features)")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Cluster records (JSONL)")],
    html: Annotated[Path | None, typer.Option("--html", help="Also write an HTML report with timelines")] = None,
    window_hours: Annotated[float, typer.Option(help="Link near-duplicates only within this many hours")] = 24.0,
    min_size: Annotated[int, typer.Option(help="Write clusters of at least this many posts")] = 2,
) -> None:
    """Near-duplicate clusters, their coordination features and label (water_army / look_alike), and 引流 rings."""
    from ..clusters.batch import cluster_items, read_jsonl
    from ..clusters.report import render
    from ..clusters.tracker import TrackerConfig
    from ..clusters.window import WindowConfig

    if window_hours <= 0:
        raise InvalidContent("--window-hours must be positive")
    if not src.is_file():
        raise NotFound(f"input file {src} does not exist or is not a file")
    errors: list[str] = []
    with src.open("r", encoding="utf-8") as f:
        items = list(read_jsonl(f, errors))
    n = max(1024, len(items))  # the whole corpus fits: clusters end by the time window only
    cfg = TrackerConfig(window=WindowConfig(window_s=window_hours * 3600, capacity=n, max_clusters=n))
    res = cluster_items(items, config=cfg, min_size=max(2, min_size))
    res.errors[:0] = errors
    with out.open("w", encoding="utf-8") as f:
        for rec in res.clusters:
            f.write(json.dumps({"type": "cluster", **rec}, ensure_ascii=False) + "\n")
        for ring in res.rings:
            f.write(json.dumps({"type": "ring", **ring}, ensure_ascii=False) + "\n")
    if html is not None:
        html.write_text(render(res), encoding="utf-8")
    for e in res.errors[:20]:
        typer.echo(f"warning: {e}", err=True)
    labelled = sum(c["label"] == "water_army" for c in res.clusters)
    rings = sum(r["label"] == "drainage_ring" for r in res.rings)
    typer.echo(f"{res.items} items, {len(res.clusters)} clusters ({labelled} water_army), {rings} drainage rings"
               f" -> {out}" + (f", {html}" if html else ""), err=True)
    if res.errors and not res.items:
        sys.exit(1)
