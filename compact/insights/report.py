"""The owners' report: figures from the counts, then one self-contained, accessible HTML page.

:func:`collect` gathers everything (rolling up complete days first, unless told not to) into a
:class:`Report` of plain tables, charts and groups; :func:`render` fills the Jinja2 template
``report.html.j2`` with it and the words in ``wording.yaml``; :func:`build` does both. The page
makes no request of its own: its CSS is inline and its charts are inline SVG, each beside its
data table.
"""

from __future__ import annotations

import functools
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

import jinja2
import markupsafe
import sqlalchemy as sa
import yaml

from compact.insights import events, rollup
from compact.insights.charts import Chart, horizontal, stacked_by_day
from compact.insights.grouping import MASK, Group, group
from compact.insights.masking import Masker, knowledge_masker
from compact.insights.metrics import (
    ACTIVE,
    CLARIFYING,
    COMMENTED,
    ELSEWHERE,
    CONVERSATIONS,
    ENDINGS,
    ANSWERS,
    LETTERS,
    MESSAGES,
    NO_COMMITMENT,
    NOT_ANSWERED,
    REACHED,
    STAGES,
    STOPPED,
    UNANSWERED,
    VOTES,
    Comment,
    Facts,
    Question,
    Row,
    analyse,
    day_of,
)

if TYPE_CHECKING:
    from compact.insights.suggest import Nearest, Suggests
    from compact.knowledge import Knowledge

HERE = Path(__file__).resolve().parent
TEMPLATE = "report.html.j2"
CHANNELS = ("rest", "widget", "teams")  # shown in this order, then any other
TOP = 15  # entries in a chart (the table lists all)
WORDINGS_SHOWN = 5  # per group
GROUPS_SHOWN = 60
COMMENTS_SHOWN = 200


