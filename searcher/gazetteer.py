"""Curated facts the entity rules lean on: titles and ranks, agency heads,
Vietnamese surnames, place names and well-known agencies in both languages.

Everything here is lowercase and NFC; lookups go through ``key()`` so that
old- and new-style tone marks match.  Nothing is specific to any one release.
"""

from __future__ import annotations

from functools import lru_cache

from .textnorm import canonical_tone


@lru_cache(maxsize=131072)
def key(text: str) -> str:
    """Lookup form: lowercase, one tone placement per syllable, single spaces."""
    return " ".join(canonical_tone(w) for w in text.lower().replace("_", " ").split())


def _keys(block: str) -> frozenset[str]:
    return frozenset(key(line) for line in block.strip().splitlines() if line.strip())


# Vietnamese titles, ranks and forms of address that stand before a name.
TITLES_VI = _keys("""
thứ trưởng
bộ trưởng
thủ trưởng
tổng bí thư
bí thư
chủ tịch nước
chủ tịch
thủ tướng
chủ nhiệm
đại tướng
thượng tướng
trung tướng
thiếu tướng
đại tá
thượng tá
trung tá
thiếu tá
đại úy
thượng úy
trung úy
thiếu úy
đại sứ
tổng lãnh sự
lãnh sự
tham tán
tùy viên
tư lệnh
tổng tư lệnh
chính ủy
giám đốc
tổng giám đốc
cục trưởng
tổng cục trưởng
vụ trưởng
viện trưởng
chánh án
chánh văn phòng
trưởng ban
trưởng phòng
trưởng công an
trưởng đoàn
người phát ngôn
ủy viên bộ chính trị
ủy viên trung ương đảng
tổng thống
ngoại trưởng
thẩm phán
kiểm sát viên
điều tra viên
luật sư
đồng chí
ông
bà
""")

# Words that modify a following title: "Phó Thủ tướng", "Quyền Tư lệnh".
TITLE_MODIFIERS_VI = _keys("""
phó
quyền
nguyên
tân
""")

TITLES_EN = _keys("""
deputy minister
vice minister
minister
deputy prime minister
prime minister
president
vice president
ambassador
consul general
consul
general
senior lieutenant general
lieutenant general
major general
colonel
lieutenant colonel
major
captain
director
director general
director-general
commissioner
deputy commissioner
secretary
chairman
chairwoman
chief
police chief
governor
senator
judge
spokesperson
spokesman
mr
mrs
ms
dr
""")

TITLE_MODIFIERS_EN = _keys("""
deputy
acting
former
vice
""")

# Words that open a Vietnamese agency name when capitalised.
AGENCY_HEADS_VI = _keys("""
bộ
bộ tư lệnh
cơ quan
ủy ban
cục
tổng cục
sở
viện
học viện
viện kiểm sát
đại sứ quán
tổng lãnh sự quán
lãnh sự quán
cảnh sát
công an
tòa án
văn phòng
trung tâm
ban
vụ
phòng
hội đồng
tổ chức
quân đội
bộ đội
""")

# Capitalised words that start or end an English agency name.
AGENCY_HEADS_EN = _keys("""
ministry
department
embassy
consulate
office
bureau
commission
committee
council
court
""")
AGENCY_TAILS_EN = _keys("""
police
agency
ministry
department
office
bureau
commission
committee
council
court
service
force
administration
organization
organisation
institute
authority
embassy
procuracy
""")

# Lowercase words that end an agency name: verbs and function words.
AGENCY_STOPS_VI = _keys("""
đã
đang
sẽ
với
của
tại
ở
là
được
có
cho
trong
từ
đến
về
theo
do
các
những
này
đó
cũng
để
khi
như
cùng
phía
và
hai
""")

SURNAMES_VI = _keys("""
nguyễn
trần
lê
phạm
hoàng
huỳnh
phan
vũ
võ
đặng
bùi
đỗ
hồ
ngô
dương
lý
đào
đoàn
vương
trịnh
trương
lâm
phùng
mai
tô
hà
tạ
đinh
lưu
quách
lương
thái
châu
kiều
triệu
chu
từ
hứa
tăng
mạc
đàm
khổng
thân
lục
nông
giáp
lò
lại
thạch
tống
hầu
doãn
diệp
tôn
khúc
ninh
nghiêm
""")

# Places that may stand inside a run of capitalised words next to a name.
PLACES = _keys("""
việt nam
hà nội
hồ chí minh
thành phố hồ chí minh
đà nẵng
hải phòng
cần thơ
huế
sài gòn
gia định
an giang
bà rịa vũng tàu
bắc giang
bắc kạn
bạc liêu
bắc ninh
bến tre
bình định
bình dương
bình phước
bình thuận
cà mau
cao bằng
đắk lắk
đắk nông
điện biên
đồng nai
đồng tháp
gia lai
hà giang
hà nam
hà tĩnh
hải dương
hậu giang
hòa bình
hưng yên
khánh hòa
kiên giang
kon tum
lai châu
lâm đồng
lạng sơn
lào cai
long an
nam định
nghệ an
ninh bình
ninh thuận
phú thọ
phú yên
quảng bình
quảng nam
quảng ngãi
quảng ninh
quảng trị
sóc trăng
sơn la
tây ninh
thái bình
thái nguyên
thanh hóa
thừa thiên huế
tiền giang
trà vinh
tuyên quang
vĩnh long
vĩnh phúc
yên bái
australia
úc
hàn quốc
nhật bản
trung quốc
hoa kỳ
mỹ
nga
pháp
đức
anh
lào
campuchia
thái lan
singapore
malaysia
indonesia
philippines
myanmar
ấn độ
canada
seoul
canberra
sydney
tokyo
bắc kinh
washington
""")

