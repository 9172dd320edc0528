"""Static SVG charts for the HTML reports, drawn with matplotlib.

matplotlib is an optional dependency (the ``report`` extra), so it is imported inside the
functions, never at module level. Charts are made with ``matplotlib.figure.Figure``
directly (no pyplot: no global figure state, no GUI backend) and written as SVG with:

* text as ``<text>`` elements (``svg.fonttype: none``), so no font is embedded or fetched
  and the text stays searchable and selectable;
* a fixed ``svg.hashsalt`` and no metadata (no date), so the same data gives the same bytes;
* ``text.parse_math`` off, so a ``$`` in a region name is just a dollar sign.

``inline_svg`` then makes the SVG fit to sit inside an HTML page: no XML prolog or DOCTYPE
(the only external URLs matplotlib writes), no namespace declarations, ``href`` instead of
``xlink:href``, and every id prefixed so that several charts on one page never share one.

Every function takes plain numbers and already translated text, and returns inline SVG.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from smartcity_assess.report.common import fixed

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

PALETTE = ("#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
"""Okabe-Ito colours (safe for colour-blind readers), one per cohort in cohort order."""
GREY = "#B8B8B8"
RED = "#C0392B"
INK = "#222222"
WIDTH_IN = 7.0
"""Chart width in inches: fits A4 portrait inside 15 mm margins (180 mm = 7.09 in)."""
MAX_HEIGHT_IN = 7.2
"""The tallest chart: with a heading and a caption it still fits one A4 page (267 mm high
inside the margins), under the page title and summary on the first page."""

_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "smartcity-assess",
    "text.parse_math": False,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "font.size": 8.5,
    "axes.edgecolor": "#888888",
    "axes.labelcolor": INK,
    "xtick.color": "#555555",
    "ytick.color": "#555555",
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _rc() -> Any:
    # Typed as Any: matplotlib types rc keys as a Literal that a plain dict cannot match.
    return dict(_RC)


_METADATA: dict[str, Any] = {"Date": None, "Creator": None, "Format": None, "Type": None}


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


@contextmanager
def _figure(height: float) -> Iterator[Figure]:
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_rc()):
        yield Figure(figsize=(WIDTH_IN, height), layout="constrained")


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    import matplotlib

    with matplotlib.rc_context(_rc()):
        fig.savefig(buffer, format="svg", metadata=_METADATA)
    return buffer.getvalue()


def _legend(fig: Figure, handles: Sequence[Artist]) -> None:
    """The legend in one row under the chart, never over the data."""
    fig.legend(
        handles=list(handles),
        loc="outside lower center",
        ncols=min(len(handles), 4),
        fontsize=7.5,
        frameon=False,
    )


_ID = re.compile(r'\bid="([^"]+)"')


def inline_svg(svg: str, prefix: str, label: str) -> str:
    """An SVG document as an element to place inside HTML (see the module docstring)."""
    start = svg.find("<svg")
    if start < 0:
        raise ValueError("not an SVG document")
    body = svg[start:]
    body = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", body)
    body = body.replace("xlink:href=", "href=")
    for name in sorted(set(_ID.findall(body)), key=len, reverse=True):
        new = f"{prefix}-{name}"
        body = body.replace(f'id="{name}"', f'id="{new}"')
        body = body.replace(f'href="#{name}"', f'href="#{new}"')
        body = body.replace(f"url(#{name})", f"url(#{new})")
    # Size comes from the page's CSS (full width, height from the viewBox).
    body = re.sub(r'^<svg([^>]*?)\s+width="[^"]*"\s+height="[^"]*"', r"<svg\1", body, count=1)
    label_attr = (
        label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
    body = body.replace("<svg", f'<svg class="chart" role="img" aria-label="{label_attr}"', 1)
    return body.strip() + "\n"


# --- rank ------------------------------------------------------------------------------------


NAMED_BARS = 40
"""Up to this many bars, the ranking chart names each region and writes its score."""


@dataclass(frozen=True)
class RankBar:
    rank: int
    score: float
    group: int | None
    """Index of the cohort the region was selected into; None when not selected."""
    cutoff_tie: bool = False
    name: str = ""
    score_text: str = ""
    """The score as the report prints it, for the bar's tooltip."""

    @property
    def tip(self) -> str:
        return f"{self.rank}. {self.name}: {self.score_text}"