@functools.lru_cache(maxsize=1)
def wording() -> dict[str, Any]:
    loaded = yaml.safe_load((HERE / "wording.yaml").read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


# --- what the page is made of ---------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    id: str
    caption: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    numeric: frozenset[int] = frozenset()  # right-aligned columns
    scroll: bool = False  # a long table: in a scrolling box
    total: bool = False  # its last row is the total

    kind = "table"


@dataclass(frozen=True)
class Figure:
    chart: Chart
    table: Table
    wide: bool = False  # a wide table: under the chart rather than beside it

    kind = "figure"


@dataclass(frozen=True)
class Heading:
    text: str

    kind = "heading"


@dataclass(frozen=True)
class Paragraph:
    text: str

    kind = "paragraph"


@dataclass(frozen=True)
class GroupRow:
    count: int
    label: str  # the reasons, or the entry answered
    wordings: Sequence[tuple[str, int]]  # masked
    more: int  # further wordings not shown
    nearest: str
    note: str


@dataclass(frozen=True)
class Groups:
    id: str
    caption: str
    columns: Sequence[str]
    rows: Sequence[GroupRow]
    more: str = ""  # how many groups are not shown, said

    kind = "groups"


@dataclass(frozen=True)
class CommentList:
    entries: Sequence[tuple[str, Sequence[tuple[str, bool, str]]]]  # (entry label, [(day, helpful, masked text)])

    kind = "comments"


Block = Table | Figure | Heading | Paragraph | Groups | CommentList


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    intro: str
    blocks: Sequence[Block]
    how: str = ""


@dataclass(frozen=True)
class Report:
    title: str
    lead: str
    period: str
    privacy: str
    overview: Sequence[tuple[str, str]]  # (figure, what it counts)
    sections: Sequence[Section]
    method: Sequence[str]
    footer: str
    days: Sequence[str] = field(default_factory=list)
    counts: Counter[Row] = field(default_factory=Counter)  # every day's counts (for tests and other uses)


# --- the counts, summed ---------------------------------------------------------------------------


DAY, CHANNEL, KEY = 0, 1, 3  # the parts of a Row a metric's counts are summed by


def summed(counts: Counter[Row], metric: str, by: int, keep: Callable[[Row], bool] = lambda row: True) -> Counter[str]:
    """A metric's counts summed by one part of the row (``by``), over the rows ``keep`` keeps."""
    out: Counter[str] = Counter()
    for row, n in counts.items():
        if row[2] == metric and keep(row):
            out[row[by]] += n
    return out


def total(counts: Counter[Row], metric: str) -> Counter[str]:
    """A metric's counts by key, over every day and channel."""
    return summed(counts, metric, KEY)


def by_channel(counts: Counter[Row], metric: str, key: str | None = None) -> Counter[str]:
    return summed(counts, metric, CHANNEL, lambda row: key is None or row[KEY] == key)


def by_day(counts: Counter[Row], metric: str, channel: str) -> Counter[str]:
    return summed(counts, metric, DAY, lambda row: row[CHANNEL] == channel)


def channels_in(counts: Counter[Row]) -> list[str]:
    present = {c for (_, c, m, _), n in counts.items() if n and m in (CONVERSATIONS, MESSAGES)}
    return [c for c in CHANNELS if c in present] + sorted(present - set(CHANNELS))


def funnel(
    counts: Counter[Row],
) -> tuple[Counter[str], Counter[tuple[str, str]], dict[str, Counter[str]], dict[str, Counter[str]]]:
    """Runs reaching each stage; runs stopping at each (stage, ending); and runs reaching each stage
    by commitment and by side."""
    reached: Counter[str] = Counter()
    stopped: Counter[tuple[str, str]] = Counter()
    commitments: dict[str, Counter[str]] = defaultdict(Counter)
    sides: dict[str, Counter[str]] = defaultdict(Counter)
    for key, n in total(counts, REACHED).items():
        stage, commitment, side = (key.split("|") + ["", ""])[:3]
        reached[stage] += n
        commitments[commitment][stage] += n
        sides[side][stage] += n
    for key, n in total(counts, STOPPED).items():
        stage, ending = (key.split("|") + [""])[:2]
        stopped[(stage, ending)] += n
    return reached, stopped, commitments, sides


def votes(counts: Counter[Row]) -> dict[str, Counter[str]]:
    """Per entry: helpful, not_helpful and commented (latest votes)."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for key, n in total(counts, VOTES).items():
        entry, _, verdict = key.rpartition("|")
        out[entry][verdict] += n
    for entry, n in total(counts, COMMENTED).items():
        out[entry]["commented"] += n
    return out


# --- the words ------------------------------------------------------------------------------------


class Labels:
    """What each id is called in the report (knowledge titles, the wording file's names)."""

    def __init__(self, knowledge: "Knowledge | None", words: Mapping[str, Any]) -> None:
        self.knowledge, self.words = knowledge, words
        self.total = str(words["total"])

    def entry(self, entry_id: str) -> str:
        k = self.knowledge
        if k is not None and (entry_id in k.commitments or entry_id in k.principles or entry_id in k.topics):
            return k.entry_title(entry_id)
        return entry_id

    def about(self, entry_id: str) -> str:
        k, kinds = self.knowledge, self.words["entry_kinds"]
        if k is None:
            return ""
        if entry_id in k.commitments:
            c = k.commitments[entry_id]
            return str(kinds["commitment"]).format(section=c.section.title, sector=c.sector_label)
        if entry_id in k.principles:
            return str(kinds["principle"])
        if entry_id in k.topics:
            return str(kinds["topic"])
        return str(kinds["unknown"])

    def channel(self, channel: str) -> str:
        return str(self.words["channels"].get(channel, channel))

    def kind(self, kind: str) -> str:
        return str(self.words["kinds"].get(kind, kind))

    def stage(self, stage: str) -> str:
        return str(self.words["stages"].get(stage, stage))

    def commitment(self, commitment: str) -> str:
        t = self.words["triage"]
        if not commitment:
            return str(t["unknown_commitment"])
        return str(t["no_commitment"]) if commitment == NO_COMMITMENT else self.entry(commitment)

    def side(self, side: str) -> str:
        t = self.words["triage"]
        return str(t["sides"].get(side, side)) if side else str(t["unknown_side"])


def days_text(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def _entry_order(entry: str) -> tuple[int, tuple[int, ...], str]:
    try:
        return (0, tuple(int(n) for n in entry.split(".")), entry)
    except ValueError:
        return (1, (), entry)


# --- the sections ---------------------------------------------------------------------------------


def activity(counts: Counter[Row], days: Sequence[str], labels: Labels) -> Section:
    w = labels.words["activity"]
    channels = channels_in(counts) or ["rest"]
    started = {c: by_day(counts, CONVERSATIONS, c) for c in channels}
    sent = {c: by_day(counts, MESSAGES, c) for c in channels}
    panels = {
        w["conversations"]: {labels.channel(c): [started[c][d] for d in days] for c in channels},
        w["messages"]: {labels.channel(c): [sent[c][d] for d in days] for c in channels},
    }
    chart = stacked_by_day("chart-activity", days, panels, w["chart_title"], w["chart_description"], w["day_axis"])
    columns = [w["day"]] + [f"{labels.channel(c)}: {w[what]}" for c in channels for what in ("conversations", "messages")]
    rows = [[d] + [n for c in channels for n in (started[c][d], sent[c][d])] for d in days]
    rows.append([labels.total] + [n for c in channels for n in (sum(started[c].values()), sum(sent[c].values()))])
    numeric = frozenset(range(1, len(columns)))
    table = Table("table-activity", w["table_caption"], columns, rows, numeric, scroll=len(days) > 14, total=True)
    active, typed, buttons = (
        by_channel(counts, ACTIVE),
        by_channel(counts, MESSAGES, "typed"),
        by_channel(counts, MESSAGES, "button"),
    )
    conversations = by_channel(counts, CONVERSATIONS)
    totals = Table(
        "table-channels",
        w["totals_caption"],
        w["totals_columns"],
        [[labels.channel(c), conversations[c], active[c], typed[c], buttons[c]] for c in channels]
        + [[labels.total, sum(conversations.values()), sum(active.values()), sum(typed.values()), sum(buttons.values())]],
        frozenset({1, 2, 3, 4}),
        total=True,
    )
    return Section(
        "activity", w["heading"], w["intro"], [Figure(chart, table, wide=True), Heading(w["totals_heading"]), totals], w["how"]
    )


def asked(counts: Counter[Row], labels: Labels) -> Section:
    w = labels.words["asked"]
    answers = total(counts, ANSWERS)
    ranked = sorted(((e, n) for e, n in answers.items() if n > 0), key=lambda p: (-p[1], _entry_order(p[0])))
    if not ranked:
        return Section("asked", w["heading"], w["intro"], [Paragraph(w["none"])], w["how"])
    whole = sum(n for _, n in ranked)
    top = ranked[:TOP]
    title = w["chart_title"].format(n=len(top))
    chart = horizontal(
        "chart-asked",
        [labels.entry(e) for e, _ in top],
        {w["axis"]: [n for _, n in top]},
        title,
        w["chart_description"],
        w["axis"],
    )
    table = Table(
        "table-asked",
        w["table_caption"],
        w["columns"],
        [[labels.entry(e), labels.about(e), n, percent(n, whole)] for e, n in ranked],
        frozenset({2, 3}),
        scroll=len(ranked) > 20,
    )
    return Section("asked", w["heading"], w["intro"], [Figure(chart, table)], w["how"])


def feedback(counts: Counter[Row], comments: Sequence[Comment], masker: Masker, labels: Labels) -> Section:
    w = labels.words["feedback"]
    per_entry = {e: c for e, c in votes(counts).items() if c["helpful"] > 0 or c["not_helpful"] > 0}
    blocks: list[Block] = []
    if per_entry:
        ranked = sorted(per_entry.items(), key=lambda p: (-(p[1]["helpful"] + p[1]["not_helpful"]), _entry_order(p[0])))
        top = ranked[:TOP]
        yes, no = w["series"]
        chart = horizontal(
            "chart-feedback",
            [labels.entry(e) for e, _ in top],
            {yes: [max(0, c["helpful"]) for _, c in top], no: [max(0, c["not_helpful"]) for _, c in top]},
            w["chart_title"].format(n=len(top)),
            w["chart_description"],
            w["axis"],
        )
        rows = [
            [
                labels.entry(e),
                labels.about(e),
                max(0, c["helpful"]),
                max(0, c["not_helpful"]),
                percent(max(0, c["helpful"]), max(0, c["helpful"]) + max(0, c["not_helpful"])),
                max(0, c["commented"]),
            ]
            for e, c in ranked
        ]
        blocks.append(Figure(chart, Table("table-feedback", w["table_caption"], w["columns"], rows, frozenset({2, 3, 4, 5}))))
    else:
        blocks.append(Paragraph(w["none"]))
    blocks.append(Heading(w["comments_heading"]))
    if comments:
        blocks.append(Paragraph(w["comments_intro"]))
        by_entry: dict[str, list[Comment]] = defaultdict(list)
        for c in sorted(comments, key=lambda c: -c.timestamp)[:COMMENTS_SHOWN]:
            by_entry[c.entry].append(c)
        listed = [
            (labels.entry(e), [(day_of(c.timestamp).isoformat(), c.helpful, masker.mask(c.text)) for c in cs])
            for e, cs in sorted(by_entry.items(), key=lambda p: _entry_order(p[0]))
        ]
        blocks.append(CommentList(listed))
    else:
        blocks.append(Paragraph(w["comments_none"]))
    return Section("feedback", w["heading"], w["intro"], blocks, w["how"])


def triage(counts: Counter[Row], labels: Labels) -> Section:
    w = labels.words["triage"]
    reached, stopped, commitments, sides = funnel(counts)
    letters = total(counts, LETTERS)["answer"]
    extra: list[Block] = [Paragraph(w["letters"].format(n=letters))] if letters > 0 else []
    started = max(0, reached["started"])
    if not started:
        return Section("triage", w["heading"], w["intro"], [Paragraph(w["none"]), *extra], w["how"])
    chart = horizontal(
        "chart-triage",
        [labels.stage(s) for s in STAGES],
        {w["axis"]: [max(0, reached[s]) for s in STAGES]},
        w["chart_title"],
        w["chart_description"],
        w["axis"],
    )
    rows = [
        [labels.stage(s), max(0, reached[s]), percent(max(0, reached[s]), started)] + [max(0, stopped[(s, e)]) for e in ENDINGS]
        for s in STAGES
    ]
    table = Table("table-triage", w["table_caption"], w["columns"], rows, frozenset({1, 2, 3, 4, 5}))
    stage_columns = [labels.stage(s) for s in STAGES]

    def breakdown(id_: str, caption: str, first: str, groups: Mapping[str, Counter[str]], name: Any) -> Table:
        shown = sorted(
            ((k, c) for k, c in groups.items() if any(v > 0 for v in c.values())), key=lambda p: (-p[1]["started"], p[0])
        )
        rows = [[name(k)] + [max(0, c[s]) for s in STAGES] for k, c in shown]
        return Table(id_, caption, [first, *stage_columns], rows, frozenset(range(1, len(STAGES) + 1)))

    blocks: list[Block] = [
        Figure(chart, table),
        Heading(w["commitments_heading"]),
        breakdown(
            "table-triage-commitments", w["commitments_caption"], w["first_column_commitment"], commitments, labels.commitment
        ),
        Heading(w["sides_heading"]),
        breakdown("table-triage-sides", w["sides_caption"], w["first_column_side"], sides, labels.side),
        *extra,
    ]
    return Section("triage", w["heading"], w["intro"], blocks, w["how"])


def nearest_cells(nearest: "Nearest | None", checked: bool, labels: Labels) -> tuple[str, str]:
    n = labels.words["nearest"]
    if not checked:
        return "–", str(n["unchecked"])
    if nearest is None:
        return "–", str(n["none"])
    return f"{labels.entry(nearest.entry)} (score {nearest.score:+.2f})", str(n["close"] if nearest.close else n["far"])


def group_rows(groups: Sequence[Group[Question]], label: Any, suggester: "Suggests | None", labels: Labels) -> list[GroupRow]:
    rows = []
    for g in groups[:GROUPS_SHOWN]:
        nearest, note = nearest_cells(suggester.nearest(g.lead) if suggester else None, suggester is not None, labels)
        wordings = g.wordings.most_common()
        rows.append(
            GroupRow(len(g.items), label(g), wordings[:WORDINGS_SHOWN], max(0, len(wordings) - WORDINGS_SHOWN), nearest, note)
        )
    return rows


def more_groups(groups: Sequence[Group[Question]], labels: Labels) -> str:
    hidden = groups[GROUPS_SHOWN:]
    return (
        str(labels.words["more_groups"]).format(groups=len(hidden), questions=sum(len(g.items) for g in hidden)) if hidden else ""
    )


def unanswered(
    counts: Counter[Row], questions: Sequence[Question], masker: Masker, suggester: "Suggests | None", labels: Labels
) -> Section:
    w = labels.words["unanswered"]
    reasons = total(counts, NOT_ANSWERED)
    known = (*UNANSWERED, ELSEWHERE, CLARIFYING)
    kinds = [k for k in known if reasons[k] > 0] + sorted(k for k in reasons if k not in known and reasons[k] > 0)
    if not kinds:
        return Section("unanswered", w["heading"], w["intro"], [Paragraph(w["none"])], w["how"])
    chart = horizontal(
        "chart-unanswered",
        [labels.kind(k) for k in kinds],
        {w["axis"]: [reasons[k] for k in kinds]},
        w["chart_title"],
        w["chart_description"],
        w["axis"],
    )
    table = Table(
        "table-unanswered",
        w["table_caption"],
        w["columns"],
        [[labels.kind(k), reasons[k]] for k in kinds] + [[labels.total, sum(reasons[k] for k in kinds)]],
        frozenset({1}),
        total=True,
    )
    blocks: list[Block] = [Figure(chart, table)]
    masked = [Question(q.timestamp, q.channel, q.kind, masker.mask(q.text), q.entry) for q in questions if q.kind != "answered"]
    if masked:
        groups = group(masked, lambda q: q.text)

        def reasons_of(g: Group[Question]) -> str:
            found = Counter(q.kind for q in g.items).most_common()
            return labels.kind(found[0][0]) if len(found) == 1 else ", ".join(f"{labels.kind(k)} ({n})" for k, n in found)

        blocks += [
            Heading(w["groups_heading"]),
            Groups(
                "groups-unanswered",
                w["groups_caption"],
                w["group_columns"],
                group_rows(groups, reasons_of, suggester, labels),
                more_groups(groups, labels),
            ),
        ]
    return Section("unanswered", w["heading"], w["intro"], blocks, w["how"])


def low_confidence(questions: Sequence[Question], masker: Masker, suggester: "Suggests | None", labels: Labels) -> Section:
    w = labels.words["low_confidence"]
    if suggester is None:
        return Section("low-confidence", w["heading"], w["intro"], [Paragraph(w["unchecked"])], w["how"])
    unsure = [q for q in questions if q.kind == "answered" and not q.followup and suggester.unsure(q.text)]
    if not unsure:
        return Section("low-confidence", w["heading"], w["intro"], [Paragraph(w["none"])], w["how"])
    masked = [Question(q.timestamp, q.channel, q.kind, masker.mask(q.text), q.entry) for q in unsure]
    groups = group(masked, lambda q: q.text)

    def answered_with(g: Group[Question]) -> str:
        found = Counter(q.entry for q in g.items).most_common()
        return labels.entry(str(found[0][0])) if len(found) == 1 else ", ".join(f"{labels.entry(str(e))} ({n})" for e, n in found)

    rows = group_rows(groups, answered_with, suggester, labels)
    shown = Groups("groups-low-confidence", w["caption"], w["columns"], rows, more_groups(groups, labels))
    return Section("low-confidence", w["heading"], w["intro"], [shown], w["how"])


# --- putting it together --------------------------------------------------------------------------


def window(first_day: date | None, today: date, days: int) -> list[str]:
    """The days shown: the last ``days`` up to today (0: all), from the first day with figures (``first_day``) at the earliest."""
    start = max(today - timedelta(days=days - 1), first_day or today) if days > 0 else (first_day or today)
    return [(start + timedelta(days=n)).isoformat() for n in range((today - start).days + 1)]


def collect(
    engine: sa.engine.Engine,
    *,
    days: int = 90,
    now: float | None = None,
    roll: bool = True,
    suggester: "Suggests | None" = None,
    knowledge: "Knowledge | None" = None,
    masker: Masker | None = None,
    keep_days: float = 30.0,
) -> Report:
    """Everything the report shows. ``roll``: roll up complete days first (a write; the served report reads only)."""
    now = time.time() if now is None else now
    has_events = sa.inspect(engine).has_table("events")
    if roll and has_events:
        rollup.roll_up(engine, now)
    rolled_all = rollup.rolled_days(engine)
    first = min([*rolled_all, *([day_of(t)] if has_events and (t := events.first_event_time(engine)) else [])], default=None)
    shown = window(first, day_of(now), days)
    start = date.fromisoformat(shown[0])
    facts: list[Facts] = [analyse(c) for c in events.read(engine, since=rollup.start_of(start))] if has_events else []
    counts, rolled = rollup.counts(engine, facts, first=start)
    counts = Counter({k: v for k, v in counts.items() if k[0] <= shown[-1]})
    since = rollup.start_of(start)
    questions = [q for f in facts for q in f.questions if q.timestamp >= since]
    comments = [c for f in facts for c in f.comments if c.timestamp >= since]
    return assemble(
        counts, shown, rolled, questions, comments, now, suggester, knowledge, masker or knowledge_masker(), keep_days
    )


def assemble(
    counts: Counter[Row],
    shown: Sequence[str],
    rolled: Iterable[date],
    questions: Sequence[Question],
    comments: Sequence[Comment],
    now: float,
    suggester: "Suggests | None",
    knowledge: "Knowledge | None",
    masker: Masker,
    keep_days: float,
) -> Report:
    """The report from counts and live items (no database: the unit tests' way in)."""
    words = wording()
    labels = Labels(knowledge, words)
    reached, _, _, _ = funnel(counts)
    verdicts = total(counts, VOTES)
    helpful = sum(n for k, n in verdicts.items() if k.endswith("|helpful"))
    voted = sum(verdicts.values())
    not_answered = sum(total(counts, NOT_ANSWERED).values())
    o = words["overview"]["items"]
    overview = [
        (str(sum(total(counts, CONVERSATIONS).values())), o["conversations"]),
        (str(sum(total(counts, MESSAGES).values())), o["messages"]),
        (str(sum(total(counts, ANSWERS).values())), o["answers"]),
        (str(not_answered), o["unanswered"]),
        (str(max(0, reached["started"])), o["triage"]),
        (str(max(0, reached["drafted"])), o["drafted"]),
        (percent(helpful, voted), o["helpful"]),
    ]
    made = datetime.fromtimestamp(now, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    rolled_shown = sum(1 for d in rolled if d.isoformat() in set(shown))
    sections = [
        activity(counts, shown, labels),
        asked(counts, labels),
        feedback(counts, comments, masker, labels),
        triage(counts, labels),
        unanswered(counts, questions, masker, suggester, labels),
        low_confidence(questions, masker, suggester, labels),
    ]
    method = words["method"]
    return Report(
        title=words["title"],
        lead=words["lead"],
        period=words["period"].format(first=shown[0], last=shown[-1], days=days_text(len(shown)), made=made),
        privacy=words["privacy"].format(keep=f"{keep_days:g}"),
        overview=overview,
        sections=sections,
        method=[p.format(rolled=rolled_shown, days=days_text(len(shown))) for p in method["paragraphs"]],
        footer=method["footer"],
        days=list(shown),
        counts=counts,
    )


def masked(text: str) -> markupsafe.Markup:
    """Masked text, escaped, with each mask marked so it reads as one (``[name]``)."""
    return markupsafe.Markup(MASK.sub(r'<span class="mask">\g<0></span>', str(markupsafe.escape(text))))


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["masked"] = masked
    return environment


def render(report: Report) -> str:
    return _environment().get_template(TEMPLATE).render(report=report, words=wording())


def build(engine: sa.engine.Engine, **options: Any) -> str:
    """The report's HTML (options as :func:`collect`'s)."""
    return render(collect(engine, **options))
