from conftest import SEED_A, SEED_B, SEEDS

from searcher.entities import entity_key, extract
from searcher.ingest import find_sources, read_source


def _seed(doc_id):
    (src,), _ = find_sources([SEEDS / f"{doc_id}.txt"])
    (rel,) = list(read_source(src))
    return extract([rel.title, rel.lead, rel.body], rel.lang)


def test_seed_a_officials_with_roles():
    officials, _ = _seed(SEED_A)
    by_name = {o.name: o.role for o in officials}
    assert "Lê Quốc Hùng" in by_name and by_name["Lê Quốc Hùng"] in ("Trung tướng", "Thứ trưởng")
    assert by_name.get("Lesa Gale") == "bà"
    assert by_name.get("Nguyễn Tất Thành") == "Đại sứ"


def test_seed_a_agencies_and_acronyms():
    _, agencies = _seed(SEED_A)
    by_name = {a.name: a for a in agencies}
    assert by_name["Cảnh sát Liên bang Australia"].acronym == "AFP"
    assert "Australian Federal Police" in by_name["Cảnh sát Liên bang Australia"].aliases
    assert by_name["Uỷ ban Quản lý thông tin tình báo tội phạm Australia"].acronym == "ACIC"
    assert "Bộ Công an" in by_name


def test_seed_b_officials_and_agencies():
    officials, agencies = _seed(SEED_B)
    names = {o.name for o in officials}
    assert {"Nguyễn Văn Long", "Yoo Jae-seong"} <= names
    assert not any(n.split()[0] in ("Tăng", "Đào") for n in names)
    agencies = {a.name for a in agencies}
    assert "Cơ quan Cảnh sát quốc gia Hàn Quốc" in agencies
    assert "Ủy ban Bầu cử quốc gia Hàn Quốc" in agencies


def test_english_release():
    officials, agencies = extract(
        ["Deputy Minister Le Quoc Hung met Australian Federal Police (AFP) Commissioner Reece Kershaw "
         "and officials of the Ministry of Public Security."], "en")
    assert {(o.name, o.role) for o in officials} >= {("Le Quoc Hung", "Deputy Minister"),
                                                      ("Reece Kershaw", "Commissioner")}
    by_name = {a.name: a for a in agencies}
    assert by_name["Australian Federal Police"].acronym == "AFP"
    assert "Bộ Công an" in by_name["Ministry of Public Security"].aliases


def test_place_names_are_not_people():
    officials, _ = extract(["Công an TP. Hồ Chí Minh bắt giữ đối tượng tại quận Hà Đông."], "vi")
    assert not officials


def test_entity_key_ignores_spelling_differences():
    assert entity_key("Lê Quốc Hùng") == entity_key("LE QUOC HUNG") == "le quoc hung"
    assert entity_key("Ủy ban Bầu cử") == entity_key("Uỷ ban bầu cử")
