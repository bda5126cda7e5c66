"""The statistics of the trigger analysis, standard library only: the t distribution
(through the regularised incomplete beta function), the widened rate ratio and Holm's
adjustment.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

ALPHA = 0.05


# --- statistics (stdlib only) ------------------------------------------------------------


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the regularised incomplete beta (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-14:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x)
    ln += b * math.log1p(-x)
    front = math.exp(ln)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_two_sided_p(t: float, df: float) -> float:
    """P(|T| >= |t|) for Student's t with df degrees of freedom."""
    if math.isinf(t):
        return 0.0
    return _betainc(df / 2.0, 0.5, df / (df + t * t))


@functools.lru_cache(maxsize=256)
def t_quantile(p: float, df: float) -> float:
    """The upper quantile q with P(T > q) = 1 - p, for p in (0.5, 1), by bisection."""
    target = 2.0 * (1.0 - p)
    lo, hi = 0.0, 1.0
    while t_two_sided_p(hi, df) > target:
        hi *= 2.0
    for _ in range(100):
        mid = (lo + hi) / 2.0
        if t_two_sided_p(mid, df) > target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


@dataclass(frozen=True, slots=True)
class RateRatio:
    ratio: float
    low: float
    high: float
    p_value: float
    rate_with: float
    rate_without: float


def rate_ratio(
    counts: Sequence[int], exposed: Sequence[bool], blocks: Sequence[int], alpha: float = ALPHA
) -> RateRatio:
    """Rate ratio exposed/unexposed with a (1-alpha) interval that allows for dispersion.

    `blocks` labels each day's 7-day block for the cluster-robust estimate. Both groups must
    be non-empty.
    """
    y1 = [c for c, e in zip(counts, exposed, strict=True) if e]
    y0 = [c for c, e in zip(counts, exposed, strict=True) if not e]
    n1, n0 = len(y1), len(y0)
    s1, s0 = float(sum(y1)), float(sum(y0))
    rate_with, rate_without = s1 / n1, s0 / n0
    # Zero totals would make the log undefined: add half an episode to each side (Haldane).
    if s1 == 0 or s0 == 0:
        s1, s0 = s1 + 0.5, s0 + 0.5
    m1, m0 = s1 / n1, s0 / n0
    log_rr = math.log(m1 / m0)

    var_poisson = 1.0 / s1 + 1.0 / s0

    n = n1 + n0
    chi2 = sum((c - m1) ** 2 / m1 for c in y1) + sum((c - m0) ** 2 / m0 for c in y0)
    phi = chi2 / (n - 2) if n > 2 else 1.0
    var_quasi = max(phi, 1.0) * var_poisson

    score1: dict[int, float] = {}
    score0: dict[int, float] = {}
    for c, e, b in zip(counts, exposed, blocks, strict=True):
        if e:
            score1[b] = score1.get(b, 0.0) + (c - m1)
        else:
            score0[b] = score0.get(b, 0.0) + (c - m0)
    groups = set(score1) | set(score0)
    g = len(groups)
    v1 = sum(v * v for v in score1.values()) / (s1 * s1)
    v0 = sum(v * v for v in score0.values()) / (s0 * s0)
    cov = sum(score1.get(k, 0.0) * score0.get(k, 0.0) for k in groups) / (s1 * s0)
    var_cluster = (g / (g - 1)) * (v1 + v0 - 2.0 * cov) if g > 1 else math.inf

    # Each estimate is read with its own degrees of freedom: days for the model-based ones,
    # week blocks for the cluster-robust one.
    if var_cluster > var_quasi:
        var, df = var_cluster, float(max(g - 1, 1))
    else:
        var, df = var_quasi, float(max(n - 2, 1))
    se = math.sqrt(var)
    q = t_quantile(1.0 - alpha / 2.0, df)
    p_value = t_two_sided_p(log_rr / se, df) if se > 0 else 0.0
    return RateRatio(
        ratio=math.exp(log_rr),
        low=math.exp(log_rr - q * se),
        high=math.exp(log_rr + q * se),
        p_value=p_value,
        rate_with=rate_with,
        rate_without=rate_without,
    )


def holm_passes(p_values: Sequence[float], alpha: float = ALPHA) -> list[bool]:
    """Holm's step-down procedure: which hypotheses are rejected at family-wise alpha."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    passed = [False] * m
    for rank, i in enumerate(order):
        if p_values[i] <= alpha / (m - rank):
            passed[i] = True
        else:
            break
    return passed
