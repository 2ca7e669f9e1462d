"""Attribution detection: every credit form, every trap, complete expected lists.

All sentences are written for these tests. Each case is an Article built in memory and
the complete list of ``(text, source, line, zone)`` the detector must return.
"""

from __future__ import annotations

import pytest

from provenance.articles.detect import DetectSettings, find_attributions
from provenance.model import Article, Attribution
from tests.detect.build import article

LEAD = ("body", "The council approved the budget on Tuesday after a long debate.")
A = tuple[str, str, int | None, str]

PASSING: list[tuple[str, Article, list[A]]] = [
    ("closing-agencies", article(LEAD, ("body", "(With inputs from agencies.)")),
     [("(With inputs from agencies.)", "agencies", 2, "body")]),
    ("closing-spaced-ani", article(LEAD, ("body", "( With inputs from ANI )")),
     [("( With inputs from ANI )", "ANI", 2, "body")]),
    ("closing-bare-pti", article(LEAD, ("body", "With inputs from PTI")),
     [("With inputs from PTI", "PTI", 2, "body")]),
    ("closing-agency-inputs", article(LEAD, ("body", "(With agency inputs)")),
     [("(With agency inputs)", "agencies", 2, "body")]),
    ("closing-two-agencies", article(LEAD, ("body", "(With inputs from PTI and ANI)")),
     [("(With inputs from PTI and ANI)", "PTI", 2, "body"),
      ("(With inputs from PTI and ANI)", "ANI", 2, "body")]),
    ("closing-after-last-sentence",
     article(("body", "Talks resume in Geneva next week. (AFP)")),
     [("(AFP)", "AFP", 1, "body")]),
    ("closing-dash-agency",
     article(("body", "Talks resume in Geneva next week. — AFP")),
     [("— AFP", "AFP", 1, "body")]),
    ("closing-after-dash", article(LEAD, ("body", "— With inputs from Reuters")),
     [("With inputs from Reuters", "Reuters", 2, "body")]),
    ("closing-inputs-line", article(LEAD, ("body", "Inputs from PTI")),
     [("Inputs from PTI", "PTI", 2, "body")]),
    ("dateline-europa-press-day",
     article(("body", "MADRID, 3 (EUROPA PRESS) - El Congreso votó la reforma.")),
     [("MADRID, 3 (EUROPA PRESS) -", "Europa Press", 1, "body")]),
    ("closing-agency-alone", article(LEAD, ("body", "(AP)")), [("(AP)", "AP", 2, "body")]),
    ("closing-reuters-style",
     article(LEAD, ("body", "(Reporting by Jane Roe in Oslo; Editing by John Poe)")),
     [("(Reporting by Jane Roe in Oslo; Editing by John Poe)", "Reuters", 2, "body")]),
    ("closing-fonte-pt", article(LEAD, ("body", "Fonte: Agência Brasil")),
     [("Fonte: Agência Brasil", "Agência Brasil", 2, "body")]),
    ("closing-es-agencias", article(LEAD, ("body", "(Con información de agencias)")),
     [("(Con información de agencias)", "agencies", 2, "body")]),
    ("closing-es-efe", article(LEAD, ("body", "Con información de EFE y Europa Press.")),
     [("Con información de EFE y Europa Press.", "EFE", 2, "body"),
      ("Con información de EFE y Europa Press.", "Europa Press", 2, "body")]),
    ("closing-de-dpa", article(LEAD, ("body", "(Mit Material von dpa)")),
     [("(Mit Material von dpa)", "dpa", 2, "body")]),
    ("closing-fr-afp", article(LEAD, ("body", "(Avec AFP)")),
     [("(Avec AFP)", "AFP", 2, "body")]),
    ("closing-pt-reuters", article(LEAD, ("body", "Com informações da Reuters")),
     [("Com informações da Reuters", "Reuters", 2, "body")]),
    ("closing-hi-agencies", article(LEAD, ("body", "(एजेंसी इनपुट के साथ)")),
     [("(एजेंसी इनपुट के साथ)", "agencies", 2, "body")]),
    ("closing-hi-bhasha", article(LEAD, ("body", "(इनपुट: भाषा)")),
     [("(इनपुट: भाषा)", "PTI", 2, "body")]),
    ("closing-syndicated",
     article(LEAD, ("body", "(This story was auto-generated from a syndicated feed.)")),
     [("(This story was auto-generated from a syndicated feed.)", "syndicated feed", 2,
       "body")]),
    ("dateline-hyphen", article(("body", "SEOUL (Reuters) - The central bank held rates.")),
     [("SEOUL (Reuters) -", "Reuters", 1, "body")]),
    ("dateline-em-dash", article(("body", "BOGOTÁ (AP) — Heavy rain closed the airport.")),
     [("BOGOTÁ (AP) —", "AP", 1, "body")]),
    ("dateline-en-dash", article(("body", "BERLIN (AFP) – Trains stopped at noon.")),
     [("BERLIN (AFP) –", "AFP", 1, "body")]),
    ("dateline-colon", article(("body", "Islamabad, June 3 (APP): The cabinet met.")),
     [("Islamabad, June 3 (APP):", "APP", 1, "body")]),
    ("dateline-dot-hyphen", article(("body", "MADRID, 3 jun (EFE).- El Gobierno aprobó la ley.")),
     [("MADRID, 3 jun (EFE).-", "EFE", 1, "body")]),
    ("dateline-nothing-after-date",
     article(("body", "New Delhi, Aug 6 (PTI) The cabinet cleared the plan.")),
     [("New Delhi, Aug 6 (PTI)", "PTI", 1, "body")]),
    ("dateline-nothing-caps", article(("body", "LISBOA (Lusa) A câmara aprovou o plano.")),
     [("LISBOA (Lusa)", "Lusa", 1, "body")]),
    ("dateline-json-escaped-two",
     article(("body", "WASHINGTON (AP/AFP) \\u2014 The vote was delayed.")),
     [("WASHINGTON (AP/AFP) \\u2014", "AP", 1, "body"),
      ("WASHINGTON (AP/AFP) \\u2014", "AFP", 1, "body")]),
    ("dateline-us-state", article(("body", "SPRINGDALE, Ark. (AP) — A tornado hit the town.")),
     [("SPRINGDALE, Ark. (AP) —", "AP", 1, "body")]),
    ("dateline-initials-state", article(("body", "GREENVILLE, S.C. (AP) — Polls closed.")),
     [("GREENVILLE, S.C. (AP) —", "AP", 1, "body")]),
    ("dateline-country", article(("body", "HUE, Vietnam (AFP) — The river rose.")),
     [("HUE, Vietnam (AFP) —", "AFP", 1, "body")]),
    ("dateline-no-place", article(("body", "(Reuters) - Oil prices rose on Monday.")),
     [("(Reuters) -", "Reuters", 1, "body")]),
    ("dateline-hindi", article(("body", "नई दिल्ली, 6 अगस्त (भाषा) सरकार ने नई योजना शुरू की।")),
     [("नई दिल्ली, 6 अगस्त (भाषा)", "PTI", 1, "body")]),
    ("dateline-unknown-caps", article(("body", "LONDON (Example Wire) — Fog delayed flights.")),
     [("LONDON (Example Wire) —", "Example Wire", 1, "body")]),
    ("byline-by-agency", article(("meta", "By ANI | Updated: Aug 06, 2025 10:15 IST"), LEAD),
     [("By ANI", "ANI", 1, "meta")]),
    ("byline-just-agency", article(("meta", "AP"), LEAD), [("AP", "AP", 1, "meta")]),
    ("byline-dot-bloomberg", article(("standfirst", "· Bloomberg"), LEAD),
     [("Bloomberg", "Bloomberg", 1, "standfirst")]),
    ("byline-person-agency", article(("meta", "By Jane Roe, Reuters"), LEAD),
     [("By Jane Roe, Reuters", "Reuters", 1, "meta")]),
    ("byline-person-agency-role",
     article(("meta", "By JANE ROE and JOHN POE, AP Science Writer"), LEAD),
     [("By JANE ROE and JOHN POE, AP Science Writer", "AP", 1, "meta")]),
    ("byline-national-agency", article(("meta", "NTB"), LEAD), [("NTB", "NTB", 1, "meta")]),
    ("byline-provided-by", article(("meta", "© Provided by The Canadian Press"), LEAD),
     [("© Provided by The Canadian Press", "The Canadian Press", 1, "meta")]),
    ("headline-suffix-dash",
     article(("headline", "Oil climbs as supply tightens – Reuters"), LEAD),
     [("Oil climbs as supply tightens – Reuters", "Reuters", 1, "headline")]),
    ("headline-suffix-pipe", article(("headline", "Floods hit the north | AFP"), LEAD),
     [("Floods hit the north | AFP", "AFP", 1, "headline")]),
    ("headline-field-suffix", article(LEAD, headline="Storm nears the coast - AP"),
     [("Storm nears the coast - AP", "AP", None, "headline")]),
    ("hint-known", article(LEAD, attribution_hints=["Agence France-Presse"]),
     [("Agence France-Presse", "AFP", None, "meta")]),
    ("byline-field-agency", article(LEAD, byline="Associated Press"),
     [("Associated Press", "AP", None, "meta")]),
    ("hint-not-repeated", article(LEAD, ("body", "(AFP)"), attribution_hints=["AFP"]),
     [("(AFP)", "AFP", 2, "body")]),
    # The structured credit is the article's own, so the footer is not read at all.
    ("hint-beats-boilerplate-only",
     article(LEAD, ("boilerplate", "(AFP)"), attribution_hints=["AFP"]),
     [("AFP", "AFP", None, "meta")]),
    ("boilerplate-skipped-when-body-credits",
     article(("body", "LISBON (Reuters) - Trams ran late."),
             ("boilerplate", "(With inputs from agencies.)")),
     [("LISBON (Reuters) -", "Reuters", 1, "body")]),
    # A related story's teaser right below the text: its credit is not the article's.
    ("boilerplate-kept-as-boilerplate",
     article(LEAD, ("boilerplate", "Markets rally as rates hold (With inputs from agencies.)")),
     [("(With inputs from agencies.)", "agencies", 2, "boilerplate")]),
    ("merged-block-line-offset",
     article(("body", "The bridge reopened at dawn.\n(With inputs from IANS)", 10)),
     [("(With inputs from IANS)", "IANS", 11, "body")]),
    ("extra-phrase",
     article(LEAD, ("body", "Courtesy of Example Wire")),
     [("Courtesy of Example Wire", "Example Wire", 2, "body")]),
]

