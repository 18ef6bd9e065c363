"""Read press releases from disk: ``.txt`` files and JSON Lines.

Every input ends up either as a :class:`Release` or as a :class:`Problem`
naming the file (and line) and the reason; a bad input never stops the run
and never costs a good release.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .textnorm import nfc

__all__ = [
    "Release",
    "Problem",
    "SourceFile",
    "find_sources",
    "read_source",
    "detect_lang",
    "derive_title",
    "infer_date",
    "MAX_TXT_BYTES",
    "MAX_RECORD_BYTES",
]

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
# A release is a few pages: a .txt file or a JSON Lines record above this
# size is reported, not read, so a runaway input cannot hold the reindex in
# memory.  JSON Lines files are streamed a line at a time, so they may be of
# any size.
MAX_TXT_BYTES = 4 * 1024 * 1024
MAX_RECORD_BYTES = 4 * 1024 * 1024


@dataclass
class Release:
    """One press release, normalised to NFC."""

    doc_id: str
    body: str
    title: str = ""
    lead: str = ""
    lang: str = ""
    date: str | None = None
    date_inferred: bool = False
    source: str = ""
    url: str = ""
    path: str = ""
    line: int | None = None
    officials: list = field(default_factory=list)
    agencies: list = field(default_factory=list)

    @property
    def text(self) -> str:
        """Lead and body as one readable text."""
        return "\n\n".join(p for p in (self.lead, self.body) if p)


@dataclass
class Problem:
    """An input that was skipped, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class SourceFile:
    """A file under the docs folder, with what incremental reindex compares."""

    path: Path
    relpath: str
    size: int
    mtime_ns: int

    @property
    def signature(self) -> list:
        return [self.size, self.mtime_ns]


def _is_supported(name: str) -> bool:
    return name.endswith(TEXT_SUFFIXES) or name.endswith(JSONL_SUFFIXES)


def find_sources(roots: Iterable[str | os.PathLike]) -> tuple[list[SourceFile], list[str]]:
    """Supported files under each root (a folder, searched recursively, or a
    file), sorted by relative path; and the relative paths of ignored files."""
    found: dict[str, SourceFile] = {}
    ignored: list[str] = []
    for root in roots:
        root = Path(root)
        if root.is_file():
            candidates = [(root, root.name)]
        else:
            candidates = [
                (p, p.relative_to(root).as_posix())
                for p in root.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
            ]
        for path, rel in candidates:
            if not _is_supported(path.name):
                ignored.append(rel)
                continue
            st = path.stat()
            found.setdefault(rel, SourceFile(path, rel, st.st_size, st.st_mtime_ns))
    return [found[k] for k in sorted(found)], sorted(ignored)


def read_source(src: SourceFile) -> Iterator[Release | Problem]:
    """The releases in one file, or the problems that kept them out."""
    try:
        if src.relpath.endswith(TEXT_SUFFIXES):
            yield from _read_txt(src)
        else:
            yield from _read_jsonl(src)
    except OSError as exc:
        yield Problem(src.relpath, f"cannot read file: {exc.strerror or exc}")


# --- .txt -----------------------------------------------------------------

_DATE_LINE = re.compile(r"^date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$")


