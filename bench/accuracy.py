"""Accuracy over every labelled corpus in ../shared/corpus, in one command.

Prints, from the labels only (nothing is pasted here):

* news-world: the attribution and AI-disclosure calls per language (the judging is the
  interop tests' own, ``tests/detect/news_world.py``);
* generators, ai-markers, c2pa: the AI verdict per folder (the MANIFEST's
  ``expected_verdict``, ``a|b`` for alternatives), and how many non-AI files were judged AI;
* html-aeb: main-content F1 of the HTML reader with trafilatura's beside it when it is
  installed (``bench/extract_score.py``'s scoring).

Usage: ``.venv/bin/python bench/accuracy.py [--corpus ../shared/corpus] [--no-extraction]``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

VERDICT_FOLDERS = ("generators", "ai-markers", "c2pa")


def news_world(corpus: Path) -> None:
    from tests.detect.news_world import credited, disclosure_right, read_page

    with (corpus / "news-world" / "LABELS.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    calls: dict[str, tuple[Counter[str], Counter[str]]] = {
        "attribution": (Counter(), Counter()), "disclosure": (Counter(), Counter())}
    for row in rows:
        page = corpus / "news-world" / row["file"]
        lang = row["language"]
        _tally(calls["attribution"], lang,
               credited(read_page(page)) == (row["has_attribution"] == "yes"))
        if row["has_ai_disclaimer"] != "unknown":
            _tally(calls["disclosure"], lang, disclosure_right(row, read_page(page)))
    for name, (right, total) in calls.items():
        print(f"news-world {name:<12} {_share(right, total)}  "
              + ", ".join(f"{lang} {right[lang]}/{total[lang]}" for lang in sorted(total)))


def _tally(counts: tuple[Counter[str], Counter[str]], key: str, ok: bool) -> None:
    counts[0][key] += ok
    counts[1][key] += 1


def _share(right: Counter[str], total: Counter[str]) -> str:
    got, out_of = sum(right.values()), sum(total.values())
    return f"{got}/{out_of} ({100 * got / out_of:.1f} %)" if out_of else "no labels"


def verdicts(corpus: Path) -> None:
    from provenance.images import read_image

    for folder in VERDICT_FOLDERS:
        manifest = corpus / folder / "MANIFEST.tsv"
        if not manifest.is_file():
            continue
        with manifest.open(encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("expected_verdict")]
        right, false_ai = 0, 0
        for row in rows:
            verdict = read_image(corpus / folder / row["file"], row["file"]).ai.verdict
            allowed = row["expected_verdict"].split("|")
            right += verdict in allowed
            false_ai += verdict.startswith("ai-") and not any(a.startswith("ai-")
                                                               for a in allowed)
        print(f"verdicts   {folder:<12} {right}/{len(rows)} "
              f"({100 * right / max(len(rows), 1):.1f} %), non-AI judged AI: {false_ai}")


def extraction(corpus: Path) -> None:
    import json

    import extract_score

    folder = corpus / "html-aeb"
    truth = {k: v["articleBody"]
             for k, v in json.loads((folder / "ground-truth.json").read_text()).items()}
    pages = [(k, html) for k, html in extract_score.load_pages(folder) if k in truth]
    tools = [("provenance", extract_score.provenance_extractor())]
    tools += [(name, tool) for name in extract_score.TRAFILATURA
              if (tool := extract_score.trafilatura_extractor(name)) is not None]
    for name, tool in tools:
        f1 = extract_score.score(tool, pages, truth)["f1"]
        print(f"extraction {name:<12} F1 {f1:.4f} on {len(pages)} html-aeb pages")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--no-extraction", action="store_true",
                        help="skip the html-aeb F1 (the slowest part, with trafilatura)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus} is not a folder (the shared corpus)")
    news_world(args.corpus)
    verdicts(args.corpus)
    if not args.no_extraction:
        extraction(args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
