"""Bilingual phrases from the gazetteer: ranks, titles and known bodies.

The learned lexicon translates word by word, which breaks on fixed phrases:
"Deputy Minister" is "Thứ trưởng", not "phó" + "bộ trưởng", and "Senior
Lieutenant General" is one rank, "Thượng tướng".  This table holds such
phrases as facts (the English forms the Ministry of Public Security and the
Vietnamese press use), plus every known agency's Vietnamese and English name
from ``gazetteer``, so a query naming one in either language also searches
for it in the other.

Lookups ignore case and tone placement; Vietnamese typed without diacritics
is matched folded ("thu truong" finds "Thứ trưởng"), typed with them it must
match exactly ("thị trường", market, is not "thị trưởng", mayor).
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import gazetteer as gz
from .textnorm import canonical_tone, fold, has_diacritics, nfc

__all__ = ["TITLES", "gloss", "phrase_translations"]

# (Vietnamese, English forms...).  Ranks first (police and army share them),
# then offices.  Several English forms: each is a way the press writes it.
TITLES: list[tuple[str, ...]] = [
    ("Đại tướng", "General", "Army General"),
    ("Thượng tướng", "Senior Lieutenant General", "Colonel General"),
    ("Trung tướng", "Lieutenant General"),
    ("Thiếu tướng", "Major General"),
    ("Đại tá", "Senior Colonel", "Colonel"),
    ("Thượng tá", "Colonel", "Senior Lieutenant Colonel"),
    ("Trung tá", "Lieutenant Colonel"),
    ("Thiếu tá", "Major"),
    ("Đại úy", "Senior Captain", "Captain"),
    ("Thượng úy", "Captain", "Senior Lieutenant"),
    ("Trung úy", "First Lieutenant", "Lieutenant"),
    ("Thiếu úy", "Second Lieutenant"),
    ("Đô đốc", "Admiral"),
    ("Phó Đô đốc", "Vice Admiral"),
    ("Chuẩn Đô đốc", "Rear Admiral"),
    ("Bộ trưởng", "Minister", "Secretary"),
    ("Thứ trưởng", "Deputy Minister", "Vice Minister", "Deputy Secretary"),
    ("Thứ trưởng thường trực", "Standing Deputy Minister"),
    ("Thủ tướng", "Prime Minister", "Premier"),
    ("Phó Thủ tướng", "Deputy Prime Minister"),
    ("Chủ tịch nước", "State President"),
    ("Phó Chủ tịch nước", "Vice State President"),
    ("Tổng thống", "President"),
    ("Phó Tổng thống", "Vice President"),
    ("Chủ tịch Quốc hội", "National Assembly Chairman", "Chairman of the National Assembly"),
    ("Tổng Bí thư", "General Secretary", "Party General Secretary", "Party Chief"),
    ("Bí thư", "Party Secretary"),
    ("Chủ tịch", "Chairman", "Chairwoman", "Chairperson"),
    ("Phó Chủ tịch", "Vice Chairman", "Vice Chairwoman", "Deputy Chairman"),
    ("Ngoại trưởng", "Foreign Minister", "Secretary of State"),
    ("Bộ trưởng Ngoại giao", "Foreign Minister", "Minister of Foreign Affairs"),
    ("Bộ trưởng Quốc phòng", "Defence Minister", "Defense Minister", "Defense Secretary"),
    ("Bộ trưởng Công an", "Minister of Public Security", "Public Security Minister"),
    ("Bộ trưởng Tư pháp", "Justice Minister", "Minister of Justice", "Attorney General"),
    ("Đại sứ", "Ambassador"),
    ("Đại sứ đặc mệnh toàn quyền", "Ambassador Extraordinary and Plenipotentiary"),
    ("Tổng Lãnh sự", "Consul General"),
    ("Lãnh sự", "Consul"),
    ("Tùy viên", "Attaché", "Attache"),
    ("Tùy viên Công an", "Police Attaché", "Police Attache"),
    ("Tùy viên Quốc phòng", "Defence Attaché", "Defense Attache"),
    ("Đặc phái viên", "Special Envoy", "Envoy"),
    ("Giám đốc", "Director"),
    ("Phó Giám đốc", "Deputy Director"),
    ("Tổng Giám đốc", "General Director", "Director General", "Chief Executive"),
    ("Giám đốc điều hành", "Chief Executive", "Chief Executive Officer", "CEO", "Managing Director"),
    ("Cục trưởng", "Director General", "Department Director"),
    ("Phó Cục trưởng", "Deputy Director General"),
    ("Tổng cục trưởng", "Director General"),
    ("Vụ trưởng", "Department Director"),
    ("Chánh Văn phòng", "Chief of Office", "Chief of Staff"),
    ("Người phát ngôn", "Spokesperson", "Spokesman", "Spokeswoman"),
    ("Tư lệnh", "Commander"),
    ("Phó Tư lệnh", "Deputy Commander"),
    ("Tổng Tư lệnh", "Commander-in-Chief", "Commissioner"),
    ("Phó Tổng Tư lệnh", "Deputy Commissioner"),
    ("Chánh án", "Chief Justice", "Chief Judge", "Presiding Judge"),
    ("Thẩm phán", "Judge"),
    ("Viện trưởng", "Chief Procurator", "Prosecutor General"),
    ("Kiểm sát viên", "Procurator", "Prosecutor"),
    ("Công tố viên", "Prosecutor"),
    ("Tổng Chưởng lý", "Attorney General"),
    ("Luật sư", "Lawyer", "Attorney"),
    ("Tổng Thư ký", "Secretary-General", "Secretary General"),
    ("Trưởng đoàn", "Head of Delegation", "Delegation Head"),
    ("Trưởng phòng", "Head of Division", "Division Chief"),
    ("Trưởng Công an", "Police Chief", "Chief of Police"),
    ("Cảnh sát trưởng", "Police Chief", "Sheriff"),
    ("Thống đốc", "Governor"),
    ("Thị trưởng", "Mayor"),
    ("Nghị sĩ", "Lawmaker", "Member of Parliament", "MP"),
    ("Thượng nghị sĩ", "Senator"),
    ("Hạ nghị sĩ", "Congressman", "Congresswoman", "Representative"),
    ("Chủ nhiệm Ủy ban", "Committee Chairman", "Chairman of the Committee"),
    ("Ủy viên Bộ Chính trị", "Politburo Member", "Member of the Politburo"),
    ("Điều tra viên", "Investigator", "Detective"),
    ("Thanh tra", "Inspector"),
    ("Huấn luyện viên", "Coach", "Manager"),
    ("Giáo sư", "Professor"),
    ("Tiến sĩ", "Doctor", "Dr"),
]

# English words too common to stand for a title on their own in a query.
_AMBIGUOUS_EN = frozenset({"general", "major", "secretary", "director", "president", "manager", "doctor",
                           "dr", "representative", "judge", "inspector", "mp", "coach", "captain",
                           "lieutenant", "commander", "envoy", "minister", "chairman", "governor"})

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
MAX_WORDS = 7


def _key(text: str, folded: bool = True) -> str:
    words = (canonical_tone(w.lower()) for w in _WORD.findall(nfc(text)))
    return " ".join(fold(w) for w in words) if folded else " ".join(words)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """(English key -> Vietnamese phrases, folded Vietnamese key -> English
    phrases, Vietnamese key with diacritics -> English phrases)."""
    en2vi: dict[str, list[str]] = {}
    vi2en: dict[str, list[str]] = {}
    vi2en_exact: dict[str, list[str]] = {}

    def add(vi: str, en: str) -> None:
        ek = _key(en)
        if ek and ek not in _AMBIGUOUS_EN and vi not in en2vi.setdefault(ek, []):
            en2vi[ek].append(vi)
        for table, vk in ((vi2en, _key(vi)), (vi2en_exact, _key(vi, folded=False))):
            if vk and en not in table.setdefault(vk, []):
                table[vk].append(en)

    for vi, *english in TITLES:
        for en in english:
            add(vi, en)
    for vi, en, _ in gz.KNOWN_AGENCIES:  # organisations included
        if vi and en and _key(vi) != _key(en):
            add(vi, en)
    return en2vi, vi2en, vi2en_exact


def _matches(text: str, lang: str) -> list[list[str]]:
    """The translations of each gazetteer phrase in ``text``, in order,
    longest matches first and without overlaps."""
    return [found for _, found in phrase_spans(text, lang)]


def phrase_spans(text: str, lang: str) -> list[tuple[list[str], list[str]]]:
    """(the phrase's words as keyed, its translations) for each gazetteer
    phrase in ``text``, longest first, without overlaps."""
    # Vietnamese typed with diacritics must match with them: "thị trường"
    # (market) is not "thị trưởng" (mayor).
    exact = lang != "en" and has_diacritics(text)
    table = _tables()[0 if lang == "en" else 2 if exact else 1]
    words = _key(text, folded=not exact).split()
    out: list[tuple[list[str], list[str]]] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            found = table.get(" ".join(words[i:i + n]))
            if found:
                out.append((words[i:i + n], found))
                i += n
                break
        else:
            i += 1
    return out


def gloss(text: str, lang: str) -> str:
    """A short rendering of the gazetteer phrases of ``text`` in the other
    language ("Thứ trưởng Bộ Công an" -> "Deputy Minister · Ministry of
    Public Security"); empty when it holds none."""
    return " · ".join(found[0] for found in _matches(text, lang))


def phrase_translations(text: str, lang: str) -> list[str]:
    """Phrases of the other language for the gazetteer phrases in ``text``
    (``lang``: the language it is written in), longest matches first and
    without overlaps: "Deputy Minister" gives "Thứ trưởng", not also the
    translation of "Minister"."""
    out: list[str] = []
    for found in _matches(text, lang):
        out.extend(p for p in found if p not in out)
    return out
