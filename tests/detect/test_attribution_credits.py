"""Attribution credits by category: wire closing lines, local scripts, syndication, traps.

Every sentence here is written for these tests (names, places and outlets are invented).
Each case gives the complete ``(text, source, line, zone)`` list the detector returns.
"""

from __future__ import annotations

import json

import pytest

from provenance.articles import parse_article_text
from provenance.articles.detect import DetectSettings, annotate, attribution, find_attributions
from provenance.model import Article, Attribution
from tests.detect.build import article

LEAD = ("body", "The ferry service resumed on Thursday after a week of storms.")
A = tuple[str, str, int | None, str]

WIRE_CLOSINGS: list[tuple[str, Article, list[A]]] = [
    ("reporting-additional-editing",
     article(LEAD, ("body", "(Reporting by Ana Lima in Recife; Additional reporting by Tom Ode "
                            "in Lagos; Editing by Kim Park)")),
     [("(Reporting by Ana Lima in Recife; Additional reporting by Tom Ode in Lagos; "
       "Editing by Kim Park)", "Reuters", 2, "body")]),
    ("hard-wrapped-two-lines",
     article(LEAD, ("body", "(Reporting by Ana Lima in Recife; Additional reporting by\n"
                            "Tom Ode in Lagos; Editing by Kim Park)", 5)),
     [("(Reporting by Ana Lima in Recife; Additional reporting by Tom Ode in Lagos; "
       "Editing by Kim Park)", "Reuters", 5, "body")]),
    ("hard-wrapped-three-lines",
     article(LEAD, ("body", "Fares will rise in spring.\n(Reporting by Ana Lima;\n"
                            "Writing by Tom Ode;\nEditing by Kim Park)", 9)),
     [("(Reporting by Ana Lima; Writing by Tom Ode; Editing by Kim Park)", "Reuters", 10,
       "body")]),
    ("writing-by", article(LEAD, ("body", "(Writing by Ana Lima; Editing by Kim Park)")),
     [("(Writing by Ana Lima; Editing by Kim Park)", "Reuters", 2, "body")]),
    ("compiled-by", article(LEAD, ("body", "(Compiled by the Lagos newsroom)")),
     [("(Compiled by the Lagos newsroom)", "Reuters", 2, "body")]),
    ("compiled-by-no-brackets",
     article(LEAD, ("body", "Compiled by Ana Lima; Editing by Kim Park")),
     [("Compiled by Ana Lima; Editing by Kim Park", "Reuters", 2, "body")]),
    ("additional-reporting-from",
     article(("body", "The river kept rising overnight. – Additional reporting from AFP")),
     [("– Additional reporting from AFP", "AFP", 1, "body")]),
    ("with-files-from",
     article(LEAD, ("body", "With files from The Associated Press and Ana Lima")),
     [("With files from The Associated Press and Ana Lima", "AP", 2, "body")]),
    ("contributed-to-this-report",
     article(LEAD, ("body", "Associated Press writer Tom Ode in Lagos contributed to this "
                            "report.")),
     [("Associated Press writer Tom Ode in Lagos contributed to this report", "AP", 2,
       "body")]),
    ("desk-codes-after-agency", article(LEAD, ("body", "(dpa/xyz)")),
     [("(dpa/xyz)", "dpa", 2, "body")]),
    ("editor-initials-then-agencies", article(LEAD, ("body", "abc/def (dpa, afp)")),
     [("abc/def (dpa, afp)", "dpa", 2, "body"), ("abc/def (dpa, afp)", "AFP", 2, "body")]),
    ("outlet-mit-agency",
     article(("body", "Die Fähre fährt wieder ab Montag. (XY mit dpa)")),
     [("(XY mit dpa)", "dpa", 1, "body")]),
    ("agency-and-filing-day",
     article(("body", "Die Fähre fährt wieder ab Montag. (KNA 03.02.25)")),
     [("(KNA 03.02.25)", "KNA", 1, "body")]),
    ("source-line-in-brackets", article(LEAD, ("body", "(Quelle: APA/sda)")),
     [("(Quelle: APA/sda)", "APA", 2, "body"), ("(Quelle: APA/sda)", "Keystone-SDA", 2, "body")]),
]

