"""Settings for the detectors: zone abbreviations, known sources and extra phrases.

The policy file builds a :class:`DetectSettings`; every field has a default so the
detectors work with no configuration at all.

Zone abbreviations (``tz_table``) map a printed abbreviation to a fixed UTC offset. An
abbreviation names one offset only, so summer and winter time have separate entries
(``EST``/``EDT``). ``IST`` is India Standard Time here (the default table is tuned for
the South-Asian and European outlets seen in the reference corpus); a policy for Irish or
Israeli outlets overrides it. An abbreviation that is not in the table makes the value
unparseable (so MET002 reports it) rather than silently guessing an offset.

Default table::

    UTC, GMT, Z, WET +00:00   BST, CET, WAT, WEST +01:00   CEST, EET, SAST, CAT +02:00
    EEST, MSK, EAT +03:00   GST +04:00   PKT +05:00   IST +05:30   NPT +05:45
    BDT +06:00   ICT, WIB +07:00   SGT, HKT, AWST, PHT +08:00
    JST, KST +09:00   ACST +09:30   AEST +10:00   ACDT +10:30   AEDT +11:00   NZST +12:00
    NZDT +13:00   BRT, ART -03:00   EDT -04:00   EST, CDT -05:00   CST, MDT -06:00
    MST, PDT -07:00   PST -08:00   AKST -09:00   HST -10:00

``CST`` is US Central Standard Time (-06:00); China Standard Time needs an override. The
generic US labels ``ET``/``CT``/``PT`` are left out on purpose: each is one of two offsets
depending on the date, so a policy must choose.

Known sources (``known_sources``) are the normalised names ATR003 treats as known and that
the detectors accept in the ambiguous forms (a bare ``(AFP)``, a byline that is only an
agency name, a headline suffix, a dateline credit with no punctuation after it). State
media outlets (KCNA, TASS's domestic service…) are deliberately *not* in the default list:
they are more often quoted as a source of a claim in prose than credited for the copy; a
policy can add them. Default list: ``agencies``, ``syndicated feed``, Reuters, AP, AFP,
PTI, IANS, ANI, UNI, EFE, Europa Press, dpa, APP, Bloomberg, Xinhua, Yonhap, Kyodo, ANSA,
Lusa, Agência Brasil, Estadão Conteúdo, Folhapress, AAP, The Canadian Press, PA Media, APA,
KNA, epd, Belga, Keystone-SDA, Anadolu, Bernama, Antara, NNN, MENAFN, WAM, SPA, KUNA,
Notimex, Servimedia, Interfax, NAN, NTB, TT, STT, Ritzau, ANP, CTK, PAP, MTI, HINA, BTA,
Agerpres, ANA-MPA, DHA, Jiji, PNA, VNA, CNA, BSS, UNB, SID (printed variants such as
"Press Trust of India", "भाषा", "رويترز" or "বাসস" normalise to these, see :mod:`.sources`).

``extra_disclosure_phrases``: house wordings that, on their own, state that the image next
to them is AI-made (e.g. ``"Synthetic illustration"``). A sentence containing one counts as
a disclosure wherever a built-in label would (caption, next to an image, meta or body),
unless negated, quoted or reporting about others.

``extra_attribution_phrases``: house lead-ins for closing credit lines (e.g.
``"Courtesy of"``). A segment that is ``<phrase> <source>`` (optionally in parentheses,
optionally with a colon) is an attribution to that source.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

DEFAULT_TZ_TABLE: Mapping[str, str] = MappingProxyType({
    "UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00", "WET": "+00:00",
    "BST": "+01:00", "CET": "+01:00", "WAT": "+01:00", "WEST": "+01:00",
    "CEST": "+02:00", "EET": "+02:00", "SAST": "+02:00", "CAT": "+02:00",
    "EEST": "+03:00", "MSK": "+03:00", "EAT": "+03:00",
    "GST": "+04:00", "PKT": "+05:00", "IST": "+05:30", "NPT": "+05:45",
    "BDT": "+06:00", "ICT": "+07:00", "WIB": "+07:00",
    "SGT": "+08:00", "HKT": "+08:00", "AWST": "+08:00", "PHT": "+08:00",
    "JST": "+09:00", "KST": "+09:00", "ACST": "+09:30",
    "AEST": "+10:00", "ACDT": "+10:30", "AEDT": "+11:00",
    "NZST": "+12:00", "NZDT": "+13:00",
    "BRT": "-03:00", "ART": "-03:00",
    "EDT": "-04:00", "EST": "-05:00", "CDT": "-05:00", "CST": "-06:00",
    "MDT": "-06:00", "MST": "-07:00", "PDT": "-07:00", "PST": "-08:00",
    "AKST": "-09:00", "HST": "-10:00",
})

DEFAULT_KNOWN_SOURCES: tuple[str, ...] = (
    "agencies", "syndicated feed",
    "Reuters", "AP", "AFP", "PTI", "IANS", "ANI", "UNI", "EFE", "Europa Press", "dpa",
    "APP", "Bloomberg", "Xinhua", "Yonhap", "Kyodo", "ANSA", "Lusa", "Agência Brasil",
    "Estadão Conteúdo", "Folhapress", "AAP", "The Canadian Press", "PA Media", "APA",
    "KNA", "epd", "Belga", "Keystone-SDA", "Anadolu", "Bernama", "Antara", "NNN", "MENAFN",
    "WAM", "SPA", "KUNA", "Notimex", "Servimedia", "Interfax", "NAN",
    "NTB", "TT", "STT", "Ritzau", "ANP", "CTK", "PAP", "MTI", "HINA", "BTA", "Agerpres",
    "ANA-MPA", "DHA", "Jiji", "PNA", "VNA", "CNA", "BSS", "UNB", "SID",
    "TASS", "RIA Novosti", "Ukrinform", "UNIAN",
)


@dataclass(frozen=True)
class DetectSettings:
    """What the detectors may be configured with (see the module docstring)."""

    # A plain dict (not the read-only default itself) so settings pickle to worker processes.
    tz_table: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_TZ_TABLE))
    known_sources: tuple[str, ...] = DEFAULT_KNOWN_SOURCES
    extra_disclosure_phrases: tuple[str, ...] = ()
    extra_attribution_phrases: tuple[str, ...] = ()
