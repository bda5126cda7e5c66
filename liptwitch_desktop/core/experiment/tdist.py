"""Student's t for the experiment: the trigger analysis's distribution (core/analysis/stats:
the incomplete beta by its continued fraction, no scipy at run time), with the checks an
experiment's few degrees of freedom (1 to 11: one per pair, less one) want, and quantiles by
bisection to well under 1e-8.
"""

from __future__ import annotations

import functools
import math

from ..analysis import stats


def t_two_sided_p(t: float, df: float) -> float:
    """P(|T| >= |t|) for Student's t with `df` degrees of freedom."""
    if df <= 0:
        raise ValueError("degrees of freedom must be positive")
    if math.isinf(t):
        return 0.0
    return stats.t_two_sided_p(t, df)


@functools.lru_cache(maxsize=128)
def t_quantile(p: float, df: float) -> float:
    """q with P(T <= q) = p, for p in [0.5, 1)."""
    if not 0.5 <= p < 1.0:
        raise ValueError("p must be in [0.5, 1)")
    if p == 0.5:
        return 0.0
    target = 2.0 * (1.0 - p)
    lo, hi = 0.0, 1.0
    while t_two_sided_p(hi, df) > target:
        hi *= 2.0
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if t_two_sided_p(mid, df) > target:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-12 * max(1.0, hi):
            break
    return (lo + hi) / 2.0
