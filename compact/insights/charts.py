"""The report's charts: matplotlib (Agg), saved as SVG and made fit to sit inline in an HTML page.

Each chart is an ``<svg role="img">`` named by its own ``<title>`` and ``<desc>`` (through
``aria-labelledby``); the report puts the chart's data table beside it. Text stays text
(``svg.fonttype: none``), so it scales and can be read; the ids matplotlib gives every element
are prefixed per chart, so several charts on one page never share one. Colours are dark enough
for 3:1 against white (WCAG 1.4.11) and stacked series are hatched too, so colour is not the
only way to tell them apart.
"""

from __future__ import annotations

import contextlib
import io
import re
import threading
from dataclasses import dataclass
from typing import Any, Iterator, Mapping, Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402 (after choosing the backend)

COLOURS = ("#1d4f91", "#b04a00", "#2b7a3b", "#6b3fa0", "#8a1c3c", "#4d4d4d")
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "---")
INK = "#1a1a1a"
GRID = "#d0d0d0"
STYLE = {
    "svg.fonttype": "none",  # text stays text
    "svg.hashsalt": "compact-insights",  # the same ids for the same chart: reports can be compared
    "font.family": "sans-serif",
    "font.size": 10,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#555555",
    "xtick.color": INK,
    "ytick.color": INK,
    "hatch.color": "#ffffff",
    "hatch.linewidth": 0.8,
}
_LOCK = threading.Lock()  # matplotlib's settings are process-wide
_IDS = re.compile(r'\bid="([^"]+)"')


@dataclass(frozen=True)
class Chart:
    svg: str  # inline SVG markup
    title: str
    description: str


def _style(n: int) -> dict[str, Any]:
    """The n-th series' bars: a colour and, for readers who cannot tell the colours apart, a hatching."""
    return {"color": COLOURS[n % len(COLOURS)], "hatch": HATCHES[n % len(HATCHES)], "edgecolor": "white", "linewidth": 0.3}


def _svg(figure: Figure, prefix: str, title: str, description: str) -> str:
    """The figure as inline SVG: no XML prologue, no global style, ids prefixed, named for assistive technology."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'<style type="text/css">.*?</style>', "", svg, flags=re.S)  # the report's CSS has it, for charts only
    for old in set(_IDS.findall(svg)):
        svg = svg.replace(f'id="{old}"', f'id="{prefix}-{old}"').replace(f"#{old})", f"#{prefix}-{old})")
        svg = svg.replace(f'href="#{old}"', f'href="#{prefix}-{old}"')
    svg = re.sub(r'\s(?:width|height)="[\d.]+pt"', "", svg, count=2)
    opening = (
        f'<svg class="chart" role="img" focusable="false" aria-labelledby="{prefix}-title {prefix}-desc"'
        f' preserveAspectRatio="xMinYMin meet"'
    )
    svg = svg.replace("<svg", opening, 1)
    names = f'<title id="{prefix}-title">{_escape(title)}</title><desc id="{prefix}-desc">{_escape(description)}</desc>'
    return re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + names, svg, count=1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@contextlib.contextmanager
def _figure(width: float, height: float) -> Iterator[Figure]:
    """A figure drawn and saved under the report's style (one at a time: the style is process-wide)."""
    with _LOCK, matplotlib.rc_context(STYLE):
        yield Figure(figsize=(width, height), constrained_layout=True)


def stacked_by_day(
    prefix: str,
    days: Sequence[str],
    panels: Mapping[str, Mapping[str, Sequence[int]]],
    title: str,
    description: str,
    xlabel: str,
) -> Chart:
    """One panel per measure (e.g. conversations, messages), bars per day stacked by series (channels)."""
    with _figure(9, 1.7 * len(panels) + 0.9) as figure:
        axes = figure.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
        positions = list(range(len(days)))
        for ax, (measure, series) in zip(axes, panels.items()):
            bottom = [0] * len(days)
            for n, (name, values) in enumerate(series.items()):
                ax.bar(positions, values, bottom=bottom, label=name, **_style(n))
                bottom = [b + v for b, v in zip(bottom, values)]
            ax.set_ylabel(measure)
            ax.set_xlim(-0.5, max(len(days), 14) - 0.5)  # a few days' bars stay bar-shaped
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.grid(axis="y", color=GRID, linewidth=0.6)
            ax.set_axisbelow(True)
            ax.spines[["top", "right"]].set_visible(False)
        axes[0].legend(
            loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, ncol=max(1, len(next(iter(panels.values()), {})))
        )
        step = max(1, len(days) // 12)
        axes[-1].set_xticks(positions[::step], [d[5:] for d in days[::step]], rotation=0)
        axes[-1].set_xlabel(xlabel)
        return Chart(_svg(figure, prefix, title, description), title, description)


def horizontal(
    prefix: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[int]],
    title: str,
    description: str,
    xlabel: str,
) -> Chart:
    """Horizontal bars, first label at the top, stacked when there are several series, each bar's total at its end."""
    with _figure(6.5, 0.3 * max(len(labels), 3) + 1.0) as figure:
        ax = figure.subplots()
        positions = list(range(len(labels)))[::-1]
        left = [0] * len(labels)
        for n, (name, values) in enumerate(series.items()):
            ax.barh(positions, values, left=left, label=name, **_style(n))
            left = [a + v for a, v in zip(left, values)]
        for y, total in zip(positions, left):
            ax.text(total, y, f" {total}", va="center", fontsize=9)
        ax.set_yticks(positions, labels)
        ax.set_xlabel(xlabel)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlim(0, max(left + [1]) * 1.12)
        ax.grid(axis="x", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.spines[["top", "right"]].set_visible(False)
        if len(series) > 1:
            ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, ncol=len(series))
        return Chart(_svg(figure, prefix, title, description), title, description)
