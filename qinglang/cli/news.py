"""`qinglang news`: the news licence registry a platform imports and keeps up to date.

    qinglang news import CNAC.csv --registry registry.csv     # validate, merge (update) and write the registry
    qinglang news check 31120170006 [--registry registry.csv]  # format verdict + registry status of a number

The registry file is CSV (`licence_no,entity,accounts,category`; accounts joined by `;`), the format
`NewsRegistry.from_csv` reads; the engine takes it from the `news` detector's `registry` param or the engine extra
`news_registry`, and `Engine.reload()` picks up a re-imported file. Number format: docs/policy.md (news licences).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON only.")]

app = typer.Typer(help="News licence registry (互联网新闻信息服务许可证名录).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="news")


@app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(help="CSV to import: licence_no, entity[, accounts, category].")],
    registry: Annotated[Path, typer.Option(help="The registry file to create or update.")],
    replace: Annotated[bool, typer.Option(help="Replace the registry instead of merging into it.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Validate a licence list and merge it into the registry (same number+entity: accounts united)."""
    from ..detectors.news_licence import NewsRegistry, licence_format

    new = NewsRegistry.from_csv(source)
    formats = {h.licence_no: licence_format(h.licence_no) for h in new.holders}
    bad = sorted(no for no, f in formats.items() if f in ("malformed", "unusual"))
    old = NewsRegistry.from_csv(registry) if registry.exists() and not replace else NewsRegistry([])
    merged = old.merged(new)
    merged.to_csv(registry)
    report = {"registry": str(registry), "imported": len(new), "before": len(old), "after": len(merged),
              "unusual_format": bad, "conflicts": merged.conflicts()}
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        typer.echo(f"{registry}: {report['before']} → {report['after']} holders ({report['imported']} imported)")
        for no in bad:
            typer.echo(f"  note: {no} does not have the PPTYYYYNNNN form (kept: the list is the authority)")
        for no, ents in report["conflicts"].items():
            typer.echo(f"  conflict: licence {no} listed for {'、'.join(ents)}")


@app.command("check")
def check(
    number: Annotated[str, typer.Argument(help="A licence number as an account displays it.")],
    registry: Annotated[Path | None, typer.Option(help="Registry file to look it up in.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Format verdict (current / legacy / unusual / malformed) and registry status; exit 1 when not listed."""
    from ..detectors.news_licence import NewsRegistry, licence_format

    fmt = licence_format(number)
    holders = NewsRegistry.from_csv(registry).by_licence.get(number.strip(), []) if registry else []
    verdict = ("listed" if holders else "not listed: review" if fmt != "malformed" else "malformed: no licence") \
        if registry else {"malformed": "malformed: no licence",
                          "unusual": "unusual form: a verified account's is accepted, others reviewed (no registry)"
                          }.get(fmt, "well-formed (no registry given)")
    out = {"number": number, "format": fmt, "holders": [h.entity for h in holders], "verdict": verdict}
    typer.echo(json.dumps(out, ensure_ascii=False) if as_json else f"{number}: {fmt}; {verdict}"
               + (f" ({'、'.join(out['holders'])})" if holders else ""))
    if registry and not holders:
        raise typer.Exit(1)