TRAPS: list[tuple[str, Article]] = [
    ("told-reuters", article(("body", "Officials told Reuters the plan was on track."))),
    ("reuters-poll", article(("body", "A Reuters poll of economists showed slower growth."))),
    ("speaking-to-ani", article(("body", "Speaking to ANI reporters, the minister smiled."))),
    ("according-to-afp", article(("body", "The toll rose to nine, according to AFP."))),
    ("state-media-in-prose",
     article(("body", "According to state media outlet KCNA, the leader sent a letter."))),
    ("photo-credit-glued", article(("body", "Passengers board the delayed flight. REUTERS"))),
    ("photo-credit-caption",
     article(("caption", "Crowds at the station. (AP)", 1, "a.jpg"), images=(("a.jpg", 0),))),
    ("photo-credit-slash", article(("body", "Photo: Reuters/Jane Roe"))),
    ("pti-photo", article(("body", "Farmers protest in Mumbai. PTI Photo"))),
    ("credito-ap", article(("body", "Crédito: AP"))),
    ("agency-name-next-to-image",
     article(("body", "REUTERS"), ("body", "The port reopened."), images=(("a.jpg", 0),))),
    ("section-label", article(("body", "World News Summary"))),
    ("section-label-boilerplate", article(("boilerplate", "Reuters World News Summary"))),
    ("andhra-pradesh", article(("body", "Andhra Pradesh (AP) will get a new capital."))),
    ("andhra-pradesh-end", article(("body", "The funds go to Andhra Pradesh (AP)."))),
    ("uttar-pradesh", article(("body", "Uttar Pradesh (UP) police arrested two men."))),
    ("pti-party", article(("body", "Pakistan Tehreek-e-Insaf (PTI) leaders held a sit-in."))),
    ("pti-party-dash", article(("body", "Pakistan Tehreek-e-Insaf (PTI) — a party in crisis."))),
    ("pti-party-prose", article(("body", "PTI workers gathered outside the court in Lahore."))),
    ("team-and-group", article(("body", "Norway (Group B): Fourth appearance"))),
    ("team-and-record", article(("body", "Lakeside (2-1): Smith 12 points. Diaz 8 points."))),
    ("clause-not-place", article(("body", "The minister (AP) said the road is open."))),
    ("lowercase-after", article(("body", "Rome (Reuters) correspondents were evacuated."))),
    ("quoted-closing",
     article(("body", "He joked: \"Every lazy story ends (With inputs from agencies.)\""))),
    ("quoted-dateline",
     article(("body", "\"SEOUL (Reuters) - is how the wire starts,\" she said."))),
    ("headline-agency-first", article(("headline", "Reuters poll: inflation to ease"))),
    ("headline-ap-state", article(("headline", "AP exams postponed after floods"))),
    ("headline-credit-no-separator", article(("headline", "Storm nears coast says AP"))),
    ("french-prose-avec", article(("body", "Il a dîné avec des amis."))),
    ("portuguese-prose-com", article(("body", "Ela saiu com ele."))),
    ("publisher-hint", article(LEAD, attribution_hints=["The Daily Example"])),
    ("desk-byline-field", article(LEAD, byline="Devdiscourse News Desk")),
    ("dash-then-prose", article(("body", "He looked well-rested after the flight."))),
    ("dash-unknown-name", article(("body", "It ended in a draw. — Example Gazette"))),
    ("app-download-link", article(("boilerplate", "App"), ("body", "Get the App"))),
    ("person-with-unknown-outlet", article(("meta", "By Jane Roe, Example Gazette"), LEAD)),
    ("unknown-bare-parenthesis", article(("body", "The vote was close. (Photo)"))),
]