LOCAL_SCRIPTS: list[tuple[str, Article, list[A]]] = [
    ("hindi-dateline-bhasha", article(("body", "पटना, 4 मार्च (भाषा) नदी का जलस्तर बढ़ गया।")),
     [("पटना, 4 मार्च (भाषा)", "PTI", 1, "body")]),
    ("hindi-dateline-agency-plural",
     article(("body", "जयपुर (एजेंसियां) - शहर में बारिश जारी रही।")),
     [("जयपुर (एजेंसियां) -", "agencies", 1, "body")]),
    ("urdu-dateline-app",
     article(("body", "کوئٹہ (اے پی پی) صوبائی حکومت نے نیا منصوبہ شروع کیا۔")),
     [("کوئٹہ (اے پی پی)", "APP", 1, "body")]),
    ("urdu-dateline-reuters",
     article(("body", "کوئٹہ (رائٹرز) - بارش سے سڑکیں بند ہو گئیں۔")),
     [("کوئٹہ (رائٹرز) -", "Reuters", 1, "body")]),
    ("arabic-comma-and-region",
     article(("body", "حلب، سوريا (رويترز) - أعلنت السلطات فتح الطريق.")),
     [("حلب، سوريا (رويترز) -", "Reuters", 1, "body")]),
    ("arabic-afp", article(("body", "تونس (أ ف ب) - افتتح المعرض أبوابه.")),
     [("تونس (أ ف ب) -", "AFP", 1, "body")]),
    ("bengali-dateline-bss",
     article(("body", "খুলনা, ১২ মার্চ (বাসস) : নদীতে নতুন সেতু চালু হয়েছে।")),
     [("খুলনা, ১২ মার্চ (বাসস) :", "BSS", 1, "body")]),
    ("bengali-desk-after-dated-dateline",
     article(("body", "খুলনা, ১২ মার্চ (নিজস্ব সংবাদদাতা) নদীতে নতুন সেতু চালু হয়েছে।")),
     [("খুলনা, ১২ মার্চ (নিজস্ব সংবাদদাতা)", "নিজস্ব সংবাদদাতা", 1, "body")]),
    ("chinese-wire-dateline", article(("body", "新华社上海3月5日电 江边的新桥今天通车。")),
     [("新华社上海3月5日电", "Xinhua", 1, "body")]),
    ("japanese-wire-bracket", article(("body", "【3月5日 AFP】港の新しい橋が開通した。")),
     [("【3月5日 AFP】", "AFP", 1, "body")]),
    ("chinese-source-line", article(LEAD, ("body", "来源：新华社")),
     [("来源：新华社", "Xinhua", 2, "body")]),
    ("site-self-credit",
     article(("body", "SURABAYA, HARBOURNEWS.com - Pelabuhan baru dibuka (Senin) pagi.")),
     [("SURABAYA, HARBOURNEWS.com -", "HARBOURNEWS.com", 1, "body")]),
]

SYNDICATION: list[tuple[str, Article, list[A]]] = [
    ("syndicator-prefix",
     article(("body", "(MENAFN- Harbour Daily) The port authority opened a second berth.")),
     [("(MENAFN- Harbour Daily)", "MENAFN", 1, "body")]),
    ("first-appeared-in",
     article(LEAD, ("body", "This article first appeared in The Harbour Review.")),
     [("This article first appeared in The Harbour Review", "The Harbour Review", 2, "body")]),
    ("originally-published-on",
     article(LEAD, ("body", "This story was originally published on Example Coast News.")),
     [("This story was originally published on Example Coast News", "Example Coast News", 2,
       "body")]),
    ("originally-published-then-link",
     article(LEAD, ("body", "This piece was originally published by Example Coast News. "
                            "Read the original here.")),
     [("This piece was originally published by Example Coast News. Read the original here",
       "Example Coast News", 2, "body")]),
    ("syndicated-from", article(LEAD, ("body", "Syndicated from Example Wire Service")),
     [("Syndicated from Example Wire Service", "Example Wire Service", 2, "body")]),
    ("ninjs-byline-agency-after-comma", article(LEAD, byline="By Ana Lima, Associated Press"),
     [("By Ana Lima, Associated Press", "AP", None, "meta")]),
    ("ninjs-byline-agency-on-own-line", article(LEAD, byline="By Ana Lima\nAssociated Press"),
     [("By Ana Lima\nAssociated Press", "AP", None, "meta")]),
]

