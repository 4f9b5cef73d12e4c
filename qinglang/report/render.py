"""Write the campaign report: report.html (inline SVG charts), report.pdf (for filing) and report.csv (numbers)."""

from __future__ import annotations

import csv
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from ..errors import ConfigError
from ..labels import LABELS
from ..workflow.config import LADDER, LEVEL_ZH
from . import build
from .build import ACTIONS, CampaignReport, csv_rows
from .charts import bars, stacked_days
from .names import ACTION_ZH, campaign_zh, fmt_time

FONT_PATHS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc")


def period(rep: CampaignReport) -> str:
    return f"{rep.start:%Y年%m月%d日} 至 {rep.end:%Y年%m月%d日}"


def _rules() -> list[str]:
    out: list[str] = []
    for line in (build.__doc__ or "").splitlines():
        if line.startswith("- "):
            out.append(line[2:].strip())
        elif line.startswith("  ") and out:
            out[-1] += " " + line.strip()
    return out


def render_html(rep: CampaignReport) -> str:
    env = Environment(loader=PackageLoader("qinglang.report", "templates"), autoescape=select_autoescape())
    chart_items = bars({campaign_zh(t.campaign): t.items for t in rep.tasks}, title="各专项处置内容条数")
    chart_days = stacked_days({campaign_zh(t.campaign): dict(t.by_day) for t in rep.tasks if t.by_day},
                              title="每日处置条数（按专项）")
    task_charts = {t.campaign: bars({ACTION_ZH[a]: t.by_action.get(a, 0) for a in ACTIONS},
                                    title=f"{campaign_zh(t.campaign)}：按处置", width=420) for t in rep.tasks}
    return env.get_template("campaign.html").render(
        rep=rep, period=period(rep), generated=fmt_time(rep.generated_at), actions=ACTIONS, action_zh=ACTION_ZH,
        campaign_zh=campaign_zh, labels=LABELS, ladder=LADDER, level_zh=LEVEL_ZH, chart_items=chart_items,
        chart_days=chart_days, task_charts=task_charts, rules=_rules())


def write_csv(rep: CampaignReport, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: spreadsheet programs read it as UTF-8
        csv.writer(fh).writerows(csv_rows(rep))


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for p in FONT_PATHS:
        if Path(p).exists():
            pdfmetrics.registerFont(TTFont("WQY", p, subfontIndex=0))
            return "WQY"
    raise ConfigError("the PDF needs a Chinese font: apt-get install fonts-wqy-microhei")


def write_pdf(rep: CampaignReport, path: Path) -> None:
    """A filing copy with the same figures as the CSV, laid out per task with a bar chart of actions."""
    try:
        from reportlab.graphics.charts.barcharts import HorizontalBarChart
        from reportlab.graphics.shapes import Drawing
        from reportlab.lib import colors
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.units import mm
        from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    except ModuleNotFoundError as exc:
        raise ConfigError("the PDF report needs reportlab: pip install 'qinglang[report]'") from exc
    font = _font()
    h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=22, spaceAfter=6, wordWrap="CJK")
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12.5, leading=18, spaceBefore=8, spaceAfter=4, wordWrap="CJK")
    body = ParagraphStyle("b", fontName=font, fontSize=9.5, leading=14, wordWrap="CJK")
    style = TableStyle([("FONT", (0, 0), (-1, -1), font, 8.5), ("GRID", (0, 0), (-1, -1), .4, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6"))])
    story = [Paragraph("“清朗”系列专项行动工作情况报告", h1),
             Paragraph(f"统计期间：{period(rep)}（北京时间）；生成时间：{fmt_time(rep.generated_at)}。", body),
             Spacer(1, 4 * mm)]
    head = ["专项", "处置内容", *(ACTION_ZH[a] for a in ACTIONS), "处置账号", "举报受理", "办结", "时限内", "申诉",
            "改判"]
    rows = [head] + [[Paragraph(campaign_zh(t.campaign), body), t.items, *(t.by_action.get(a, 0) for a in ACTIONS),
                      sum(t.accounts_by_level.values()), t.reports_received, t.reports_handled,
                      t.reports_within_sla, t.appeals, t.overturned] for t in rep.tasks]
    story.append(Table(rows, colWidths=[48 * mm] + [11.5 * mm] * 12, style=style, repeatRows=1))
    for i, t in enumerate(rep.tasks, 1):
        story.append(Paragraph(f"{i}. {campaign_zh(t.campaign)}", h2))
        if not t.items:
            story.append(Paragraph("本期无该专项处置记录。", body))
            continue
        d = Drawing(170 * mm, 32 * mm)
        ch = HorizontalBarChart()
        ch.x, ch.y, ch.width, ch.height = 25 * mm, 2 * mm, 130 * mm, 28 * mm
        ch.data = [[t.by_action.get(a, 0) for a in ACTIONS]]
        ch.categoryAxis.categoryNames = [ACTION_ZH[a] for a in ACTIONS]
        ch.categoryAxis.labels.fontName = font
        ch.valueAxis.valueMin = 0
        ch.valueAxis.valueStep = max(1, -(-max(ch.data[0]) // 5))  # whole numbers on the axis
        ch.valueAxis.labels.fontName = font
        ch.bars[0].fillColor = colors.HexColor("#1f77b4")
        d.add(ch)
        story.append(d)
        lab = "；".join(f"{LABELS.get(k, k)}（{k}）{n} 条" for k, n in sorted(t.by_label.items()))
        lv = "；".join(f"{LEVEL_ZH[x]} {t.accounts_by_level.get(x, 0)} 个" for x in LADDER)
        story += [Paragraph(f"处置内容 {t.items} 条。按标签：{lab}。", body),
                  Paragraph(f"处置账号：{lv}。", body),
                  Paragraph(f"用户举报受理 {t.reports_received} 件，办结 {t.reports_handled} 件，时限内办结 "
                            f"{t.reports_within_sla} 件；申诉 {t.appeals} 件，改判 {t.overturned} 件。", body)]
        for e in t.examples:
            story.append(Paragraph(f"典型案例：内容 {e['content_id']}（证据包 {e['evidence_id']}，"
                                   f"{ACTION_ZH[e['action']]}）：{_esc(e['text'])}", body))
    story.append(Paragraph("统计口径", h2))
    story += [Paragraph(_esc(line), body) for line in _rules()]
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm,
                      bottomMargin=14 * mm, title="清朗专项行动工作情况报告").build(story)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_all(rep: CampaignReport, out: Path) -> list[Path]:
    if out.exists() and not out.is_dir():
        raise ConfigError(f"-o {out} is a file; give a folder for report.html, report.pdf and report.csv")
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "report.html", out / "report.csv", out / "report.pdf"]
    paths[0].write_text(render_html(rep), encoding="utf-8")
    write_csv(rep, paths[1])
    write_pdf(rep, paths[2])
    return paths
