"""Campaign-policy commands: `policy check|explain`, `suggest`, `accounts eligibility`, `audit local`,
`minors session`."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ..clock import CN_TZ, parse_time
from ..errors import InvalidContent
from ..model import Content
from ..policy import load_policies, shipped_policy_dir
from .common import DetectorsOpt, LexiconOpt, PolicyOpt, audit_app, build_engine, make_console

policy_app = typer.Typer(help="Campaign policies: validate and explain.", no_args_is_help=True)
accounts_app = typer.Typer(help="Account checks (monetization eligibility).", no_args_is_help=True)
minors_app = typer.Typer(help="Minors mode (未成年人模式).", no_args_is_help=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON only.")]


def register(app: typer.Typer) -> None:
    app.add_typer(policy_app, name="policy")
    app.add_typer(accounts_app, name="accounts")
    app.add_typer(minors_app, name="minors")
    app.command("suggest")(suggest)


def _read_json(path: Path) -> Any:
    try:
        raw = sys.stdin.read() if str(path) == "-" else path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidContent(f"{path}: cannot read: {exc}") from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidContent(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None


def _policy_dirs(policy: list[Path] | None, alone: bool = False) -> list[Path]:
    return [*([] if alone else [shipped_policy_dir()]), *(policy or [])]


@policy_app.command("check")
def check(
    dirs: Annotated[list[Path], typer.Argument(help="Policy folders or files to validate.")],
    alone: Annotated[bool, typer.Option("--alone", help="Do not merge with the shipped policies.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Validate policy files (schema, labels, surfaces, line numbers) merged with the shipped ones."""
    pol = load_policies(_policy_dirs(dirs, alone))
    rows = [{"campaign": pf.campaign, "task": pf.task, "title": pf.title, "rules": len(pf.rules), "file": src,
             "active": [[str(w.start or ""), str(w.end or "")] for w in pf.windows() if w.start or w.end],
             "fallback": pf.fallback}
            for pf, src in zip(pol.files, pol.sources, strict=True)]
    if as_json:
        typer.echo(json.dumps({"ok": True, "version": pol.version, "campaigns": rows}, ensure_ascii=False, indent=2))
        return
    t = Table(title=f"policies OK  {pol.version[:19]}")
    for col in ("task", "campaign", "title", "rules", "active"):
        t.add_column(col)
    for r in rows:
        t.add_row(str(r["task"] or ""), r["campaign"], r["title"], str(r["rules"]),
                  "; ".join("..".join(w) for w in r["active"]) or "standing")
    make_console().print(t)


@policy_app.command("explain")
def explain(
    content: Annotated[Path, typer.Argument(help="Content JSON file ('-' for stdin).")],
    now: Annotated[str | None, typer.Option(help="Decide as of this time (ISO) when the content has no created_at.")]
    = None,
    as_json: JsonOpt = False,
    lexicon: LexiconOpt = None,
    policy: PolicyOpt = None,
    detectors: DetectorsOpt = None,
) -> None:
    """Which rules fired for one item, why (label, score, threshold), and the notice wording behind each."""
    item = Content.from_json(_read_json(content))
    engine = build_engine(lexicon, policy, detectors)
    at = parse_time(now, "--now") if now else None
    decision = engine.moderate(item, explain=True, now=at)
    trace = decision.trace or {}
    if as_json:
        typer.echo(json.dumps(decision.to_json(), ensure_ascii=False, indent=2))
        return
    c = make_console()
    c.print(f"[bold]{item.id}[/]  action [bold]{decision.action}[/]  marks {list(decision.marks)}  "
            f"account {[a['action'] for a in decision.account_actions]}")
    for s in trace.get("signals", []):
        ev = "; ".join(f"{e['field']}[{e['start']}:{e['end']}] {e['text']!r}" for e in s["evidence"][:3])
        c.print(f"  signal {s['label']} {s['score']:.2f}  {s['rule']}  {ev}")
    for f in trace.get("rules_fired", []):
        c.print(f"  [cyan]{f['campaign']}[/] {f['rule']} → [bold]{f['action']}[/]  ({f['why']})")
        if f.get("quote"):
            c.print(f"      「{f['quote']}」")
    if not trace.get("rules_fired"):
        c.print("  no rule fired")


def suggest(
    text: Annotated[str, typer.Argument(help="Text to check ('-' for stdin).")],
    as_json: JsonOpt = False,
    lexicon: LexiconOpt = None,
) -> None:
    """Writer suggestions: typos, 谐音 slang, look-alike characters, disguised terms (campaign 8)."""
    from ..detectors.language_misuse import suggest as run

    if text == "-":
        text = sys.stdin.read()
    engine = build_engine(lexicon, None, None)
    out = run(text, engine.normalizer, engine.compiled_lexicon)
    if as_json:
        typer.echo(json.dumps([s.to_json() for s in out], ensure_ascii=False, indent=2))
        return
    if not out:
        typer.echo("没有发现需要修改的用字。")
    for s in out:
        typer.echo(f"[{s.start}:{s.end}] {s.text} → {s.replacement}  ({s.kind}{'，' + s.note if s.note else ''})")


