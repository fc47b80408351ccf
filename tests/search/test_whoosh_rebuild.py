"""A full rebuild's writer (whoosh_rebuild) writes exactly the segment Whoosh's own writer
writes for the same documents, spilled to disk or not: the same files, byte for byte."""

import random

import pytest
from whoosh import index

from diaspora_platform.search import analysis
from diaspora_platform.search.backends import whoosh as whoosh_backend
from diaspora_platform.search.backends import whoosh_rebuild

pytestmark = pytest.mark.any_database

WORDS = ("Хуҷанд", "Худжанд", "Khujand", "мактабҳо", "школы", "schools", "Наврӯз", "Navruz",
         "дар", "the", "of", "и", "Рӯдакӣ", "Rudaki", "фонди", "Fund", "2026", "Ҷамъияти",
         "тоҷикони", "Tajik", "community", "Кӯлоб", "Куляб", "кафе\u0301", "a", "ҳо", "Ёлка")


def _document(rng: random.Random, n: int) -> dict:
    def text(words: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(words))

    titles = {lang: text(rng.randint(1, 4)) for lang in rng.sample(["tg", "ru", "en"], 2)}
    bodies = {lang: text(rng.randint(0, 40)) + "." for lang in titles}
    return {"type": "organisation", "title": next(iter(titles.values())),
            "body": next(iter(bodies.values())), "bodies": bodies, "titles": titles,
            "url": f"/organisations/{n}", "audience": rng.choice(["public", "public", "staff"]),
            "country": rng.choice(["DE", "TJ", ""]), "languages": ["tg"],
            "keywords": text(rng.randint(0, 3))}


def _segment_files(folder, make_writer, fields) -> dict[str, bytes]:
    ix = index.create_in(str(folder), whoosh_backend.schema())
    writer = make_writer(ix)
    for doc in fields:
        writer.add_document(**doc)
    writer.commit()
    ix = index.open_dir(str(folder))
    [segment] = ix._segments()
    storage = segment.open_compound_file(ix.storage)
    return {name.split(".", 1)[1]: storage.open_file(name).read() for name in storage.list()}


@pytest.mark.parametrize("spill", [False, True])
def test_the_rebuild_writer_writes_whooshs_segment(tmp_path, monkeypatch, spill):
    rng = random.Random(7)
    fields = [whoosh_backend._fields(f"organisation:{n}", _document(rng, n))
              for n in range(400)]
    if spill:  # a run on disk every few documents
        monkeypatch.setattr(whoosh_rebuild, "POSTING_BYTES", 2000)
    (tmp_path / "whoosh").mkdir()
    (tmp_path / "rebuild").mkdir()
    expected = _segment_files(tmp_path / "whoosh", lambda ix: ix.writer(), fields)
    written = _segment_files(tmp_path / "rebuild",
                             lambda ix: whoosh_rebuild.RebuildWriter(ix, limitmb=1), fields)
    assert written.keys() == expected.keys()
    for name in expected:
        assert written[name] == expected[name], name


def test_weighted_terms_count_what_the_analyzer_yields():
    rng = random.Random(3)
    texts = [analysis.SEGMENT.join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12)))
                                   for _ in range(3)) for _ in range(50)]
    for boosts, biwords in [((), False), ((2.0, 1.5, 1.0), True), ((2, 1), False)]:
        ana = analysis.analyzer(boosts, biwords)
        for text in texts:
            counted = {}
            for token in ana(text, boosts=True):
                freq, weight = counted.get(token.text, (0, 0.0))
                counted[token.text] = (freq + 1, weight + token.boost)
            assert {term: tuple(value) for term, value in analysis.weighted_terms(
                text, boosts, biwords).items()} == counted
