"""The sentences: the one-line answer, the details, and where a running experiment stands.

Plain words for a lay person first; the figures follow in the details for whoever wants
them. `phrase` names the change as the knowledge base words it ("no caffeine after 12:00").
"""

from __future__ import annotations

from dataclasses import replace

from ..plurals import count
from .changes import timing_for
from .design import Arm
from .lifecycle import Phase, State
from .plan import Experiment
from .results import ExperimentAnalysis, Verdict
from .text import Translate, format_day, format_rate, format_ratio, identity, percent_change

WEEK = 7


def _phrase(exp: Experiment, phrase: str | None, tr: Translate) -> str:
    return phrase if phrase else tr("the change")


def _span(periods: int, period_days: int, tr: Translate) -> str:
    """How long `periods` periods are, in weeks where they are whole weeks."""
    if period_days % WEEK == 0:
        weeks = periods * period_days // WEEK
        return count(weeks, tr("week"), tr("weeks"))
    return count(periods, tr("period"), tr("periods"))


def pair_span(period_days: int, tr: Translate = identity) -> str:
    """How long one more pair is, in words: "two weeks" (weekly periods), "four weeks"."""
    words = {2: tr("two weeks"), 4: tr("four weeks")}
    weeks, rest = divmod(2 * period_days, WEEK)
    return words.get(weeks, _span(2, period_days, tr)) if not rest else _span(2, period_days, tr)


def _part(done: int, total: int, period_days: int, tr: Translate) -> str:
    """ "4 of 12 weeks" (or periods, where periods are not whole weeks)."""
    if period_days % WEEK == 0:
        per = period_days // WEEK
        return tr("{done} of {total} weeks").format(done=done * per, total=total * per)
    return tr("{done} of {total} periods").format(done=done, total=total)


def _this(period_days: int, tr: Translate) -> str:
    if period_days == WEEK:
        return tr("this week")
    if period_days == 2 * WEEK:
        return tr("these two weeks")
    return tr("this period")


def _which(index: int, exp: Experiment, tr: Translate) -> str:
    """'Week 3', 'Weeks 3–4' or 'Period 3' for period `index` (0-based)."""
    if exp.period_days == WEEK:
        return tr("Week {n}").format(n=index + 1)
    if exp.period_days % WEEK == 0:
        per = exp.period_days // WEEK
        return tr("Weeks {a}–{b}").format(a=index * per + 1, b=(index + 1) * per)
    return tr("Period {n}").format(n=index + 1)


def status_line(state: State, exp: Experiment, phrase: str | None, tr: Translate) -> str:
    """The line for Today: "Week 3 of 6: no caffeine after 12:00 this week."."""
    what = _phrase(exp, phrase, tr)
    if state.phase is Phase.IN_PERIOD and state.period is not None:
        total = len(exp.order)
        if exp.period_days % WEEK == 0:
            total = total * exp.period_days // WEEK  # "Week 3 of 6", "Weeks 3–4 of 8"
        which = tr("{which} of {total}").format(
            which=_which(state.period.index, exp, tr), total=total
        )
        this = _this(exp.period_days, tr)
        if state.period.arm is Arm.CHANGE:
            return tr("{which}: {what} {this}.").format(which=which, what=what, this=this)
        return tr("{which}: as usual {this}, live as you normally do.").format(
            which=which, this=this
        )
    if state.phase in (Phase.NOT_STARTED, Phase.WAITING) and state.period is not None:
        kind = tr("a change period") if state.period.arm is Arm.CHANGE else tr("a usual period")
        day = format_day(state.period.first_day, tr)
        if state.phase is Phase.NOT_STARTED:
            return tr("Your experiment starts on {day} with {kind}.").format(day=day, kind=kind)
        which = _which(state.period.index, exp, tr)
        last = exp.pauses[-1] if exp.pauses else None
        if last is not None and last.extension and last.end_day is not None:
            return tr("Extended by {span}: {which} begins on {day}, {kind}.").format(
                span=pair_span(exp.period_days, tr), which=which, day=day, kind=kind
            )
        return tr("Resumed: {which} begins on {day}, {kind}.").format(
            which=which, day=day, kind=kind
        )
    left = _span(state.periods_total - state.periods_done, exp.period_days, tr)
    if state.phase is Phase.PAUSED:
        pause = exp.open_pause
        since = format_day(pause.start_day, tr) if pause else ""
        if state.past_planned_end:
            return tr(
                "Paused since {since}. The planned end, {end}, has passed; {left} of the plan "
                "are still to do and start when you resume, or stop it to keep what was done."
            ).format(since=since, end=format_day(state.last_planned_day, tr), left=left)
        return tr("Paused since {since}; {left} to go when you resume.").format(
            since=since, left=left
        )
    if state.phase is Phase.STOPPED and exp.stopped_on is not None:
        part = _part(state.periods_done, state.periods_total, exp.period_days, tr)
        return tr("Stopped on {day} after {part}.").format(
            day=format_day(exp.stopped_on, tr), part=part
        )
    return tr("Finished: your answer is ready.")


