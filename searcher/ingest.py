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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .textnorm import nfc

__all__ = [
    "MAX_RECORD_BYTES",
    "MAX_TXT_BYTES",
    "Problem",
    "Release",
    "SourceFile",
    "derive_title",
    "detect_lang",
    "find_dateline",
    "find_sources",
    "read_source",
    "settle_date",
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
    date_inferred: bool = False  # dated by a dateline in the text, not by its writer
    date_refused: str = ""  # a date after the reindex day, not used: the release is undated
    source: str = ""
    url: str = ""
    path: str = ""
    line: int | None = None
    officials: list = field(default_factory=list)
    agencies: list = field(default_factory=list)
    media: list = field(default_factory=list)  # outlets cited or named: a kind apart from agencies

    @property
    def text(self) -> str:
        """Lead and body as one readable text."""
        return "\n\n".join(p for p in (self.lead, self.body) if p)

    def to_dict(self) -> dict:
        """The release as JSON (officials and agencies as objects), without
        what only the reindex reads (``line``, ``date_refused``)."""
        return {
            "doc_id": self.doc_id, "title": self.title, "lang": self.lang, "date": self.date,
            "date_inferred": self.date_inferred, "lead": self.lead, "body": self.body, "source": self.source,
            "url": self.url, "path": self.path,
            "officials": [o.to_dict() for o in self.officials], "agencies": [a.to_dict() for a in self.agencies],
            "media": [m.to_dict() for m in self.media],
        }


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


def count_records(src: SourceFile) -> int:
    """About how many releases a file holds (its lines, for JSON Lines),
    read fast for a progress bar's total; 0 when it cannot be read."""
    if src.relpath.endswith(TEXT_SUFFIXES):
        return 1
    opener = gzip.open if src.relpath.endswith(".gz") else open
    lines, last = 0, b"\n"
    try:
        with opener(src.path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except (OSError, EOFError, ValueError):  # a damaged file: read_source names the problem
        return 0
    return lines + (last != b"\n")


def read_source(src: SourceFile, today: dt.date | None = None) -> Iterator[Release | Problem]:
    """The releases in one file, or the problems that kept them out.

    ``today`` is the reindex day (default: the system date); no release is
    dated after it.
    """
    today = today or dt.date.today()
    try:
        if src.relpath.endswith(TEXT_SUFFIXES):
            yield from _read_txt(src, today)
        else:
            yield from _read_jsonl(src, today)
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


def _read_txt(src: SourceFile, today: dt.date) -> Iterator[Release | Problem]:
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
    yield release_from_text(doc_id, text, path=src.relpath, today=today)


def release_from_text(doc_id: str, text: str, path: str = "", today: dt.date | None = None) -> Release:
    """Build a release from the seeds' plain-text format.

    The date comes from the ``date YYYY-MM-DD Title`` first line, else from a
    dateline opening the first paragraph (see :func:`settle_date`).
    """
    title, given = "", None
    first, _, rest = text.partition("\n")
    m = _DATE_LINE.match(first.strip())
    if m:  # a date line, even with a date that is no day: its title still counts
        given, title, text = m.group(1), m.group(2).strip(), rest.strip()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    lead = paragraphs[0] if paragraphs else ""
    body = "\n\n".join(paragraphs[1:])
    if not title:
        title = derive_title(paragraphs)
    # The dateline opens the text, or the paragraph after a headline line.
    top = paragraphs[1] if len(paragraphs) > 1 and title == lead and not find_dateline(lead) else lead
    date, inferred, refused = settle_date(given, top, today)
    lang = detect_lang(title + "\n" + text)
    return Release(doc_id=doc_id, body=body, title=title, lead=lead, lang=lang,
                   date=date, date_inferred=inferred, date_refused=refused, path=path)


def derive_title(paragraphs: list[str], max_words: int = 16) -> str:
    """A short title for a release that has none.

    A short stand-alone line near the top (a headline or photo caption) reads
    like a title, unless it is only a dateline ("Hà Nội, ngày 25/10/2023");
    otherwise the first sentence, cut at a clause boundary.
    """
    for p in paragraphs[:4]:
        words = p.split()
        if 4 <= len(words) <= 25 and not p.rstrip().endswith((".", ":", ";")) and not _only_dateline(p):
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


def _iso_date(iso: str) -> dt.date | None:
    """The date an ISO ``YYYY-MM-DD`` string names, or None when there is no
    such day (2023-02-31) or the string is not one."""
    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        return None


# --- the release's date -------------------------------------------------------
#
# A release is dated by what its writer gave (the .txt date line, the JSON
# ``date`` field) or by a dateline at the very top of its text.  Dates further
# down are events, deadlines, birth years, history: they never date the
# release (issue 13, where the latest date mentioned dated releases 2044).

_UPPER = "A-ZĐÂĂÊÔƠƯÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
# Where the release was written and/or who wrote it, then a separator:
# "Hà Nội, ", "TP.HCM, ", "HANOI (VNA) — ", "(Chinhphu.vn) - ", "(TP. HCM, ".
# Place words are capitalised ("Thành phố" allowed), so an ordinary opening
# clause ("Trong khuôn khổ chương trình, ngày ...") is not taken for a place.
_PLACE = rf"[{_UPPER}][\w.'’]*(?:[ -]+(?:[{_UPPER}][\w.'’]*|phố)){{0,5}}"
_SOURCE = r"\([^()\n]{1,40}\)"
_PREFIX = rf"(?:\(?(?:{_PLACE}\s*)?(?:{_SOURCE}\s*)?[,:–—-]\s*)?"
_WEEKDAY = (r"(?i:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật"
            r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?)\s*,?\s*)")
# A Vietnamese publishing cue before the date: "Ngày", "Sáng", "Chiều ngày".
# Not "Vào ngày" nor "Từ ngày": those open narratives and announcements
# ("Vào ngày 6 tháng 10 năm 1973, Syria ...", "Từ ngày 1/1/2018, ...").
_VI_CUE = r"(?i:(?:(?:sáng|trưa|chiều|tối|đêm)(?:\s+nay)?\s+(?:ngày\s+)?|ngày\s+))"
_MONTH = (r"(?i:(?P<M>january|february|march|april|may|june|july|august|september|october|november"
          r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec))\.?")
