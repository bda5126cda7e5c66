"""Which daily factors go with more twitching, said no more strongly than the data allows.

Daily episode counts are overdispersed (some days bring many twitches) and clustered (bad
weeks come together, and so do habits such as late coffee in a busy week). A plain Poisson
interval for a rate ratio ignores both and finds "links" in noise. So each factor's interval
is the widest of three honest variance estimates of the log rate ratio:

* Poisson (the floor: never narrower than this),
* quasi-Poisson (Poisson scaled by the Pearson χ²/df dispersion),
* cluster-robust over 7-day blocks (a sandwich estimator, so week-long streaks of both a habit
  and the twitching are not counted as independent days),

and it is read against a t distribution with one degree of freedom per week block less one.
Many factors are tested at once, so a factor is only called a link when its result survives a
Holm adjustment across every factor that had enough data; a result that is significant on its
own but not after the adjustment is reported as a borderline possible link, never a trigger.
The calibration test (tests/core/test_analysis_calibration.py) checks both claims on
synthetic logs.

Pure standard library: `math` and `statistics`, no numpy.

Rooms: `factors` (what is tested, which days count), `stats` (the t distribution, the
rate ratio, Holm), `findings` (the report: verdicts and sentences).
"""
