"""Snippets with the matched words marked, the same for every backend."""

from __future__ import annotations

from itertools import takewhile

from markupsafe import Markup, escape

from diaspora_platform.search import analysis

CONTEXT = 60  # characters shown before the first match


def highlight(text: str, terms: set[str], maxchars: int = 220) -> Markup:
    """The part of `text` around the first match, matched words in <mark>; plain start of the
    text when nothing matches. Text after the snippet is never analysed (long bodies)."""
    spans = ((s, e) for s, e, found in analysis.term_spans(text) if found in terms)
    first = next(spans, None)
    if first is None:
        return Markup(escape(text[:maxchars]) + ("…" if len(text) > maxchars else ""))
    start = max(0, first[0] - CONTEXT)
    end = min(len(text), start + maxchars)
    out, cursor = [], start
    window = [first, *takewhile(lambda span: span[0] < end, spans)]
    for s, e in (span for span in window if span[1] <= end):
        out.append(escape(text[cursor:s]))
        out.append(Markup("<mark>") + escape(text[s:e]) + Markup("</mark>"))
        cursor = e
    out.append(escape(text[cursor:end]))
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    return Markup(prefix + "".join(str(part) for part in out) + suffix)