# After the date: maybe "tại <Place>", then a separator or the end of the
# paragraph; not the start of a range ("Ngày 22/10/2023 - 28/10/2023" is an
# event's span) and not running on ("Ngày 13/1/2019 tới đây, ..." announces).
_AFTER = rf"(?![ \t]*[–—-][ \t]*\d)(?:[ \t]+(?i:tại)[ \t]+{_PLACE})?(?=[ \t]*(?:[,.;:|–—()-]|$))"
_HEAD = rf"^{_PREFIX}(?:{_VI_CUE}?{_WEEKDAY}?|{_WEEKDAY}?{_VI_CUE}?)"

_DATELINES: dict[str, re.Pattern[str]] = {
    # "Hà Nội, ngày 25/10/2023", "Ngày 14/5/2019, TAND ...", "TP.HCM, 25-10-2023 - "
    "vi-numeric": re.compile(
        rf"{_HEAD}(?P<at>)(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}){_AFTER}"),
    # "Hà Nội, ngày 25 tháng 10 năm 2023"
    "vi-words": re.compile(
        rf"{_HEAD}(?P<at>)(?P<d>\d{{1,2}})\s+(?i:tháng)\s+(?P<m>\d{{1,2}})\s*(?:,|\s(?i:năm))\s*"
        rf"(?P<y>\d{{4}}){_AFTER}"),
    # "HANOI, Oct. 25, 2023 —", "October 25, 2023 -", "Monday, October 25, 2023"
    "en-month-day": re.compile(
        rf"{_HEAD}(?P<at>){_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}}){_AFTER}"),
    # "25 October 2023 —", "LONDON, 25 Oct 2023:"
    "en-day-month": re.compile(
        rf"{_HEAD}(?P<at>)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y>\d{{4}}){_AFTER}"),
    # "2023-10-25 ..." first thing in the text
    "iso": re.compile(r"^(?P<at>)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![-\d])"),
}
_MAX_BEFORE_DATE = 60  # a dateline's place, source and weekday fit in this
# "Ngày 1-9-1858, liên quân Pháp ..." opens history, not a release: the cue
# form is the same, so a cue older than this is not trusted to be a dateline.
EARLIEST_DATELINE_YEAR = 1990
_MONTHS_EN = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