TRAPS: list[tuple[str, Article]] = [
    ("told-reuters-prose",
     article(("body", "Two port officials told Reuters the berth was late."))),
    ("photo-credit-caption",
     article(("caption", "The new berth at dawn. (Reuters)", 1, "a.jpg"), images=(("a.jpg", 0),))),
    ("staff-names-con-informacion",
     article(LEAD, ("body", "Con información de Ana Lima y Tom Ode."))),
    ("staff-names-with-files", article(LEAD, ("body", "With files from Ana Lima"))),
    ("writer-initials-spelling-an-agency", article(LEAD, ("body", "(xyz/kna)"))),
    ("unknown-in-brackets-after-latin-place",
     article(("body", "Harbour Town (Example Desk) opened a berth."))),
    ("hindi-party-in-prose", article(("body", "सुधा वर्मा (कांग्रेस) ने कहा कि पुल जल्द खुलेगा।"))),
    ("japanese-staff-bracket", article(("body", "【リスボン＝山田花子】港の新しい橋が開通した。"))),
    ("japanese-photo-credit", article(("body", "港の新しい橋（写真＝ロイター）"))),
    ("prefix-unknown-feed", article(("body", "(Photo - Ana Lima) The berth opened."))),
    ("contributed-person-only",
     article(LEAD, ("body", "Tom Ode in Lagos contributed to this report."))),
    ("reporting-from-a-place", article(LEAD, ("body", "Reporting from Lagos, Ana Lima"))),
    ("category-label-boilerplate-only",
     article(LEAD, ("boilerplate", "Reuters Business News"))),
    ("open-bracket-never-closed",
     article(LEAD, ("body", "(Reporting by Ana Lima;\nThe berth opened at noon."))),
    ("mit-in-prose", article(("body", "Die Ministerin sprach am Montag mit AFP."))),
    # A page that zones the caption as body: the label on the next line is its credit.
    ("source-label-under-caption",
     article(("body", "Die neue Fähre am Kai."), ("body", "Quelle: AFP"),
             ("body", "Die Fähre fährt wieder ab Montag, teilte die Reederei mit."),
             images=(("a.jpg", 0),))),
    ("site-address-in-prose", article(("body", "Readers of example.com - and others - wrote in."))),
]

SETTINGS = DetectSettings()


def _as_tuples(items: list[Attribution]) -> list[A]:
    return [(a.text, a.source, a.line, a.zone) for a in items]


CASES = [*WIRE_CLOSINGS, *LOCAL_SCRIPTS, *SYNDICATION]


@pytest.mark.parametrize(("case", "art", "expected"), CASES, ids=[c[0] for c in CASES])
def test_credit_found(case: str, art: Article, expected: list[A]) -> None:
    assert _as_tuples(find_attributions(art, SETTINGS)) == expected


@pytest.mark.parametrize(("case", "art"), TRAPS, ids=[c[0] for c in TRAPS])
def test_not_a_credit(case: str, art: Article) -> None:
    assert _as_tuples(find_attributions(art, SETTINGS)) == []


def test_source_label_after_a_paragraph_is_still_a_credit() -> None:
    """Only a short line right below an image's short caption block is its photo credit."""
    art = article(("body", "Die neue Fähre am Kai."),
                  ("body", "Die Fähre fährt wieder ab Montag, teilte die Reederei mit."),
                  ("body", "Quelle: AFP"), images=(("a.jpg", 0),))
    assert _as_tuples(find_attributions(art, SETTINGS)) == [("Quelle: AFP", "AFP", 3, "body")]


@pytest.mark.parametrize("line", [
    "with files from the associated press", "jane roe contributed to this report.",
    "this article first appeared in the harbour review.", "compiled by jane roe",
    "(xy mit dpa)", "来源：新华社", "© dpa-infocom, dpa:250101-99-1/2 (dpa)",
])
def test_wire_forms_pass_their_precheck(line: str) -> None:
    """Every wire and syndication form is reachable: its pre-check lets its line through."""
    folded = attribution.fold(line)
    assert attribution._maybe_closing(folded, 0) or attribution._maybe_wire(folded, 0)


def test_wire_precheck_reads_only_the_end_of_a_long_line() -> None:
    prose = "Files were appeared in court " + "and the hearing went on. " * 12
    assert not attribution._maybe_wire(attribution.fold(prose), 0)


def test_boilerplate_only_credit_is_kept_as_boilerplate() -> None:
    """A credit only in a sidebar is reported with zone ``boilerplate`` (ATR002): here past
    the short blocks that frame the text (share buttons, tags, the author's box)."""
    furniture = [("boilerplate", f"Share on network {n}") for n in range(6)]
    art = article(LEAD, *furniture,
                  ("boilerplate", "(Reporting by Ana Lima; Editing by Kim Park)"))
    assert _as_tuples(find_attributions(art, SETTINGS)) == [
        ("(Reporting by Ana Lima; Editing by Kim Park)", "Reuters", 8, "boilerplate")]


def test_ninjs_wire_byline_with_the_agency_on_its_own_line() -> None:
    """A ninjs ``by`` of "By NAME" and the agency on the next line credits the agency."""
    doc = {"uri": "urn:example:ferry-1", "type": "text", "version": "2.1",
           "headline": "Ferry service resumes", "by": "By Ana Lima\nAssociated Press",
           "body_text": "The ferry service resumed on Thursday after a week of storms."}
    item = parse_article_text(json.dumps(doc), "ferry.json", "ninjs")[0]
    assert isinstance(item, Article)
    annotate(item, SETTINGS)
    assert {(a.source, a.zone) for a in item.attributions} == {("AP", "meta")}
