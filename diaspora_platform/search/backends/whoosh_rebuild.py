"""Full rebuilds of the Whoosh index: the same segments Whoosh's own writers write, for
less work per posting.

Whoosh's writer keeps each posting as a tuple in a pool, sorts the pool, pickles it to
disk one posting at a time when it outgrows its memory and merges the runs back; then
it looks each document's field length up on disk while writing the postings. Here a
segment's postings are kept grouped by term, as arrays (documents arrive in order, so
each term's list is sorted as it grows), and the lengths are kept in memory: nothing is
sorted but the terms, and a spill writes a term's list at a time. The `text` field is
counted by analysis.weighted_terms and keyword fields by one regular expression call,
not a token object per word; every other field goes through Whoosh (field.index).
Terms, weights, values and lengths are exactly those Whoosh's writer would write
(tests/search/test_whoosh_rebuild.py compares the two).

Above one process, documents are sent to forked processes in batches as they come from
the database; each analyses its documents and writes one segment, and this process
commits the segments together, as Whoosh's multi-segment writer does.
"""

from __future__ import annotations

import gc
import heapq
import multiprocessing
import pickle
import queue
import traceback
from array import array
from collections import Counter
from operator import itemgetter

from whoosh import formats
from whoosh.analysis import IDTokenizer, RegexTokenizer
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.system import pack_uint
from whoosh.util import random_name
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from diaspora_platform.search import analysis

KEY_BYTES = 450  # memory of one term's entry in the pool (key, three arrays, dict slot)
POSTING_BYTES = 16  # document number, weight, value code
JOB = 100  # documents sent to a rebuilding process at a time
_PACKED = tuple(pack_uint(n) for n in range(256))  # Frequency's values of small counts


class _Codes(dict):
    """Value bytes -> a small number (postings have few distinct values)."""

    def __missing__(self, value: bytes) -> int:
        self[value] = code = len(self)
        return code


class TermPool:
    """The postings of one segment being written: {field: {term: (document numbers
    ascending, weights, value codes)}}, as arrays. Above `limitmb` the lists are written
    to a run on disk, term by term in (field, term) order, and merged back when the
    segment is written. Only for documents added in increasing document numbers.
    Terms are kept as text and encoded once (UTF-8 sorts as the text does)."""

    def __init__(self, tempstore, limitmb: int):
        self.tempstore = tempstore
        self.limit = limitmb * 1024 * 1024
        self.size = 0
        self.fields: dict[str, dict[str, tuple[array, array, array]]] = {}
        self.codes = _Codes()
        self.runs: list[str] = []

    @property
    def fieldnames(self) -> set[str]:
        return set(self.fields)

    def terms_of(self, fieldname: str) -> dict[str, tuple[array, array, array]]:
        return self.fields.setdefault(fieldname, {})

    def add(self, item: tuple) -> None:
        """Whoosh's pool interface: one (field, term bytes, docnum, weight, value)."""
        fieldname, btext, docnum, weight, value = item
        terms = self.terms_of(fieldname)
        text = btext.decode("utf-8")
        lists = terms.get(text)
        if lists is None:
            lists = terms[text] = (array("I"), array("d"), array("I"))
            self.size += KEY_BYTES
        lists[0].append(docnum)
        lists[1].append(weight)
        lists[2].append(self.codes[value or b""])
        self.size += POSTING_BYTES

    def check_size(self) -> None:
        if self.size > self.limit:
            self.spill()

    def _sorted(self):
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            for text in sorted(terms):
                yield (fieldname, text), *terms[text]

    def spill(self) -> None:
        path = f"{random_name()}.run"
        with self.tempstore.create_file(path) as f:
            for key, docs, weights, codes in self._sorted():
                pickle.dump((key, docs.tobytes(), weights.tobytes(), codes.tobytes()), f, 5)
        self.runs.append(path)
        self.fields, self.size = {}, 0

    def _read_run(self, path: str):
        with self.tempstore.open_file(path) as f:
            while True:
                try:
                    key, docs, weights, codes = pickle.load(f)
                except EOFError:
                    break
                yield key, array("I", docs), array("d", weights), array("I", codes)
        self.tempstore.delete_file(path)

    def terms(self):
        """((field, term), documents, weights, value codes) per term, in order."""
        if not self.runs:
            yield from self._sorted()
            return
        # Equal keys come in the order of the runs (heapq.merge keeps it): ascending docs.
        merged = heapq.merge(*map(self._read_run, self.runs), self._sorted(),
                             key=itemgetter(0))
        pending = next(merged, None)
        for item in merged:
            if item[0] == pending[0]:
                for whole, more in zip(pending[1:], item[1:], strict=True):
                    whole.extend(more)
            else:
                yield pending
                pending = item
        if pending is not None:
            yield pending
        self.runs = []

    def values(self) -> list[bytes]:
        by_code = [b""] * len(self.codes)
        for value, code in self.codes.items():
            by_code[code] = value
        return by_code

    def cleanup(self) -> None:
        for path in self.runs:
            try:
                self.tempstore.delete_file(path)
            except OSError:
                pass
        self.runs = []