_CP1258_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def decode_bytes(data: bytes) -> tuple[str | None, str]:
    """Decode a text file; returns (text, "") or (None, reason).

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such.
    Other bytes are tried as Windows-1258, the legacy Vietnamese code page
    (tone marks as combining characters), and kept only when the result is
    clearly Vietnamese; anything else is reported, not guessed.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ""
        except UnicodeDecodeError:
            return None, "bad UTF-16 text"
    if b"\x00" in data[:8192]:
        return None, "binary file (NUL bytes), not text"
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        why = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    legacy = _as_cp1258(data)
    if legacy is not None:
        return legacy, ""
    return None, why + " and not recognisable as Vietnamese Windows-1258"


def _as_cp1258(data: bytes) -> str | None:
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return None
    letters = sum(1 for c in text if c.isalpha())
    tones = sum(1 for c in text if c in _CP1258_TONES)
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t")
    if letters < 20 or controls or tones < letters * 0.02:
        return None
    text = unicodedata.normalize("NFC", text)
    return text if detect_lang(text) == "vi" else None


def _read_txt(src: SourceFile) -> Iterator[Release | Problem]:
    if src.size > MAX_TXT_BYTES:
        yield Problem(src.relpath, f"text file is {src.size:,} bytes, over the {MAX_TXT_BYTES:,}-byte limit")
        return
    text, why = decode_bytes(src.path.read_bytes())
    if text is None:
        yield Problem(src.relpath, why)
        return
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        yield Problem(src.relpath, "empty file")
        return
    doc_id = nfc(src.relpath[: -len(".txt")])
    yield release_from_text(doc_id, text, path=src.relpath)


def release_from_text(doc_id: str, text: str, path: str = "") -> Release:
    """Build a release from the seeds' plain-text format."""
    title, date, inferred = "", None, False
    first, _, rest = text.partition("\n")
    m = _DATE_LINE.match(first.strip())
    if m and _valid_date(m.group(1)):
        date, title, text = m.group(1), m.group(2).strip(), rest.strip()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    lead = paragraphs[0] if paragraphs else ""
    body = "\n\n".join(paragraphs[1:])
    if not title:
        title = derive_title(paragraphs)
    if date is None:
        date = infer_date(text)
        inferred = date is not None
    lang = detect_lang(title + "\n" + text)
    return Release(doc_id=doc_id, body=body, title=title, lead=lead, lang=lang,
                   date=date, date_inferred=inferred, path=path)


def derive_title(paragraphs: list[str], max_words: int = 16) -> str:
    """A short title for a release that has none.

    A short stand-alone line near the top (a headline or photo caption) reads
    like a title; otherwise the first sentence, cut at a clause boundary.
    """
    for p in paragraphs[:4]:
        words = p.split()
        if 4 <= len(words) <= 25 and not p.rstrip().endswith((".", ":", ";")):
            return p
    if not paragraphs:
        return ""
    sentence = re.split(r"(?<=[.!?])\s", paragraphs[0], maxsplit=1)[0]
    words = sentence.split()
    if len(words) <= max_words:
        return sentence.rstrip(".")
    cut = " ".join(words[:max_words])
    clause = re.match(r"^(.{30,}?)[,;:]\s", cut + " ")
    if clause and len(clause.group(1).split()) >= 6:
        cut = clause.group(1)
    return cut.rstrip(",;: ") + "…"


_MONTHS_EN = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_DATE_PATTERNS = [
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b"), ("d", "m", "y")),
    (re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b", re.I), ("d", "m", "y")),
    (re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS_EN) + r")\s+(\d{4})\b", re.I), ("d", "M", "y")),
    (re.compile(r"\b(" + "|".join(_MONTHS_EN) + r")\s+(\d{1,2}),?\s+(\d{4})\b", re.I), ("M", "d", "y")),
]


def _valid_date(iso: str) -> bool:
    try:
        dt.date.fromisoformat(iso)
        return True
    except ValueError:
        return False


# Every date pattern holds a four-digit year; the patterns run only around
# the years a text mentions, not over the whole body five times.
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DATE_REACH = 40  # characters before a year that a date can start


def infer_date(text: str) -> str | None:
    """The latest full date (day, month and year) the text mentions, ISO."""
    best: dt.date | None = None
    spans: list[list[int]] = []
    for y in _YEAR.finditer(text):
        start, end = max(0, y.start() - _DATE_REACH), min(len(text), y.end() + 7)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    for (start, end), (pattern, order) in ((sp, pt) for sp in spans for pt in _DATE_PATTERNS):
        for m in pattern.finditer(text, start, end):
            parts = dict(zip(order, m.groups()))
            try:
                month = _MONTHS_EN[parts["M"].lower()] if "M" in parts else int(parts["m"])
                found = dt.date(int(parts["y"]), month, int(parts["d"]))
            except (ValueError, KeyError):
                continue
            if 1900 <= found.year <= 2100 and (best is None or found > best):
                best = found
    return best.isoformat() if best else None