def _rates(a: ExperimentAnalysis) -> dict[str, str]:
    return {
        "a": format_rate(a.rate_change or 0.0),
        "b": format_rate(a.rate_usual or 0.0),
    }


def _not_enough_reason(a: ExperimentAnalysis, exp: Experiment, tr: Translate) -> str:
    if a.pairs_complete == 0:
        return tr("the first pair of periods is not over yet")
    if a.pairs_used < 2 and a.pairs_used < a.pairs_complete:
        return tr(
            "only {k} of the {n} finished pairs of periods had enough days logged; at least 2 "
            "are needed"
        ).format(k=a.pairs_used, n=a.pairs_complete)
    if a.pairs_used < 2:
        return tr("only 1 pair of periods is over; at least 2 are needed")
    return tr("no twitches were logged in the periods used, so there is nothing to compare")


def answer(a: ExperimentAnalysis, exp: Experiment, phrase: str | None, tr: Translate) -> str:
    """One sentence for a lay person."""
    what = _phrase(exp, phrase, tr)
    if a.verdict is Verdict.NOT_ENOUGH_DATA:
        # "yet" only while more is coming: not once it is finished or stopped.
        template = (
            tr("Not enough data yet: {reason}.") if a.so_far else tr("Not enough data: {reason}.")
        )
        text = template.format(reason=_not_enough_reason(a, exp, tr))
    elif a.verdict is Verdict.HELPED:
        assert a.ratio is not None
        text = tr(
            "The change helped: with {what} you had about {pct}% fewer twitches a day than in "
            "your usual periods ({a} against {b})."
        ).format(what=what, pct=percent_change(a.ratio), **_rates(a))
    elif a.verdict is Verdict.OTHER_WAY:
        assert a.ratio is not None
        text = tr(
            "It went the other way: with {what} you had about {pct}% more twitches a day than "
            "in your usual periods ({a} against {b})."
        ).format(what=what, pct=percent_change(a.ratio), **_rates(a))
    elif not a.firm_answer_possible:
        text = (
            tr(
                "No clear difference yet: {a} twitches a day with {what} against {b} in your "
                "usual periods, but {k} pairs of periods are too few for any result to be clear."
            )
            if a.so_far
            else tr(
                "No clear difference: {a} twitches a day with {what} against {b} in your usual "
                "periods, but {k} pairs of periods are too few for any result to be clear."
            )
        ).format(what=what, k=a.pairs_used, **_rates(a))
    else:
        text = tr(
            "No clear difference: {a} twitches a day with {what} against {b} in your usual "
            "periods, a gap chance alone could easily make."
        ).format(what=what, **_rates(a))
    part = _part(len(a.periods), a.periods_total, exp.period_days, tr)
    if a.stopped:
        return tr("Stopped after {part}. {text}").format(part=part, text=text)
    if a.so_far and a.verdict is not Verdict.NOT_ENOUGH_DATA:
        return tr("So far ({part}): {text}").format(part=part, text=text)
    return text