# Words before a capitalised run that make it a place, not a person.
PLACE_MARKERS = _keys("""
tp
tp.
thành phố
tỉnh
huyện
quận
xã
phường
thị xã
thị trấn
đường
phố
sông
cầu
chợ
làng
thôn
ấp
""")

# Well-known agencies: (Vietnamese name, English name, acronyms).  Used to
# recognise an agency from any of its names and to index all of them.
KNOWN_AGENCIES: list[tuple[str, str, tuple[str, ...]]] = [
    ("Bộ Công an", "Ministry of Public Security", ("MPS",)),
    ("Bộ Ngoại giao", "Ministry of Foreign Affairs", ("MOFA",)),
    ("Bộ Quốc phòng", "Ministry of National Defence", ("MND",)),
    ("Bộ Tư pháp", "Ministry of Justice", ("MOJ",)),
    ("Tòa án nhân dân tối cao", "Supreme People's Court", ("TANDTC",)),
    ("Viện kiểm sát nhân dân tối cao", "Supreme People's Procuracy", ("VKSNDTC",)),
    ("Cảnh sát Liên bang Australia", "Australian Federal Police", ("AFP",)),
    ("Cơ quan Cảnh sát quốc gia Hàn Quốc", "Korean National Police Agency", ("KNPA",)),
    ("Tổ chức Cảnh sát hình sự quốc tế", "International Criminal Police Organization", ("Interpol", "INTERPOL")),
    ("Hiệp hội Cảnh sát các nước Đông Nam Á", "ASEAN National Police", ("ASEANAPOL",)),
    ("Văn phòng Liên hợp quốc về Ma túy và Tội phạm", "United Nations Office on Drugs and Crime", ("UNODC",)),
    ("Cục Điều tra Liên bang Mỹ", "Federal Bureau of Investigation", ("FBI",)),
    ("Cơ quan Phòng chống ma túy Mỹ", "Drug Enforcement Administration", ("DEA",)),
    ("Bộ An ninh Nội địa Mỹ", "Department of Homeland Security", ("DHS",)),
    ("Cơ quan Tội phạm quốc gia Anh", "National Crime Agency", ("NCA",)),
    ("Ủy ban Quản lý thông tin tình báo tội phạm Australia", "Australian Criminal Intelligence Commission", ("ACIC",)),
    ("Bộ Nội vụ Australia", "Department of Home Affairs", ()),
    ("Cơ quan Cảnh sát quốc gia Nhật Bản", "National Police Agency of Japan", ("NPA",)),
    ("Bộ Công an Trung Quốc", "Ministry of Public Security of China", ()),
    ("Tòa án nhân dân", "People's Court", ("TAND",)),
    ("Viện kiểm sát nhân dân", "People's Procuracy", ("VKSND",)),
]

# Lowercase words that often stand inside an agency name
# ("Cơ quan Cảnh sát quốc gia", "Viện kiểm sát nhân dân tỉnh ...").
AGENCY_INNER_VI = _keys("""
quốc gia
nhân dân
quốc tế
liên bang
hình sự
kinh tế
ma túy
tội phạm
tình báo
thông tin
dữ liệu
điều tra
an ninh
trật tự
xã hội
giao thông
môi trường
phòng chống
phòng cháy
chữa cháy
cứu nạn
cứu hộ
quản lý
xuất nhập cảnh
hành chính
cơ động
đặc nhiệm
nội địa
đối ngoại
tối cao
cấp cao
tỉnh
thành phố
quận
huyện
thị xã
xã
phường
""")

# Capitalised words that are not people even after a title or with a
# surname-like first syllable.
NOT_NAMES = _keys("""
chính phủ
nhà nước
trung ương
đảng
quốc hội
hội nghị
tăng cường
""")

# Vietnamese function words and question words: in a query they say how to
# ask, not what about ("bao nhiêu", "là gì", "của", "những").  The query
# builder down-weights them instead of dropping them.
QUERY_FUNCTION_WORDS_VI = _keys("""
của
những
các
là
gì
bao
nhiêu
bao nhiêu
nào
ai
đâu
ở
tại
sao
tại sao
như
thế
thế nào
như thế nào
khi
khi nào
đã
được
có
không
và
với
cho
trong
từ
đến
một
này
đó
theo
về
để
thì
mà
nên
vì
bị
do
hay
hoặc
cũng
sẽ
đang
rằng
còn
lại
ra
vào
nhất
bởi
""")
# Their folded forms, for queries typed without diacritics; forms that are
# also common content words once folded ("dau": đầu, "nam": năm) are left out.
QUERY_FUNCTION_WORDS_FOLDED = frozenset(
    "cua nhung cac la gi bao nhieu bao_nhieu nao ai o tai sao tai_sao nhu the the_nao khi khi_nao "
    "da duoc co khong va voi cho trong tu den mot nay do theo ve de thi ma nen vi bi hay hoac "
    "cung se dang rang con lai ra vao nhat boi".split()
)
