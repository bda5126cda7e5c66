"""ISO 3166-1 alpha-2 country codes, and the country a POSIX locale name points to.

Plain data, no Qt: the settings declaration checks the emergency country against it before
the first paint, and the command line reads the locale from the environment. Regions that are
not countries (the EU, "the world") are not in it, so "EU" can never be chosen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# The 249 officially assigned codes (ISO 3166-1, as Qt 6 knows them, without Qt's reserved
# and user-assigned extras: AC, CP, DG, EA, EU, IC, QO, TA, XK).
ISO_COUNTRIES: frozenset[str] = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ
    DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP
    GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG
    KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML
    MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE
    PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL
    SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM
    US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
    """.split()  # noqa: SIM905 - a readable block of codes
)

_LOCALE_RE = re.compile(r"^[A-Za-z]{2,3}_([A-Za-z]{2})(?:[.@].*)?$")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def is_country(code: object) -> bool:
    return isinstance(code, str) and code in ISO_COUNTRIES


def normalise(code: str) -> str | None:
    """`code` as an upper-case ISO country code, or None when it is not one."""
    upper = code.strip().upper()
    return upper if upper in ISO_COUNTRIES else None


def country_of_locale_name(name: str) -> str | None:
    """ "en_GB.UTF-8" -> "GB"; None for "C", "POSIX", "en" or anything without a country."""
    match = _LOCALE_RE.match(name.strip())
    return normalise(match.group(1)) if match else None


def country_of_environment(environ: Mapping[str, str]) -> str | None:
    """The locale's country the way POSIX picks the locale (LC_ALL, then LC_MESSAGES, LANG)."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            return country_of_locale_name(value)
    return None


def resolve_country(setting: str | None, locale_country: str | None) -> str | None:
    """The country whose emergency number to show: the setting wins, then the locale."""
    for candidate in (setting, locale_country):
        if candidate:
            code = normalise(candidate)
            if code is not None:
                return code
    return None
