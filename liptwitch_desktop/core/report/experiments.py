"""The report's Experiments section (issue 17): what was tested, when, how well it was kept,
the answer, and the figures for its picture, built from an ExperimentView."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PeriodBar:
    label: str  # "Week 3"
    change: bool
    rate: float | None  # twitches per logged day, None with nothing logged


@dataclass(frozen=True, slots=True)
class ExperimentEntry:
    title: str  # "No caffeine after 12:00, 6 weeks"
    when: str  # "5 October 2026 to 15 November 2026"
    status: str  # where it stands: finished, stopped, running
    adherence: str  # "Kept on 20 of 21 change days."
    answer: str  # the one-sentence answer
    bars: tuple[PeriodBar, ...]
    rate_change: float | None
    rate_usual: float | None
    interval: str | None  # "rate ratio 0.57 (95% interval 0.13 to 2.52)"
    # Where the change periods' rate lies with 95% confidence (the usual rate times the
    # ratio's interval), twitches a day: the picture's interval bar.
    band: tuple[float, float] | None = None


def entry_of(view: object, tr: object) -> ExperimentEntry:
    """The section's entry for one experiment (`view`: core ExperimentView, `tr`: Translate)."""
    from ..experiment.text import Translate, format_day, format_ratio
    from ..experiment.view import ExperimentView
    from ..experiment.wording import _which

    assert isinstance(view, ExperimentView)
    t: Translate = tr  # type: ignore[assignment]
    exp = view.experiment
    a = view.analysis
    end = view.state.last_planned_day  # the last day, not the day after
    last = exp.stopped_on if exp.stopped_on is not None else end
    ad = a.adherence
    kept = (
        t("Kept on {kept} of {n} change days so far.")
        if a.so_far
        else t("Kept on {kept} of {n} change days.")
    )
    adherence = (
        kept.format(kept=ad.kept, n=ad.change_days)
        if ad.change_days
        else t("No change days over yet.")
    )
    interval = None
    if a.ratio is not None and a.low is not None and a.high is not None:
        interval = t("rate ratio {r} (95% interval {lo} to {hi}), p = {p}").format(
            r=format_ratio(a.ratio),
            lo=format_ratio(a.low),
            hi=format_ratio(a.high),
            p=f"{a.p_value:.3f}" if a.p_value is not None else "—",
        )
    return ExperimentEntry(
        title=t("{what}, {weeks} weeks").format(what=_capital(view.phrase), weeks=view.weeks),
        when=t("{first} to {last}").format(
            first=format_day(exp.start_day, t), last=format_day(last, t)
        ),
        status=view.status,
        adherence=adherence,
        answer=a.answer,
        bars=tuple(
            PeriodBar(_which(p.index, exp, t), p.arm.value == "change", p.rate) for p in a.periods
        ),
        rate_change=a.rate_change,
        rate_usual=a.rate_usual,
        interval=interval,
        band=(
            (a.rate_usual * a.low, a.rate_usual * a.high)
            if a.rate_usual is not None and a.low is not None and a.high is not None
            else None
        ),
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
