"""Media: the newspapers, broadcasters, wires and sites a story cites or is
about ("theo Reuters", "báo Tuổi Trẻ", "Fox News").  They are a kind of
their own, not agencies: a wire story cites Reuters, it is not about it,
and an agency facet led by the sources of the stories hides the bodies the
stories are about.

A name is a medium by its head ("Báo", "Đài", "hãng tin"), its English
tail ("News", "Times"), a known outlet's name, or a gazetteer entry marked
as one.  An ambiguous acronym ("AFP": the French wire or the Australian
police) is the wire where a news cue stands by it ("theo AFP", "AFP đưa
tin", "Ảnh: AFP").
"""

from __future__ import annotations

import re

from .. import gazetteer as gz
from .known import known_entry
from .names import Agency, entity_key, exact_key

__all__ = ["is_media", "news_cued", "outlet_name", "MEDIA_KEYS"]

MEDIA_KEYS = frozenset(entity_key(n) for n in gz.MEDIA_NAMES)
_KNOWN_MEDIA = frozenset(entity_key(n) for n in gz.KNOWN_MEDIA_ENTRIES)
# Heads with their tone marks: folded, "Đài" would be "Đại học" and "Tờ" "Tổ chức".
_HEADS = sorted((exact_key(h) for h in gz.MEDIA_NAME_HEADS_VI), key=len, reverse=True)
_NOT_AFTER_DAI = frozenset(exact_key(h) for h in gz.NOT_MEDIA_AFTER_DAI)
_TAILS = frozenset(exact_key(t) for t in gz.MEDIA_TAILS_EN)


def is_media(agency: Agency) -> bool:
    """Whether a body the rules found is a medium (see the module doc)."""
    entry = known_entry(agency.name) or (known_entry(agency.acronym) if agency.acronym else None)
    if entry is not None:
        return _media_entry(entry[0])
    return any(_media_name(n) for n in (agency.name, agency.acronym) if n)


def _media_entry(vi_name: str) -> bool:
    k = entity_key(vi_name)
    return k in _KNOWN_MEDIA or k in MEDIA_KEYS or _headed(exact_key(vi_name))


def _media_name(name: str) -> bool:
    if entity_key(name) in MEDIA_KEYS or _headed(exact_key(name)):
        return True
    words = exact_key(name).split()
    return len(words) >= 2 and words[-1] in _TAILS and name.split()[-1][:1].isupper()


def _headed(k: str) -> bool:
    """A media head and a name after it; "Đài Khí tượng" is a station."""
    for head in _HEADS:
        if k.startswith(head + " "):
            rest = k[len(head) + 1:]
            return not (head == "đài" and any(rest == h or rest.startswith(h + " ") for h in _NOT_AFTER_DAI))
    return False


_KEEP_HEAD = ("truyền hình", "tiếng nói", "phát thanh")  # "Đài Truyền hình Việt Nam" is its name
_NAME_HEADS = ("thời báo", "nhật báo", "tuần báo", "thông tấn xã")  # "Thời báo New York": "Times"


def outlet_name(name: str) -> str:
    """An outlet's name without the head word a story puts before it
    ("hãng tin Bloomberg", "báo Tuổi Trẻ", "Đài CNN" -> "Bloomberg", ...),
    as it is cited; a head that is part of the name stays."""
    k = exact_key(name)
    for head in _HEADS:
        if k.startswith(head + " "):
            rest = name.split(None, len(head.split()))[-1]
            if head not in _NAME_HEADS and rest[:1].isupper() and not exact_key(rest).startswith(_KEEP_HEAD) \
                    and gz.key(rest) not in gz.PLACES and gz.key(rest) not in gz.GENERIC_REMAINDERS_VI \
                    and gz.key(rest) != "tin tức":  # "Báo Giao thông": "giao thông" is a common noun
                return rest
            break
    return name


_CUE_BEFORE = sorted((gz.key(c) for c in gz.NEWS_CUES_BEFORE_VI), key=len, reverse=True)
_CUE_AFTER = sorted((gz.key(c) for c in gz.NEWS_CUES_AFTER_VI), key=len, reverse=True)
_CREDIT = re.compile(r"/\s*$|^\s*/")


def news_cued(text: str, start: int, end: int) -> bool:
    """The mention text[start:end] reads as a news source: a cue word
    right before or after it, or a photo credit ("Reuters/AFP").  "(AFP)"
    alone is no cue: it also follows "Cảnh sát Liên bang Australia"."""
    before = gz.key(text[max(0, start - 24):start]).rstrip(" :,.-–")
    after = gz.key(text[end:end + 24])
    if _CREDIT.search(text[max(0, start - 2):start]) or _CREDIT.search(text[end:end + 2]):
        return True
    return any(before == c or before.endswith(" " + c) for c in _CUE_BEFORE) \
        or any(after == c or after.startswith(c + " ") for c in _CUE_AFTER)