def _as_tuples(items: list[Attribution]) -> list[A]:
    return [(a.text, a.source, a.line, a.zone) for a in items]


SETTINGS = DetectSettings(extra_attribution_phrases=("Courtesy of",))


@pytest.mark.parametrize(("case", "art", "expected"), PASSING, ids=[c[0] for c in PASSING])
def test_attribution_found(case: str, art: Article, expected: list[A]) -> None:
    assert _as_tuples(find_attributions(art, SETTINGS)) == expected


@pytest.mark.parametrize(("case", "art"), TRAPS, ids=[c[0] for c in TRAPS])
def test_not_an_attribution(case: str, art: Article) -> None:
    assert _as_tuples(find_attributions(art, SETTINGS)) == []


def test_extra_phrase_needs_the_setting() -> None:
    art = article(LEAD, ("body", "Courtesy of Example Wire"))
    assert find_attributions(art, DetectSettings()) == []


def test_policy_known_source_enables_ambiguous_forms() -> None:
    art = article(LEAD, ("body", "(KCNA)"))
    assert find_attributions(art, DetectSettings()) == []
    custom = DetectSettings(known_sources=(*DetectSettings().known_sources, "KCNA"))
    assert _as_tuples(find_attributions(art, custom)) == [("(KCNA)", "KCNA", 2, "body")]


def test_a_repeated_line_is_credited_again_with_its_own_line_and_neighbours() -> None:
    """Lines read before are remembered with their credits; what depends on the page
    (the line number, the zone, an image next to the line) still comes from the page."""
    settings = DetectSettings()
    first = article(("boilerplate", "AP"), ("boilerplate", "(With inputs from PTI)", 7))
    again = article(("body", "Rain again.", 3), ("body", "(With inputs from PTI)", 40))
    assert find_attributions(first, settings) == [
        Attribution("AP", "AP", 1, "boilerplate"),
        Attribution("(With inputs from PTI)", "PTI", 7, "boilerplate")]
    assert find_attributions(again, settings) == [
        Attribution("(With inputs from PTI)", "PTI", 40, "body")]
    # The same bare agency line next to an image is that image's photo credit.
    by_image = article(("body", "AP"), ("body", "The harbour froze."), images=(("a.jpg", 0),))
    assert [a for a in find_attributions(by_image, settings) if a.text == "AP"] == []