def details(a: ExperimentAnalysis, exp: Experiment, phrase: str | None, tr: Translate) -> list[str]:
    out = [
        tr(
            "Every day counts in the period it was planned for, whether the change was kept "
            "that day or not, so the random order keeps the comparison fair."
        )
    ]
    ad = a.adherence
    if ad.change_days:
        line = tr("You kept the change on {kept} of {n} change days").format(
            kept=ad.kept, n=ad.change_days
        )
        if ad.unknown:
            line += tr(" ({u} not recorded)").format(u=ad.unknown)
        out.append(line + ".")
    if a.days_change and a.days_usual:
        out.append(
            tr(
                "Change periods: {a} twitches a day over {da} logged days; usual periods: {b} "
                "over {db}."
            ).format(da=a.days_change, db=a.days_usual, **_rates(a))
        )
    if a.ratio is not None and a.low is not None and a.high is not None:
        out.append(
            tr(
                "Rate ratio {r} (95% interval {lo} to {hi}), from how much the difference varied "
                "between the {k} pairs of periods."
            ).format(
                r=format_ratio(a.ratio),
                lo=format_ratio(a.low),
                hi=format_ratio(a.high),
                k=a.pairs_used,
            )
        )
    if a.p_value is not None and a.orders is not None:
        out.append(
            tr(
                "p = {p}: of the {n} orders the coin could have drawn, {m} give a difference at "
                "least this large."
            ).format(p=f"{a.p_value:.3f}", n=a.orders, m=a.orders_at_least_as_extreme)
        )
    if a.verdict is not Verdict.NOT_ENOUGH_DATA and not a.firm_answer_possible:
        out.append(
            tr(
                "With {k} pairs the coin has only {n} orders to choose from, so no result can "
                "reach the 5% level: that takes at least {m} pairs. You can extend the experiment "
                "a pair at a time."
            ).format(k=a.pairs_used, n=1 << a.pairs_used, m=a.pairs_needed)
        )
    elif a.detectable_ratio is not None and a.verdict is Verdict.NO_CLEAR_DIFFERENCE:
        out.append(
            tr(
                "This experiment would probably (4 times in 5) have found a fall of {pct}% or "
                "more; a smaller effect could have been missed."
            ).format(pct=percent_change(a.detectable_ratio))
        )
    if a.washout_days:
        out.append(
            tr(
                "The first {n} days of each period were left out, so the period before had time "
                "to wear off."
            ).format(n=a.washout_days)
        )
    else:
        out.append(tr("Every day of each period was used (no days left out for wearing off)."))
    if a.unlogged_days:
        out.append(
            tr(
                "{n} days with nothing logged were left out: they count as unknown, not as calm "
                "days."
            ).format(n=a.unlogged_days)
        )
    for pair in a.left_out_pairs:
        out.append(
            tr(
                "Pair {j} ({first} and {second}) was left out: too few days were logged in one "
                "of its periods."
            ).format(
                j=pair + 1,
                first=_which(2 * pair, exp, tr),
                second=_which(2 * pair + 1, exp, tr),
            )
        )
    if a.as_kept is not None:
        out.append(
            tr(
                "As kept (a second look, not protected by the random order): on the {d} change "
                "days you kept, {a} twitches a day, against {b} in your usual periods."
            ).format(
                d=a.as_kept.kept_days,
                a=format_rate(a.as_kept.kept_rate),
                b=format_rate(a.as_kept.usual_rate),
            )
        )
    why = timing_for(exp.change_id).why
    if why and exp.period_days == timing_for(exp.change_id).period_days:
        out.append(tr(why))
    return out


def with_words(
    a: ExperimentAnalysis, exp: Experiment, phrase: str | None, tr: Translate
) -> ExperimentAnalysis:
    return replace(a, answer=answer(a, exp, phrase, tr), details=tuple(details(a, exp, phrase, tr)))
