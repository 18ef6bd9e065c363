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
_IN_PHRASE = "\x01"  # prefix of a syllable matched as part of a whole phrase


class _PhraseMarks:
    """The highlighting analyser, with the syllables of each occurrence of a
    phrase renamed ``_IN_PHRASE + syllable``: the highlighter marks them
    there and nowhere else."""

    def __init__(self, phrases: set[tuple[str, ...]]):
        self.phrases = phrases
        self.longest = max(len(p) for p in phrases)

    def __call__(self, text: str, **kwargs):
        tokens = [t.copy() for t in _HIGHLIGHT_VI(text, **kwargs)]
        words = [t.text for t in tokens]
        for i in range(len(tokens)):
            for n in range(min(self.longest, len(tokens) - i), 1, -1):
                if tuple(words[i:i + n]) in self.phrases:
                    for t in tokens[i:i + n]:
                        t.text = _IN_PHRASE + t.text.lstrip(_IN_PHRASE)
                    break
        return iter(tokens)


def _window(text: str, words: set[str], whole_words: bool) -> str:
    """The part of a long text worth highlighting: ``_SNIPPET_WINDOW``
    characters around the passage where the most different query words
    stand together (found on the folded text, which keeps offsets), so the
    analyser runs over a few paragraphs, not the whole release."""
    folded = fold(text).lower()
    if not words or len(folded) != len(text):
        return text[:_SNIPPET_WINDOW]
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)[:200])
    pattern = r"\b(?:" + alternatives + (r")\b" if whole_words else ")")
    hits = [(m.start(), m.group()) for m in re.finditer(pattern, folded)]
    if not hits:
        return text[:_SNIPPET_WINDOW]
    # Centre the window on the densest passage: the match with the most
    # different query words within a snippet's width of it.
    best_pos, best_count = hits[0][0], 0
    j = 0
    for pos, _ in hits:
        while hits[j][0] < pos - 120:
            j += 1
        seen = {w for p, w in hits[j:] if p <= pos + 120}
        if len(seen) > best_count:
            best_pos, best_count = pos, len(seen)
    best_start = max(0, best_pos - _SNIPPET_WINDOW // 3)
    if best_start:
        space = text.find(" ", best_start)
        best_start = space + 1 if 0 < space < best_start + 50 else best_start
    return text[best_start:best_start + _SNIPPET_WINDOW]


def snippet_html(text: str, lang: str, terms: Terms, top: int = 2, maxchars: int = 220,
                 whole: bool = False) -> str:
    """Safe HTML: the best passages of ``text`` (all of it when ``whole``)
    with matched words marked; the opening of the text when nothing matches."""
    if not text:
        return ""
    phrases = {" ".join(p) for p in terms.vi_phrases}
    if not whole and len(text) > _SNIPPET_WINDOW:
        text = _window(text, terms.en if lang == "en" else terms.vi | phrases, whole_words=lang != "en")
    fragmenter = WholeFragmenter() if whole else ContextFragmenter(maxchars, 60)
    if lang == "en":
        out = highlight(text, terms.en, _EN_ANALYZER, fragmenter, _FORMATTER, top=top, mode="query")
    elif terms.vi_phrases:
        marked = terms.vi | {_IN_PHRASE + s for p in terms.vi_phrases for s in p}
        out = highlight(text, marked, _PhraseMarks(terms.vi_phrases), fragmenter, _FORMATTER, top=top,
                        mode="query")
    else:
        out = highlight(text, terms.vi, _HIGHLIGHT_VI, fragmenter, _FORMATTER, top=top, mode="query")
    if out:
        return _ADJACENT_MARKS.sub(r"\1", out)
    if whole:
        return html.escape(text, quote=False)
    cut = text[:maxchars]
    return html.escape(cut, quote=False) + ("…" if len(text) > maxchars else "")