# Each gives (term, frequency, weight, value bytes) per term of a value, as field.index
# does (but text, not bytes, and in another order).
def _packed(freq: int) -> bytes:
    return _PACKED[freq] if freq < 256 else pack_uint(freq)


def _keywords(field, expression):
    boost = field.format.field_boost
    return lambda value: [(word, freq, float(freq) * boost, _packed(freq))
                          for word, freq in Counter(expression.findall(value)).items()]


def _text(field, match: analysis.MatchTermFilter):
    boost, boosts, biwords = field.format.field_boost, match.boosts, match.biwords
    return lambda value: [(word, freq, weight * boost, _packed(freq)) for word, (freq, weight)
                          in analysis.weighted_terms(value, boosts, biwords).items()]


def _identifier(field):
    boost = field.format.field_boost
    return lambda value: [(value, 1, boost, b"")]


def _whoosh(field):
    return lambda value: [(btext.decode("utf-8"), freq, weight, vbytes)
                          for btext, freq, weight, vbytes in field.index(value)]


def indexer(field):
    """The function that gives a field's terms: analysed here for the fields whose
    analysis is known (identifiers; keywords or analysis.analyzer counted), else by
    Whoosh's field.index."""
    if type(field.format) is formats.Existence and type(field.analyzer) is IDTokenizer:
        return _identifier(field)  # the whole value is the term
    if type(field.format) is formats.Frequency:
        analyzer = field.analyzer
        if type(analyzer) is RegexTokenizer and not analyzer.gaps:  # keywords
            return _keywords(field, analyzer.expression)
        if type(analyzer) is CompositeAnalyzer and len(analyzer.items) == 2:
            tokenizer, match = analyzer.items
            if (type(tokenizer) is RegexTokenizer and not tokenizer.gaps
                    and type(match) is analysis.MatchTermFilter
                    and tokenizer.expression.pattern == (
                        analysis.SEGMENTED_PATTERN if match.boosts else analysis.TOKEN_PATTERN)):
                return _text(field, match)
    return _whoosh(field)