@dataclass(frozen=True)
class CutoffLine:
    after_rank: int
    """The line is drawn between this rank and the next."""
    label: str
    group: int


def ranking_chart(
    bars: Sequence[RankBar],
    cutoffs: Sequence[CutoffLine],
    groups: Sequence[str],
    *,
    scale: float,
    not_selected: str,
    tie_label: str,
    score_axis: str,
    rank_axis: str,
) -> str:
    """Horizontal bars of total score by rank (rank 1 at the top), coloured by cohort, with
    a labelled line at each cohort's cut-off. Up to ``NAMED_BARS`` bars are named, with
    their score written beside them; more get rank ticks (and each bar its tooltip)."""
    from matplotlib.patches import Patch

    count = max(len(bars), 1)
    named = count <= NAMED_BARS
    height = min(MAX_HEIGHT_IN, max(2.6, 1.1 + 0.06 * count + (0.1 * count if named else 0)))
    with _figure(height) as fig:
        ax: Axes = fig.add_subplot()
        ranks = [b.rank for b in bars]
        drawn = ax.barh(
            ranks,
            [b.score for b in bars],
            height=0.82,
            color=[GREY if b.group is None else colour(b.group) for b in bars],
            edgecolor=[RED if b.cutoff_tie else "none" for b in bars],
            linewidth=[1.2 if b.cutoff_tie else 0 for b in bars],
        )
        ax.set_ylim(count + 0.7, 0.3)
        ax.set_xlabel(score_axis)
        ax.set_ylabel(rank_axis)
        if named:
            ax.set_yticks(ranks, [f"{b.rank}. {b.name}" for b in bars], fontsize=7)
            for item in bars:  # the score beside its bar: read, not guessed from its length
                ax.annotate(
                    item.score_text,
                    xy=(item.score, item.rank),
                    xytext=(3, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=7,
                    color=INK,
                )
            ax.set_xlim(0, scale * 1.08)
        else:
            ax.set_xlim(0, scale)
            step = 10 if count <= 200 else 50
            ax.set_yticks([1, *range(step, count + 1, step)])
        for line in cutoffs:
            y = line.after_rank + 0.5
            ax.axhline(y, color=colour(line.group), linestyle="--", linewidth=1.1)
            ax.annotate(
                line.label,
                xy=(scale, y),
                xytext=(-3, 2),
                textcoords="offset points",
                ha="right",
                va="bottom",
                fontsize=7.5,
                color=INK,
                fontweight="bold",
            )
        ax.grid(axis="x", color="#E4E4E4", linewidth=0.6)
        ax.set_axisbelow(True)
        handles = [Patch(color=colour(i), label=label) for i, label in enumerate(groups)]
        if any(b.group is None for b in bars):
            handles.append(Patch(color=GREY, label=not_selected))
        if any(b.cutoff_tie for b in bars):
            handles.append(Patch(facecolor="white", edgecolor=RED, label=tie_label))
        if handles:
            _legend(fig, handles)
        for bar, patch in zip(bars, drawn.patches, strict=True):
            patch.set_gid(f"rank-bar-{bar.rank}")
        return _titled(_svg(fig), {f"rank-bar-{b.rank}": b.tip for b in bars})


def _titled(svg: str, tips: dict[str, str]) -> str:
    """``svg`` with a ``<title>`` (a browser's tooltip, a screen reader's name) as the
    first child of each group whose id is in ``tips``: every bar says whose it is, also
    where there is no room to write the names beside them."""

    def add(match: re.Match[str]) -> str:
        tip = tips.get(match.group(1))
        return match.group(0) if tip is None else f"{match.group(0)}<title>{escape(tip)}</title>"

    return re.sub(r'<g id="([^"]+)"[^>]*>', add, svg)


@dataclass(frozen=True)
class Interval:
    rank: int
    low: int
    high: int
    middle: int
    highlight: bool


def interval_chart(
    intervals: Sequence[Interval],
    cutoff_ranks: Sequence[int],
    *,
    highlight_label: str,
    other_label: str,
    rank_axis: str,
    interval_axis: str,
) -> str:
    """Each region's range of ranks over the sensitivity runs (5th to 95th percentile, the
    dot at the median) against its rank, the borderline ones highlighted."""
    from matplotlib.lines import Line2D

    count = max((i.rank for i in intervals), default=1)
    with _figure(min(MAX_HEIGHT_IN, max(2.6, 1.2 + 0.05 * count))) as fig:
        ax: Axes = fig.add_subplot()
        for item in intervals:
            tint = RED if item.highlight else GREY
            ax.plot([item.low, item.high], [item.rank, item.rank], color=tint, linewidth=1.4)
            ax.plot([item.middle], [item.rank], "o", color=tint, markersize=2.4)
        for cut in cutoff_ranks:
            ax.axvline(cut + 0.5, color=INK, linestyle="--", linewidth=0.8)
            ax.axhline(cut + 0.5, color=INK, linestyle=":", linewidth=0.6)
        top = max([count, *(i.high for i in intervals)])
        ax.set_xlim(0.5, top + 0.5)
        ax.set_ylim(count + 0.5, 0.5)
        ax.set_xlabel(interval_axis)
        ax.set_ylabel(rank_axis)
        ax.grid(color="#EEEEEE", linewidth=0.5)
        _legend(
            fig,
            [
                Line2D([], [], color=RED, marker="o", markersize=3, label=highlight_label),
                Line2D([], [], color=GREY, marker="o", markersize=3, label=other_label),
            ],
        )
        return _svg(fig)


# --- score -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileBar:
    label: str
    score: float
    minimum: float | None
    below_minimum: bool


def profile_chart(
    bars: Sequence[ProfileBar],
    bands: Sequence[tuple[float, str]],
    *,
    scale: float,
    score_axis: str,
    minimum_label: str,
    precision: int,
) -> str:
    """A region's factor scores as horizontal bars (criteria order, top to bottom) against
    the band thresholds (labelled vertical lines); a factor's minimum score is a red tick."""
    from matplotlib.lines import Line2D

    count = max(len(bars), 1)
    with _figure(min(MAX_HEIGHT_IN, 1.25 + 0.34 * count)) as fig:
        ax: Axes = fig.add_subplot()
        ys = list(range(count))
        ax.barh(
            ys,
            [b.score for b in bars],
            height=0.62,
            color=[RED if b.below_minimum else colour(0) for b in bars],
        )
        for y, item in zip(ys, bars, strict=False):
            ax.annotate(
                fixed(item.score, precision),
                xy=(item.score, y),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=7.5,
                color=INK,
            )
            if item.minimum is not None:
                ax.plot([item.minimum], [y], marker="|", markersize=14, mew=2.2, color=RED)
        _band_spans(ax, bands, scale)
        ax.set_yticks(ys, [b.label for b in bars])
        ax.set_ylim(count - 0.4, -0.6)
        ax.set_xlim(0, scale * 1.08)
        ax.set_xlabel(score_axis)
        ax.grid(axis="x", color="#EEEEEE", linewidth=0.5)
        ax.set_axisbelow(True)
        if any(b.minimum is not None for b in bars):
            _legend(
                fig,
                [
                    Line2D(
                        [],
                        [],
                        color=RED,
                        marker="|",
                        markersize=9,
                        mew=2,
                        ls="",
                        label=minimum_label,
                    )
                ],
            )
        return _svg(fig)


def _band_spans(ax: Axes, bands: Sequence[tuple[float, str]], scale: float) -> None:
    """Each band as a lightly shaded span of the score axis, its label centred above it
    (labels of narrow neighbouring spans alternate between two rows), and a dashed line at
    each threshold."""
    ordered = sorted((minimum, label) for minimum, label in bands if minimum < scale)
    edges = [max(minimum, 0.0) for minimum, _ in ordered] + [scale]
    for i, (_, label) in enumerate(ordered):
        low, high = edges[i], edges[i + 1]
        if high <= low:
            continue
        if i % 2:
            ax.axvspan(low, high, color="#F2F2F2", zorder=0)
        if low > 0:
            ax.axvline(low, color="#777777", linestyle="--", linewidth=0.9, zorder=1)
        narrow = (high - low) < 0.16 * scale
        ax.annotate(
            label,
            xy=((low + high) / 2, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 2 + (9 if narrow and i % 2 else 0)),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
            color="#555555",
        )


def share_chart(labels: Sequence[str], shares: Sequence[float], *, axis: str) -> str:
    """Each factor's share of the total, as horizontal bars in criteria order."""
    count = max(len(labels), 1)
    with _figure(min(MAX_HEIGHT_IN, 1.0 + 0.3 * count)) as fig:
        ax: Axes = fig.add_subplot()
        ys = list(range(count))
        ax.barh(ys, [100 * s for s in shares], height=0.6, color=colour(0))
        for y, share in zip(ys, shares, strict=False):
            ax.annotate(
                f"{share:.1%}",
                xy=(100 * share, y),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=7.5,
            )
        ax.set_yticks(ys, list(labels))
        ax.set_ylim(count - 0.4, -0.6)
        ax.set_xlim(0, max([*(100 * s for s in shares), 1.0]) * 1.15)
        ax.set_xlabel(axis)
        return _svg(fig)


# --- compare ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankPair:
    old: int
    new: int
    kind: str
    """``entered``, ``left`` or ``same`` (selection status)."""


def rank_scatter(
    pairs: Sequence[RankPair],
    old_cutoffs: Sequence[int],
    new_cutoffs: Sequence[int],
    *,
    old_axis: str,
    new_axis: str,
    legend: dict[str, str],
) -> str:
    """Old rank against new rank for the regions ranked in both; the diagonal is 'no
    change', the dashed lines the cohort cut-offs of each ranking."""
    from matplotlib.lines import Line2D

    colours = {"entered": PALETTE[1], "left": RED, "same": GREY}
    top = max([2, *(p.old for p in pairs), *(p.new for p in pairs)])
    with _figure(4.6) as fig:
        ax: Axes = fig.add_subplot()
        ax.plot([1, top], [1, top], color="#999999", linewidth=0.8)
        for kind in ("same", "left", "entered"):
            chosen = [p for p in pairs if p.kind == kind]
            if chosen:
                ax.scatter(
                    [p.old for p in chosen],
                    [p.new for p in chosen],
                    s=10 if kind == "same" else 16,
                    color=colours[kind],
                    zorder=3,
                )
        for cut in old_cutoffs:
            ax.axvline(cut + 0.5, color=INK, linestyle="--", linewidth=0.7)
        for cut in new_cutoffs:
            ax.axhline(cut + 0.5, color=INK, linestyle="--", linewidth=0.7)
        ax.set_xlim(0, top + 1)
        ax.set_ylim(top + 1, 0)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xlabel(old_axis)
        ax.set_ylabel(new_axis)
        handles = [
            Line2D([], [], color=colours[kind], marker="o", ls="", markersize=4, label=text)
            for kind, text in legend.items()
            if any(p.kind == kind for p in pairs)
        ]
        if handles:
            _legend(fig, handles)
        return _svg(fig)
