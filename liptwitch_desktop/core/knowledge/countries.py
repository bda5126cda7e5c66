"""ISO 3166-1 alpha-2 country codes, and the country a POSIX locale name points to.

Plain data, no Qt: the settings declaration checks the emergency country against it before
the first paint, and the command line reads the locale from the environment. Regions that are
not countries (the EU, "the world") are not in it, so "EU" can never be chosen.
"""

from __future__ import annotations

import re
import unicodedata
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


# --- finding a country by what people type --------------------------------------------------

# The names people use that are not the country's own (ISO) name, folded (see `fold`): the
# UK's nations, common short forms and abbreviations, older names and names in the country's
# own language. "uk" must never quietly mean Ukraine.
COUNTRY_ALIASES: Mapping[str, str] = {
    "uk": "GB",
    "u k": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "usa": "US",
    "u s": "US",
    "u s a": "US",
    "america": "US",
    "united states of america": "US",
    "uae": "AE",
    "u a e": "AE",
    "emirates": "AE",
    "holland": "NL",
    "the netherlands": "NL",
    "nederland": "NL",
    "deutschland": "DE",
    "turkey": "TR",
    "czech republic": "CZ",
    "korea": "KR",
    "republic of korea": "KR",
    "russian federation": "RU",
    "ivory coast": "CI",
    "macedonia": "MK",
    "swaziland": "SZ",
    "burma": "MM",
    "cabo verde": "CV",
    "east timor": "TL",
    "schweiz": "CH",
    "suisse": "CH",
    "svizzera": "CH",
    "osterreich": "AT",
    "espana": "ES",
    "italia": "IT",
    "nippon": "JP",
    "nihon": "JP",
    "brasil": "BR",
    "sverige": "SE",
    "norge": "NO",
    "danmark": "DK",
    "suomi": "FI",
    "polska": "PL",
    "hellas": "GR",
    "eire": "IE",
    "republic of ireland": "IE",
    "aotearoa": "NZ",
    "rsa": "ZA",
    "ksa": "SA",
    "saudi": "SA",
    "prc": "CN",
    "mainland china": "CN",
    "bharat": "IN",
    "vatican": "VA",
    "holy see": "VA",
    "viet nam": "VN",
    "palestine": "PS",
    "drc": "CD",
    "bosnia": "BA",
}


def fold(text: str) -> str:
    """Text as it is compared: lower case, no accents, "&" as "and", any other punctuation
    as a space ("Côte d’Ivoire" -> "cote d ivoire", "U.K." -> "u k")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("&", " and "))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def _aliases_of(code: str) -> list[str]:
    return [alias for alias, target in COUNTRY_ALIASES.items() if target == code]


def match_rank(typed: str, code: str, name: str) -> int | None:
    """How well `typed` names the country `code` (shown as `name`), 0 best; None: not at all.

    0. its ISO code ("gb", "nz"), a name people use for it ("uk", "england", "holland") or
       its exact name;
    1. a name (or a name people use) that starts with it ("ukr" -> Ukraine);
    2. a name with a word that starts with it ("kingdom" -> United Kingdom);
    3. a name that contains it.
    """
    key = fold(typed)
    if not key:
        return None
    own = fold(name)
    others = _aliases_of(code)
    if key == code.lower() or key == own or key in others:
        return 0
    if own.startswith(key) or any(a.startswith(key) for a in others):
        return 1
    if any(word.startswith(key) for word in own.split()):
        return 2
    return 3 if key in own else None


def rank_countries(typed: str, names: Mapping[str, str]) -> list[str]:
    """The codes `typed` may mean, best first (`match_rank`), by name within a rank.
    `names` is code -> the name shown for it."""
    ranked = [
        (rank, fold(name), code)
        for code, name in names.items()
        if (rank := match_rank(typed, code, name)) is not None
    ]
    return [code for _, _, code in sorted(ranked)]


def best_country(typed: str, names: Mapping[str, str]) -> str | None:
    """The one country `typed` means: the only one of the best rank (an exact code or name
    beats any part of a name), else None when nothing matches or several match as well."""
    ranks = {code: match_rank(typed, code, name) for code, name in names.items()}
    found = [(rank, code) for code, rank in ranks.items() if rank is not None]
    if not found:
        return None
    top = min(rank for rank, _ in found)
    best = [code for rank, code in found if rank == top]
    return best[0] if len(best) == 1 else None