class RebuildWriter(SegmentWriter):
    """A segment writer for a new index (see the module): add_document and commit."""

    def __init__(self, ix, limitmb: int = 128, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = TermPool(self._tempstorage, limitmb)
        for name, field in self.schema.items():
            if field.vector or field.column_type or field.separate_spelling():
                raise ValueError(f"{name}: vectors, columns and spelling are not written here")
        self._index = {name: indexer(field) for name, field in self.schema.items()
                       if field.indexed}
        self._lengths = {name: array("I") for name, field in self.schema.items()
                         if field.indexed and field.scorable}

    def add_document(self, **fields) -> None:
        self._check_state()
        if any(name.startswith("_") for name in fields):
            raise ValueError("boosts and custom stored values are not written here")
        pool, schema, docnum = self.pool, self.schema, self.docnum
        codes, new, postings = pool.codes, 0, 0
        self.perdocwriter.start_doc(docnum)
        # Fields in Whoosh's order (stored fields are kept in it).
        for name in sorted(fields):
            value, field, length = fields[name], schema[name], 0
            if value is None:
                continue
            index = self._index.get(name)
            if index is not None:
                terms = pool.terms_of(name)
                for text, freq, weight, vbytes in index(value):
                    found = terms.get(text)
                    if found is None:
                        found = terms[text] = (array("I"), array("d"), array("I"))
                        new += 1
                    found[0].append(docnum)
                    found[1].append(weight)
                    found[2].append(codes[vbytes or b""])
                    length += freq
                    postings += 1
            lengths = self._lengths.get(name)
            if lengths is None:
                length = 0
            else:  # as read back from the segment: one byte per length
                self._pad_lengths(lengths)
                lengths.append(byte_to_length(length_to_byte(length)) if length else 0)
            self.perdocwriter.add_field(name, field, value if field.stored else None, length)
        self.perdocwriter.finish_doc()
        pool.size += new * KEY_BYTES + postings * POSTING_BYTES
        pool.check_size()
        self._added = True
        self.docnum += 1

    def _pad_lengths(self, lengths: array) -> None:
        """Documents without the field have length 0."""
        missing = self.docnum - self.docbase - len(lengths)
        if missing:
            lengths.extend([0] * missing)

    def _flush_segment(self) -> None:
        """Whoosh's FieldWriter.add_postings, from the pool's lists."""
        self.perdocwriter.close()
        writer, values, field = self.fieldwriter, self.pool.values(), None
        lengths, base = None, self.docbase
        for (name, text), docs, weights, codes in self.pool.terms():
            if name != field:
                if field is not None:
                    writer.finish_field()
                writer.start_field(name, self.schema[name])
                field, lengths = name, self._lengths.get(name)
                if lengths is not None:
                    self._pad_lengths(lengths)
            writer.start_term(text.encode("utf-8"))
            add = writer.add
            if lengths is None:
                for docnum, weight, code in zip(docs, weights, codes, strict=True):
                    add(docnum, weight, values[code], 0)
            else:
                for docnum, weight, code in zip(docs, weights, codes, strict=True):
                    add(docnum, weight, values[code], lengths[docnum - base])
            writer.finish_term()
        if field is not None:
            writer.finish_field()
        writer.close()


# ----------------------------------------------------------------------- processes
def rebuild(ix, batches, to_fields, procs: int, limitmb: int, progress=None) -> int:
    """Write the documents of `batches` ({id: document or None}) into the new, empty
    index `ix` in `procs` processes (one segment each); returns how many were written."""
    if procs < 2:
        writer = RebuildWriter(ix, limitmb=limitmb)
        count = 0
        try:
            for batch in batches:
                for doc_id, doc in batch.items():
                    if doc is not None:
                        writer.add_document(**to_fields(doc_id, doc))
                        count += 1
                if progress:
                    progress(count)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return count
    return _in_processes(ix, batches, to_fields, procs, limitmb, progress)


def _in_processes(ix, batches, to_fields, procs, limitmb, progress) -> int:
    # Forked: spawned processes would import the calling script again, and one without a
    # __main__ guard would then wait for the indexer lock this process holds.
    context = multiprocessing.get_context("fork")
    # Jobs go round the processes in turn: each gets its share (and a segment), and
    # which document lands where does not depend on timing.
    jobs, results = [context.Queue(4) for _ in range(procs)], context.Queue()
    workers = [context.Process(target=_work, args=(n, ix, queue_, results, to_fields, limitmb),
                               daemon=True) for n, queue_ in enumerate(jobs)]
    parent = SegmentWriter(ix)  # holds the index's lock; its own segment stays empty
    count = sent = 0
    try:
        for worker in workers:
            worker.start()
        for batch in batches:
            docs = [(doc_id, doc) for doc_id, doc in batch.items() if doc is not None]
            for start in range(0, len(docs), JOB):
                _put(jobs[sent % procs], docs[start:start + JOB], workers)
                sent += 1
            count += len(docs)
            if progress:
                progress(count)
        for queue_ in jobs:
            _put(queue_, None, workers)
        segments = dict(_get(results, workers) for _worker in workers)  # {number: segment}
        for worker in workers:
            worker.join()
    except BaseException:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
        parent.cancel()
        raise
    parent._close_segment()
    parent._commit_toc([segments[n] for n in sorted(segments) if segments[n] is not None])
    parent._finish()
    return count


def _work(number, ix, jobs, results, to_fields, limitmb) -> None:
    """Rebuilding process `number`: documents from `jobs` until None, then (number, its
    segment or None if it got no document), or the error, on `results`."""
    gc.freeze()  # what the fork copied is never garbage: collections skip it
    try:
        writer = RebuildWriter(ix, limitmb=limitmb, _lk=False)
        while (job := jobs.get()) is not None:
            for doc_id, doc in job:
                writer.add_document(**to_fields(doc_id, doc))
        if writer.doc_count():
            results.put(("segment", (number, writer._finalize_segment())))
        else:
            writer._close_segment()
            results.put(("segment", (number, None)))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def _alive(workers) -> None:
    if any(worker.exitcode not in (None, 0) for worker in workers):
        raise RuntimeError("a process of the search rebuild ended unexpectedly")


def _put(jobs, job, workers) -> None:
    while True:
        try:
            jobs.put(job, timeout=1)
            return
        except queue.Full:
            _alive(workers)


def _get(results, workers):
    while True:
        try:
            kind, value = results.get(timeout=1)
        except queue.Empty:
            _alive(workers)
            continue
        if kind == "error":
            raise RuntimeError(f"a process of the search rebuild failed:\n{value}")
        return value