def find_dateline(paragraph: str) -> tuple[str, str] | None:
    """The date of the dateline that opens ``paragraph``, as (ISO date, cue
    kind), or None.

    Only a full date (day, month and year) that exists counts: "Ngày 25/2,"
    has no year and 31/02/2023 is no day, so neither dates a release; nor
    does a date before :data:`EARLIEST_DATELINE_YEAR` (history).
    """
    head = paragraph.lstrip().split("\n", 1)[0]
    for kind, pattern in _DATELINES.items():
        m = pattern.match(head)
        if m is None or m.start("at") > _MAX_BEFORE_DATE:
            continue
        parts = m.groupdict()
        month = _MONTHS_EN[parts["M"][:3].lower()] if parts.get("M") else int(parts["m"])
        try:
            day = dt.date(int(parts["y"]), month, int(parts["d"]))
        except ValueError:
            return None
        return (day.isoformat(), kind) if day.year >= EARLIEST_DATELINE_YEAR else None
    return None


def _only_dateline(paragraph: str) -> bool:
    """True for a line that is a dateline and nothing more (a letterhead)."""
    return find_dateline(paragraph) is not None and len(paragraph.split()) <= 10


def settle_date(given: str | None, top: str, today: dt.date | None = None) -> tuple[str | None, bool, str]:
    """The release's (date, date_inferred, date_refused).

    ``given`` is the date its writer gave (date line or ``date`` field); when
    it is missing or no real day, the dateline at the start of ``top`` (the
    first paragraph) is used instead.  A date after ``today`` (the reindex
    day) is never used: the release stays undated and the date is returned
    as refused, so the reindex can report it.
    """
    today = today or dt.date.today()
    day = _iso_date(given[:10]) if given else None
    inferred = False
    if day is None:
        cue = find_dateline(top)
        if cue is None:
            return None, False, ""
        day, inferred = dt.date.fromisoformat(cue[0]), True
    if day > today:
        return None, False, day.isoformat()
    return day.isoformat(), inferred, ""


# --- language ---------------------------------------------------------------

_VI_LETTERS = frozenset(
    "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
_VI_FUNCTION = frozenset([
    "va", "cua", "la", "cac", "nhung", "duoc", "trong", "cho", "voi", "mot",
    "nay", "da", "khong", "co", "tai", "theo", "ve", "tu", "den", "nguoi",
])
_EN_FUNCTION = frozenset([
    "the", "of", "and", "to", "in", "is", "was", "for", "on", "that",
    "with", "by", "as", "at", "from", "are", "be", "it", "this", "an",
])


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


def _read_jsonl(src: SourceFile, today: dt.date) -> Iterator[Release | Problem]:
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
                    yield _record_to_release(src.relpath, lineno, raw, today)
    except (EOFError, gzip.BadGzipFile, OSError) as exc:
        yield Problem(src.relpath, f"file stops being readable ({exc}); releases before that were kept")


def _record_to_release(relpath: str, lineno: int, raw: bytes, today: dt.date) -> Release | Problem:
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
    given = rec.get("date") if isinstance(rec.get("date"), str) else None
    top = fields["lead"] or body.lstrip().split("\n", 1)[0]
    date, inferred, refused = settle_date(given, top, today)
    if not fields["title"]:
        fields["title"] = derive_title([p for p in (fields["lead"], *body.split("\n")) if p.strip()])
    if not lang:
        lang = detect_lang(fields["title"] + "\n" + fields["lead"] + "\n" + body)
    return Release(doc_id=nfc(doc_id.strip()), body=body, lang=lang, date=date, date_inferred=inferred,
                   date_refused=refused, path=relpath, line=lineno, title=fields["title"],
                   lead=fields["lead"], source=fields["source"], url=fields["url"])
