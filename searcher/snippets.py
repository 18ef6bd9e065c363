"""Snippets: the best passages of a release with the query's words marked.

Whoosh's highlighter re-analyses the text (syllables, folded, no pyvi) and
slices it by token offsets, so marks land on the original text with its
diacritics.  Everything is escaped; the only markup is ``<mark>``.
"""

from __future__ import annotations

import html
import re

from whoosh.analysis import CharsetFilter, LowercaseFilter
from whoosh.highlight import ContextFragmenter, Formatter, WholeFragmenter, get_text, highlight
from whoosh.support.charset import accent_map

from .analysis import VietnameseTokenizer, english_analyzer
from .query import Terms
from .textnorm import fold

__all__ = ["snippet_html", "MarkFormatter"]

_EN_ANALYZER = english_analyzer()
_HIGHLIGHT_VI = VietnameseTokenizer(segment=False) | LowercaseFilter() | CharsetFilter(accent_map)

class MarkFormatter(Formatter):
    """Escapes everything and wraps matches in a bare ``<mark>``."""

    between = " … "

    def _text(self, text: str) -> str:
        return html.escape(text, quote=False)

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return "<mark>" + html.escape(get_text(text, token, replace), quote=False) + "</mark>"


_FORMATTER = MarkFormatter()
# "<mark>Lê</mark> <mark>Quốc</mark>" reads better as one mark.
_ADJACENT_MARKS = re.compile(r"</mark>([ \t-]+)<mark>")


_SNIPPET_WINDOW = 2400


def _window(text: str, words: set[str]) -> str:
    """The part of a long text worth highlighting: from a little before the
    first place a query word appears (found on the folded text, which keeps
    offsets), so the analyser runs over a few paragraphs, not the whole
    release."""
    folded = fold(text).lower()
    start = 0
    if words and len(folded) == len(text):
        pattern = r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)[:200]) + r")"
        m = re.search(pattern, folded)
        if m:
            start = max(0, m.start() - 300)
            space = text.find(" ", start)
            start = space + 1 if 0 < space < m.start() else start
    return text[start:start + _SNIPPET_WINDOW]


def snippet_html(text: str, lang: str, terms: Terms, top: int = 2, maxchars: int = 220,
                 whole: bool = False) -> str:
    """Safe HTML: the best passages of ``text`` (all of it when ``whole``)
    with matched words marked; the opening of the text when nothing matches."""
    if not text:
        return ""
    if not whole and len(text) > _SNIPPET_WINDOW:
        text = _window(text, terms.en if lang == "en" else terms.vi)
    fragmenter = WholeFragmenter() if whole else ContextFragmenter(maxchars, 60)
    if lang == "en":
        out = highlight(text, terms.en, _EN_ANALYZER, fragmenter, _FORMATTER, top=top, mode="query")
    else:
        out = highlight(text, terms.vi, _HIGHLIGHT_VI, fragmenter, _FORMATTER, top=top, mode="query")
    if out:
        return _ADJACENT_MARKS.sub(r"\1", out)
    if whole:
        return html.escape(text, quote=False)
    cut = text[:maxchars]
    return html.escape(cut, quote=False) + ("…" if len(text) > maxchars else "")


