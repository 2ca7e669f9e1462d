"""Credits as wires in other languages and scripts print them: "Source:" labels, datelines
with the agency between slashes or after a dash, a place and agency in one bracket, and
agency names in Cyrillic, Greek, Hangul and Japanese. Every sentence is written here.
"""

from __future__ import annotations

import pytest

from provenance.articles.detect import DetectSettings, attribution, find_attributions
from tests.detect.build import article

SETTINGS = DetectSettings()
LEAD = ("body", "The ministry said on Tuesday that the new bridge would open in May.")

CREDITED = [
    # "Source:" labels on a line of their own, after the story.
    ("pl-source", "Źródło: PAP", "PAP"),
    ("cs-source", "Zdroj: ČTK", "CTK"),
    ("tr-source", "Kaynak: AA", "Anadolu"),
    ("id-source", "Sumber: Antara", "Antara"),
    ("ru-source", "Источник: РИА Новости", "RIA Novosti"),
    ("uk-source", "Джерело: Укрінформ", "Ukrinform"),
    ("ar-source", "المصدر: رويترز", "Reuters"),
    ("nl-source", "Bron: ANP", "ANP"),
    ("sv-source", "Källa: TT", "TT"),
    ("no-source", "Kilde: NTB", "NTB"),
    ("fi-source", "Lähde: STT", "STT"),
    ("el-source", "Πηγή: ΑΠΕ-ΜΠΕ", "ANA-MPA"),
    ("hu-source", "Forrás: MTI", "MTI"),
    ("ko-source", "출처: 연합뉴스", "Yonhap"),
    ("vi-according-to", "Theo TTXVN", "VNA"),
    ("ja-fullwidth-bracket", "（共同）", "Kyodo"),
    # Datelines.
    ("ru-slashes", "МОСКВА, 4 марта. /ТАСС/. Власти города открыли новый мост.", "TASS"),
    ("ru-dash", "САМАРА, 4 мар — РИА Новости. Власти города открыли новый мост.",
     "RIA Novosti"),
    ("uk-dash", "ЛЬВІВ, 4 березня — Укрінформ. Міська влада відкрила новий міст.",
     "Ukrinform"),
    ("ro-slashes", "CLUJ, 4 mar /Agerpres/ - Primăria a deschis un pod nou.", "Agerpres"),
    ("ko-place-equals", "(부산=연합뉴스) 홍길동 기자 = 시는 4일 새 다리를 개통했다.", "Yonhap"),
    ("ja-place-agency", "【大阪時事】市は4日、新しい橋を開通させた。", "Jiji"),
]


@pytest.mark.parametrize(("line", "source"), [c[1:] for c in CREDITED],
                         ids=[c[0] for c in CREDITED])
def test_credit_in_the_language_of_the_page(line: str, source: str) -> None:
    found = find_attributions(article(LEAD, ("body", line)), SETTINGS)
    assert source in [a.source for a in found if a.zone == "body"]


@pytest.mark.parametrize("line", [c[1] for c in CREDITED if "-source" in c[0]
                                  or c[0] in ("vi-according-to", "ja-fullwidth-bracket")])
def test_every_label_passes_the_cheap_precheck(line: str) -> None:
    folded = attribution.fold(line)
    assert attribution._maybe_closing(folded, 0) or attribution._maybe_wire(folded, 0)


NOT_CREDITED = [
    # "According to experts", not an agency.
    ("vi-according-to-people", "Theo các chuyên gia, cây cầu sẽ mở cửa vào tháng Năm."),
    # A correspondent's mark between slashes is a byline, not a known agency.
    ("ru-slashes-correspondent", "МОСКВА, 4 марта. /Корр./. Власти города открыли мост."),
    # Prose: a lower-case place is no dateline.
    ("ru-prose-dash", "В марте, 4 раза — ТАСС. Так писали газеты о мосте."),
    # A Korean bracket naming an outlet that is not a known agency.
    ("ko-unknown-outlet", "(부산=동네신문) 홍길동 기자 = 시는 4일 새 다리를 개통했다."),
    # A place and a staff name in lenticular brackets is a byline.
    ("ja-staff-byline", "【大阪＝山田太郎】市は4日、新しい橋を開通させた。"),
    # Full-width brackets around an unknown name.
    ("ja-unknown-bracket", "（山田）"),
]


@pytest.mark.parametrize("line", [c[1] for c in NOT_CREDITED], ids=[c[0] for c in NOT_CREDITED])
def test_look_alikes_that_credit_no_agency(line: str) -> None:
    assert find_attributions(article(LEAD, ("body", line)), SETTINGS) == []