# --- language ---------------------------------------------------------------

_VI_LETTERS = frozenset(
    "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
_VI_FUNCTION = frozenset(
    "va cua la cac nhung duoc trong cho voi mot nay da khong co tai theo ve tu den nguoi".split()
)
_EN_FUNCTION = frozenset(
    "the of and to in is was for on that with by as at from are be it this an".split()
)


def detect_lang(text: str) -> str:
    """'vi' or 'en'.  Vietnamese letters decide most texts; for text without
    diacritics, common function words of each language break the tie.

    Vietnamese releases are full of English names and acronyms, so the share
    of Vietnamese letters is compared with a low bar.
    """
    sample = text[:5000].lower()
    letters = sum(1 for c in sample if c.isalpha())
    if not letters:
        return "vi"
    vi_letters = sum(1 for c in sample if c in _VI_LETTERS)
    if vi_letters / letters > 0.03:
        return "vi"
    words = re.findall(r"[a-z]+", sample)
    vi = sum(1 for w in words if w in _VI_FUNCTION)
    en = sum(1 for w in words if w in _EN_FUNCTION)
    return "vi" if vi > en else "en"


# --- JSON Lines ---------------------------------------------------------------

_OPTIONAL_TEXT = ("title", "lead", "source", "url")


def _read_jsonl(src: SourceFile) -> Iterator[Release | Problem]:
    opener = gzip.open if src.relpath.endswith(".gz") else open
    try:
        with opener(src.path, "rb") as fh:
            lineno = 0
            while True:
                raw = fh.readline(MAX_RECORD_BYTES + 1)
                if not raw:
                    break
                lineno += 1
                if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
                    while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                        raw = fh.readline(MAX_RECORD_BYTES + 1)
                    yield Problem(src.relpath, f"record over the {MAX_RECORD_BYTES:,}-byte limit", lineno)
                    continue
                if raw.strip():
                    yield _record_to_release(src.relpath, lineno, raw)
    except (EOFError, gzip.BadGzipFile, OSError) as exc:
        yield Problem(src.relpath, f"file stops being readable ({exc}); releases before that were kept")


def _record_to_release(relpath: str, lineno: int, raw: bytes) -> Release | Problem:
    try:
        rec = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Problem(relpath, "line is not valid UTF-8", lineno)
    except json.JSONDecodeError as exc:
        return Problem(relpath, f"broken JSON ({exc.msg} at column {exc.colno})", lineno)
    if not isinstance(rec, dict):
        return Problem(relpath, "line is not a JSON object", lineno)
    doc_id = rec.get("id")
    body = rec.get("body")
    if isinstance(doc_id, (int, float)) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        return Problem(relpath, "record has no 'id'", lineno)
    if not isinstance(body, str) or not body.strip():
        return Problem(relpath, f"record {doc_id!r} has no 'body'", lineno)
    fields = {}
    for name in _OPTIONAL_TEXT:
        value = rec.get(name)
        fields[name] = nfc(value.strip()) if isinstance(value, str) else ""
    body = nfc(body.strip())
    lang = rec.get("lang") if rec.get("lang") in ("vi", "en") else ""
    date = rec.get("date") if isinstance(rec.get("date"), str) else None
    date = date[:10] if date and _valid_date(date[:10]) else None
    inferred = False
    if date is None:
        date = infer_date(fields["lead"] + "\n" + body)
        inferred = date is not None
    if not fields["title"]:
        fields["title"] = derive_title([p for p in (fields["lead"], *body.split("\n")) if p.strip()])
    if not lang:
        lang = detect_lang(fields["title"] + "\n" + fields["lead"] + "\n" + body)
    return Release(doc_id=nfc(doc_id.strip()), body=body, lang=lang, date=date,
                   date_inferred=inferred, path=relpath, line=lineno, **fields)