@accounts_app.command("eligibility")
def eligibility(
    accounts: Annotated[Path, typer.Argument(help="Accounts JSONL (one account per line).")],
    today: Annotated[str | None, typer.Option(help="Evaluate as of this date (default: today, China time).")] = None,
    as_json: JsonOpt = False,
    policy: PolicyOpt = None,
) -> None:
    """Monetization eligibility per account (months without violations, real name, owner change…)."""
    from ..policy.eligibility import check_eligibility, monetization_settings

    settings = monetization_settings(load_policies(_policy_dirs(policy)))
    day = parse_time(today, "--today").date() if today else dt.datetime.now(CN_TZ).date()
    results = []
    try:
        lines = accounts.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidContent(f"{accounts}: cannot read: {exc}") from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            acc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidContent(f"{accounts}:{lineno}: invalid JSON: {exc.msg}") from None
        try:
            results.append(check_eligibility(acc, settings, day))
        except InvalidContent as exc:
            raise InvalidContent(f"{accounts}:{lineno}: {exc.message}") from None
    for r in results:
        if as_json:
            typer.echo(json.dumps(r.to_json(), ensure_ascii=False))
        else:
            mark = "✓" if r.eligible else "✗"
            extra = f"  (可于 {r.eligible_from} 起申请)" if r.eligible_from else ""
            typer.echo(f"{mark} {r.account}: {'；'.join(r.messages)}{extra}")


@accounts_app.command("licences")
def licences(
    registry: Annotated[Path, typer.Argument(help="News licence registry CSV (licence_no, entity, accounts).")],
    accounts: Annotated[Path | None, typer.Option(help="Accounts JSONL (id, name, news_license, entity).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """One licence number used by unrelated entities (倒卖、出租、出借互联网新闻信息服务许可证)."""
    from ..detectors.news_licence import NewsRegistry, shared_licences

    reg = NewsRegistry.from_csv(registry)
    rows: list[dict[str, Any]] = []
    if accounts:
        for lineno, line in enumerate(accounts.read_text("utf-8").splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InvalidContent(f"{accounts}:{lineno}: invalid JSON: {exc.msg}") from None
    report = {"registry_conflicts": reg.conflicts(), "shared": shared_licences(reg, rows)}
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for no, ents in report["registry_conflicts"].items():
            typer.echo(f"registry: licence {no} listed for {len(ents)} entities: {'、'.join(ents)}")
        for no, info in report["shared"].items():
            typer.echo(f"accounts: licence {no} (holder {'、'.join(info['holders']) or '未登记'}) used by "
                       f"{'、'.join(info['unrelated'])}")
        if not report["registry_conflicts"] and not report["shared"]:
            typer.echo("no shared licences")
    if report["registry_conflicts"] or report["shared"]:
        raise typer.Exit(1)


@audit_app.command("local")
def audit_local(
    recs: Annotated[Path, typer.Argument(help="Recommendation log JSONL (user_city|geohash, interests, item_id, "
                                              "labels).")],
    html_out: Annotated[Path | None, typer.Option("--html", help="Write the chart as a standalone HTML page.")] = None,
    min_deliveries: Annotated[int, typer.Option(help="Minimum deliveries for a cell to be judged.")] = 20,
    min_lift: Annotated[float, typer.Option(help="Share must be this many times the platform share.")] = 2.0,
    min_z: Annotated[float, typer.Option(help="One-sided binomial z-score threshold.")] = 3.0,
    min_items: Annotated[int, typer.Option(help="Distinct harmful items needed for a cluster.")] = 3,
    as_json: JsonOpt = False,
) -> None:
    """Per area × interest, the share of harmful deliveries against the platform share; flags 扎堆推送."""
    from ..policy.local_audit import AuditSettings, audit, read_log, render_html

    settings = AuditSettings(min_deliveries=min_deliveries, min_lift=min_lift, min_z=min_z,
                             min_distinct_items=min_items)
    report = audit(read_log(recs), settings)
    if html_out:
        html_out.write_text(render_html(report), "utf-8")
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(f"{report.deliveries} deliveries, harmful {report.harmful} "
                   f"({report.platform_share:.1%} platform-wide)")
        for f in report.flagged:
            typer.echo(f"  扎堆推送: {f.area} / {f.interest or '全部兴趣'}  {f.harmful}/{f.deliveries} = {f.share:.1%} "
                       f"({f.lift:.1f}×, z={f.z:.1f}, {f.distinct_harmful_items} items)")
        if not report.flagged:
            typer.echo("  no clusters flagged")
        if html_out:
            typer.echo(f"chart: {html_out}")
    if report.flagged:
        raise typer.Exit(1)


@minors_app.command("session")
def minors_session(
    age: Annotated[int, typer.Option(help="The user's age.")],
    used: Annotated[float, typer.Option(help="Minutes used today.")] = 0,
    continuous: Annotated[float, typer.Option(help="Minutes of continuous use.")] = 0,
    at: Annotated[str | None, typer.Option(help="Local time (ISO); default now, China time.")] = None,
    parent_override_curfew: Annotated[bool, typer.Option(help="Parent allowed use during the curfew.")] = False,
    parent_extra_minutes: Annotated[int, typer.Option(help="Extra minutes granted by a parent.")] = 0,
    as_json: JsonOpt = False,
    policy: PolicyOpt = None,
) -> None:
    """May a minor's session continue now, and why (age band, daily limit, 22:00–06:00 curfew)."""
    from ..policy.minors import minors_settings, session_decision

    settings = minors_settings(load_policies(_policy_dirs(policy)))
    now = parse_time(at, "--at") if at else dt.datetime.now(CN_TZ)
    d = session_decision(settings, age=age, used_minutes=used, continuous_minutes=continuous, now=now,
                         parent_override_curfew=parent_override_curfew, parent_extra_minutes=parent_extra_minutes)
    if as_json:
        typer.echo(json.dumps(d.to_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(f"{'allowed' if d.allowed else 'stop'} ({d.reason}): {d.message}"
                   + (f"  resume at {d.resume_at}" if d.resume_at else ""))
    if not d.allowed:
        raise typer.Exit(1)
