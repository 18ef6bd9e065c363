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
trưởng đặc khu
đặc khu trưởng
quan chức
người sáng lập
nhà sáng lập
đồng sáng lập
ủy viên
phó trưởng
thư ký
nhà lãnh đạo
lãnh đạo phe thiểu số
lãnh đạo phe đa số
người dẫn chương trình
giám đốc điều hành
trưởng phái đoàn
tổng thống
tt
tt.
phó tổng thống
ngoại trưởng
tổng chưởng lý
chưởng lý
thượng nghị sĩ
hạ nghị sĩ
nghị sĩ
dân biểu
thống đốc
thị trưởng
chủ tịch hạ viện
chủ tịch quốc hội
phát ngôn viên
thư ký báo chí
đặc phái viên
đặc sứ
công tố viên
cố vấn đặc biệt
thủ lĩnh
lãnh đạo
quốc vương
nhà vua
nữ hoàng
giáo hoàng
huấn luyện viên
trọng tài
chủ tọa
chánh tòa
kế toán trưởng
phó giám đốc
chủ tịch hđqt
chủ tịch hội đồng quản trị
tổng biên tập
hiệu trưởng
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
cựu
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
spokeswoman
press secretary
secretary of state
attorney general
senator
sen
sens
representative
rep
reps
congressman
congresswoman
chancellor
mayor
justice
chief justice
prosecutor
special counsel
special envoy
envoy
speaker
minority leader
majority leader
leader
king
queen
pope
foreign minister
defense minister
defence minister
energy minister
interior minister
finance minister
home secretary
foreign secretary
business secretary
energy secretary
interior secretary
defense secretary
internal secretary
treasury secretary
health secretary
chief executive
ceo
managing director
executive director
chief operating officer
manager
coach
head coach
referee
linesman
host
convenor
athletic director
mr
mrs
ms
""")

TITLE_MODIFIERS_EN = _keys("""
deputy
acting
former
vice
assistant
senior
then
interim
u.s
us
u.k
uk
american
british
russian
chinese
french
german
japanese
korean
south korean
north korean
vietnamese
australian
syrian
iranian
israeli
indian
ukrainian
canadian
turkish
eu
un
nato
white house
district of columbia
""")

# Words that open a Vietnamese agency name when capitalised.
AGENCY_HEADS_VI = _keys("""
tòa án nhân dân
toà án nhân dân
viện kiểm sát nhân dân
ủy ban nhân dân
uỷ ban nhân dân
hội đồng nhân dân
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
công ty
tổng công ty
tập đoàn
ngân hàng
bệnh viện
trường
đại học
tỉnh ủy
thành ủy
huyện ủy
quận ủy
đảng ủy
ubnd
hđnd
tand
vksnd
clb
câu lạc bộ
đảng
liên minh
liên đoàn
hiệp hội
hội
mặt trận
hải quân
không quân
lục quân
thanh tra
cảng vụ
đài
báo
thời báo
nhật báo
hãng
nhà tù
trại giam
đại hội đồng
hội đồng bảo an
tòa
""")

# Agency heads whose name is a place with its level: "Công an tỉnh Nam Định",
# "UBND TP HCM", "TAND tỉnh Bắc Ninh" (bare "TAND" names no court).
PLACE_HEADS_VI = _keys("""
công an
tòa án
toà án
ubnd
hđnd
tand
vksnd
ủy ban nhân dân
hội đồng nhân dân
tòa án nhân dân
viện kiểm sát nhân dân
tỉnh ủy
thành ủy
huyện ủy
quận ủy
cảnh sát
sở
bệnh viện đa khoa
""")

# Heads that make no name alone (a bare "TAND" is no particular court).
BARE_HEADS_VI = _keys("""
tand
vksnd
ubnd
hđnd
""")

# Lowercase company forms after "Công ty": "Công ty cổ phần dược phẩm X".
COMPANY_HEADS_VI = _keys("""
công ty
tổng công ty
tập đoàn
ngân hàng
""")

# Capitalised words that start or end an English agency name.
AGENCY_HEADS_EN = _keys("""
ministry
department
board
university
bank
party
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
union
alliance
party
university
college
academy
club
association
federation
organization
foundation
institute
corporation
corp
inc
ltd
plc
llc
co
group
bank
times
news
post
journal
tribune
herald
examiner
navy
army
assembly
senate
congress
parliament
airlines
airways
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
triều tiên
bắc triều tiên
nam triều tiên
đài loan
syria
iran
iraq
israel
palestine
ukraine
thổ nhĩ kỳ
ả rập
ả rập xê út
ai cập
panama
mexico
brazil
argentina
new zealand
châu mỹ
châu âu
châu á
châu phi
châu úc
đông nam á
trung đông
new york
london
paris
moskva
hội an
trường sa
hoàng sa
hạ long
nha trang
đà lạt
phú quốc
quy nhơn
buôn ma thuột
middle east
europe
asia
africa
latin america
south america
north america
united states
united kingdom
britain
great britain
england
scotland
wales
ireland
northern ireland
russia
china
japan
south korea
north korea
germany
france
italy
spain
turkey
saudi arabia
egypt
afghanistan
pakistan
vietnam
hong kong
taiwan
beijing
moscow
alabama
alaska
arizona
arkansas
california
colorado
connecticut
delaware
florida
georgia
hawaii
idaho
illinois
indiana
iowa
kansas
kentucky
louisiana
maine
maryland
massachusetts
michigan
minnesota
mississippi
missouri
montana
nebraska
nevada
new hampshire
new jersey
new mexico
new york state
north carolina
north dakota
ohio
oklahoma
oregon
pennsylvania
rhode island
south carolina
south dakota
tennessee
texas
utah
vermont
virginia
washington state
west virginia
wisconsin
wyoming
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

# Acronyms of a known body that mostly stand for something else in the news
# (acronym -> its other meanings): "AFP" is the Australian Federal Police in
# a release about police cooperation, and Agence France-Presse in almost
# every wire story ("theo AFP", "hãng tin AFP").  Such an acronym standing
# alone names the body only in a release that also writes the body's name.
AMBIGUOUS_ACRONYMS: dict[str, tuple[str, ...]] = {
    "AFP": ("Agence France-Presse",),
}

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
vận tải
đào tạo
đầu tư
du lịch
thể thao
thương binh
phát triển
nông thôn
công nghệ
truyền thông
khoa học
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
QUERY_FUNCTION_WORDS_FOLDED = frozenset({"cua", "nhung", "cac", "la", "gi", "bao", "nhieu", "bao_nhieu",
                                         "nao", "ai", "o", "tai", "sao", "tai_sao", "nhu", "the",
                                         "the_nao", "khi", "khi_nao", "da", "duoc", "co", "khong", "va",
                                         "voi", "cho", "trong", "tu", "den", "mot", "nay", "do", "theo",
                                         "ve", "de", "thi", "ma", "nen", "vi", "bi", "hay", "hoac",
                                         "cung", "se", "dang", "rang", "con", "lai", "ra", "vao", "nhat",
                                         "boi"})

# More well-known bodies, home and abroad (same shape as KNOWN_AGENCIES).
KNOWN_AGENCIES += [
    ("Quốc hội", "National Assembly", ()),
    ("Chính phủ", "Government of Vietnam", ()),
    ("Trung ương Đảng", "Central Committee of the Communist Party of Vietnam", ()),
    ("Bộ Chính trị", "Politburo", ()),
    ("Ban Bí thư", "Secretariat of the Party Central Committee", ()),
    ("Văn phòng Trung ương Đảng", "Office of the Party Central Committee", ()),
    ("Ban Nội chính Trung ương", "Central Internal Affairs Commission", ()),
    ("Ủy ban Kiểm tra Trung ương", "Central Inspection Commission", ()),
    ("Quân ủy Trung ương", "Central Military Commission", ()),
    ("Thanh tra Chính phủ", "Government Inspectorate", ()),
    ("Ủy ban thường vụ Quốc hội", "Standing Committee of the National Assembly", ()),
    ("Mặt trận Tổ quốc Việt Nam", "Vietnam Fatherland Front", ()),
    ("Đảng Cộng sản Việt Nam", "Communist Party of Vietnam", ("CPV",)),
    ("Bộ Giao thông Vận tải", "Ministry of Transport", ()),
    ("Bộ Y tế", "Ministry of Health", ()),
    ("Bộ Tài chính", "Ministry of Finance", ()),
    ("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology", ()),
    ("Bộ Công Thương", "Ministry of Industry and Trade", ("MOIT",)),
    ("Bộ Kế hoạch và Đầu tư", "Ministry of Planning and Investment", ()),
    ("Bộ Nội vụ", "Ministry of Home Affairs", ("MOHA",)),
    ("Bộ Giáo dục và Đào tạo", "Ministry of Education and Training", ("MOET",)),
    ("Bộ Thông tin và Truyền thông", "Ministry of Information and Communications", ()),
    ("Bộ Tài nguyên và Môi trường", "Ministry of Natural Resources and Environment", ("MONRE",)),
    ("Bộ Nông nghiệp và Phát triển nông thôn", "Ministry of Agriculture and Rural Development", ("MARD",)),
    ("Bộ Xây dựng", "Ministry of Construction", ()),
    ("Bộ Lao động - Thương binh và Xã hội", "Ministry of Labour, Invalids and Social Affairs", ("MOLISA",)),
    ("Ngân hàng Nhà nước Việt Nam", "State Bank of Vietnam", ("SBV",)),
    ("Cục Hàng không Việt Nam", "Civil Aviation Authority of Vietnam", ("CAAV",)),
    ("Tổng cục Cảnh sát", "General Department of Police", ()),
    ("Tổng cục An ninh", "General Department of Security", ()),
    ("Cơ quan An ninh điều tra", "Security Investigation Agency", ()),
    ("Thông tấn xã Việt Nam", "Vietnam News Agency", ("TTXVN", "VNA")),
    ("Liên Hợp Quốc", "United Nations", ("UN", "LHQ")),
    ("Đại hội đồng Liên Hợp Quốc", "United Nations General Assembly", ("UNGA",)),
    ("Hội đồng Bảo an Liên Hợp Quốc", "United Nations Security Council", ("UNSC",)),
    ("Liên minh châu Âu", "European Union", ("EU",)),
    ("Tổ chức Hiệp ước Bắc Đại Tây Dương", "North Atlantic Treaty Organization", ("NATO",)),
    ("Hiệp hội các quốc gia Đông Nam Á", "Association of Southeast Asian Nations", ("ASEAN",)),
    ("Tổ chức Sở hữu trí tuệ thế giới", "World Intellectual Property Organization", ("WIPO",)),
    ("Tổ chức Hàng không dân dụng quốc tế", "International Civil Aviation Organization", ("ICAO",)),
    ("Tổ chức Thương mại thế giới", "World Trade Organization", ("WTO",)),
    ("Quỹ Tiền tệ quốc tế", "International Monetary Fund", ("IMF",)),
    ("Ngân hàng Thế giới", "World Bank", ()),
    ("Nhà Trắng", "White House", ()),
    ("Thượng viện Mỹ", "United States Senate", ()),
    ("Hạ viện Mỹ", "United States House of Representatives", ()),
    ("Quốc hội Mỹ", "United States Congress", ()),
    ("Điện Kremlin", "Kremlin", ()),
    ("Lầu Năm Góc", "Pentagon", ()),
    ("Bộ Ngoại giao Mỹ", "United States Department of State", ()),
    ("Bộ Tư pháp Mỹ", "United States Department of Justice", ("DOJ",)),
    ("Cục Tình báo Trung ương Mỹ", "Central Intelligence Agency", ("CIA",)),
    ("Tòa án Tối cao Mỹ", "Supreme Court of the United States", ()),
    ("Đảng Dân chủ", "Democratic Party", ()),
    ("Đảng Cộng hòa", "Republican Party", ()),
    ("Hải quân Mỹ", "United States Navy", ()),
    ("Đài BBC", "British Broadcasting Corporation", ("BBC",)),
    ("Đài CNN", "Cable News Network", ("CNN",)),
    ("Đài CBS", "CBS", ("CBS",)),
    ("Đài NBC", "NBC", ("NBC",)),
    ("Đài Fox News", "Fox News", ()),
    ("Thời báo New York", "The New York Times", ()),
    ("Bưu điện Washington", "The Washington Post", ()),
    ("Nhật báo Phố Wall", "The Wall Street Journal", ()),
    ("Hãng thông tấn Reuters", "Reuters", ()),
    ("Hãng hàng không Quốc gia Việt Nam", "Vietnam Airlines", ()),
    ("Hãng hàng không Vietjet", "Vietjet Air", ()),
    ("Tổ chức Al-Qaeda", "Al-Qaeda", ()),
    ("Nhà nước Hồi giáo", "Islamic State", ("ISIS", "ISIL")),
]

# Other names of known agencies: alias -> the Vietnamese name above.
AGENCY_ALIASES: dict[str, str] = {
    "Liên Hiệp Quốc": "Liên Hợp Quốc",
    "Đại hội đồng Liên Hiệp Quốc": "Đại hội đồng Liên Hợp Quốc",
    "UN General Assembly": "Đại hội đồng Liên Hợp Quốc",
    "General Assembly": "Đại hội đồng Liên Hợp Quốc",
    "Security Council": "Hội đồng Bảo an Liên Hợp Quốc",
    "Cơ quan Cảnh sát Hàn Quốc": "Cơ quan Cảnh sát quốc gia Hàn Quốc",
    "Korean National Police": "Cơ quan Cảnh sát quốc gia Hàn Quốc",
    "Thượng viện": "Thượng viện Mỹ",
    "Senate": "Thượng viện Mỹ",
    "U.S. Senate": "Thượng viện Mỹ",
    "Hạ viện": "Hạ viện Mỹ",
    "House of Representatives": "Hạ viện Mỹ",
    "Congress": "Quốc hội Mỹ",
    "Quốc hội Hoa Kỳ": "Quốc hội Mỹ",
    "Kremlin": "Điện Kremlin",
    "Pentagon": "Lầu Năm Góc",
    "State Department": "Bộ Ngoại giao Mỹ",
    "Justice Department": "Bộ Tư pháp Mỹ",
    "Supreme Court": "Tòa án Tối cao Mỹ",
    "Democratic Party": "Đảng Dân chủ",
    "Republican Party": "Đảng Cộng hòa",
    "U.S. Navy": "Hải quân Mỹ",
    "BBC": "Đài BBC",
    "CNN": "Đài CNN",
    "CBS": "Đài CBS",
    "NBC": "Đài NBC",
    "NBC News": "Đài NBC",
    "CBS News": "Đài CBS",
    "Fox News": "Đài Fox News",
    "New York Times": "Thời báo New York",
    "Washington Post": "Bưu điện Washington",
    "Wall Street Journal": "Nhật báo Phố Wall",
    "Reuters": "Hãng thông tấn Reuters",
    "Vietnam Airlines": "Hãng hàng không Quốc gia Việt Nam",
    "Vietjet Air": "Hãng hàng không Vietjet",
    "Vietjet": "Hãng hàng không Vietjet",
    "Al-Qaeda": "Tổ chức Al-Qaeda",
    "Al Qaeda": "Tổ chức Al-Qaeda",
    "Islamic State": "Nhà nước Hồi giáo",
    "Tòa án nhân dân tối cao": "Tòa án nhân dân tối cao",
    "TAND tối cao": "Tòa án nhân dân tối cao",
    "VKSND tối cao": "Viện kiểm sát nhân dân tối cao",
    "Bộ Công an Việt Nam": "Bộ Công an",
    "Liên minh Châu Âu": "Liên minh châu Âu",
}

# Generic bodies: a head without the proper name that would make it one.
GENERIC_AGENCIES = _keys("""
tòa án nhân dân
viện kiểm sát nhân dân
ủy ban nhân dân
hội đồng nhân dân
công an
cảnh sát
sở cảnh sát
cảnh sát việt nam
cơ quan điều tra
cơ quan cảnh sát điều tra
ban giám đốc
ban giám đốc công an
hội đồng quản trị
hội đồng thành viên
hội đồng xét xử
đảng ủy
bộ đội cụ hồ
ban giám hiệu
cơ quan công an
""")

# Level words before a place in a body's name ("Công an tỉnh X", "UBND TP X").
PLACE_LEVELS_VI = _keys("""
tỉnh
thành phố
tp
tp.
huyện
quận
thị xã
xã
phường
thị trấn
bang
""")

# --- public figures and more organisations --------------------------------

# Heads of state and government, ministers and other office holders who are
# often named without a title (2015-2025), with their other spellings
# (Vietnamese transliterations, name order, romanisations).  A mention of
# any spelling makes them an official of the release.
KNOWN_OFFICIALS: list[tuple[str, ...]] = [
    # Vietnam (distinctive names only: common ones would catch private persons)
    ("Nguyễn Phú Trọng",), ("Nguyễn Xuân Phúc",), ("Tô Lâm",), ("Phạm Minh Chính",),
    ("Võ Văn Thưởng",), ("Vương Đình Huệ",), ("Trần Thanh Mẫn",), ("Lương Cường",),
    ("Nguyễn Tấn Dũng",), ("Trương Tấn Sang",), ("Trần Đại Quang",),
    ("Nguyễn Sinh Hùng",), ("Đặng Thị Ngọc Thịnh",), ("Võ Thị Ánh Xuân",), ("Trần Quốc Vượng",),
    ("Phạm Bình Minh",), ("Vũ Đức Đam",), ("Trương Hòa Bình",), ("Phan Văn Giang",),
    ("Ngô Xuân Lịch",), ("Lương Tam Quang",), ("Trần Hồng Hà",), ("Lê Minh Khái",),
    ("Trần Lưu Quang",), ("Đỗ Văn Chiến",), ("Trần Cẩm Tú",), ("Nguyễn Hòa Bình",),
    ("Lê Hồng Anh",), ("Đinh Thế Huynh",), ("Hồ Đức Phớc",), ("Đào Ngọc Dung",),
    ("Phùng Xuân Nhạ",), ("Đào Hồng Lan",), ("Nguyễn Hồng Diên",), ("Lê Thành Long",),
    ("Nguyễn Khắc Định",), ("Phan Đình Trạc",), ("Nguyễn Đức Chung",), ("Nguyễn Thiện Nhân",),
    ("Nguyễn Minh Triết",), ("Nông Đức Mạnh",), ("Lê Khả Phiêu",), ("Phan Văn Khải",),
    ("Trần Đức Lương",), ("Võ Văn Kiệt",), ("Võ Nguyên Giáp",), ("Trương Thị Mai",),
    ("Nguyễn Thị Doan",), ("Tòng Thị Phóng",), ("Phạm Gia Khiêm",), ("Hoàng Trung Hải",),
    # United States
    ("Donald Trump", "Donald J. Trump", "Đônan Trămp"), ("Joe Biden", "Joseph Biden"),
    ("Barack Obama",), ("Kamala Harris",), ("Mike Pence",), ("JD Vance", "J.D. Vance"),
    ("Rex Tillerson",), ("Mike Pompeo",), ("Antony Blinken",),
    ("Marco Rubio",), ("John Kerry",), ("John Bolton",), ("James Mattis", "Jim Mattis"),
    ("Mark Esper",), ("Lloyd Austin",), ("Pete Hegseth",), ("Jeff Sessions",),
    ("William Barr",), ("Merrick Garland",), ("Rod Rosenstein",), ("Robert Mueller",),
    ("James Comey",), ("Christopher Wray",), ("Steven Mnuchin",), ("Janet Yellen",),
    ("Jerome Powell",), ("Nancy Pelosi",), ("Paul Ryan",), ("Kevin McCarthy",),
    ("Mike Johnson",), ("Chuck Schumer",), ("Mitch McConnell",), ("John McCain",),
    ("Lindsey Graham",), ("Orrin Hatch",), ("Mike Lee",), ("Ted Cruz",),
    ("Bernie Sanders",), ("Elizabeth Warren",), ("Dianne Feinstein",), ("Chuck Grassley",),
    ("Maxine Waters",), ("Brett Kavanaugh",), ("John Roberts",), ("Neil Gorsuch",),
    ("Amy Coney Barrett",), ("Sonia Sotomayor",), ("Ruth Bader Ginsburg",), ("Clarence Thomas",),
    ("Sarah Sanders", "Sarah Huckabee Sanders"), ("Sean Spicer",),
    ("Nikki Haley",), ("Ryan Zinke",), ("Wilbur Ross",), ("Betsy DeVos",),
    ("Kirstjen Nielsen",), ("John Kelly",), ("Mick Mulvaney",), ("Jake Sullivan",),
    ("Karine Jean-Pierre",), ("Jen Psaki",), ("Ned Price",), ("Matthew Miller",),
    ("Michael Pompeo",), ("Gina Raimondo",), ("Katherine Tai",), ("Robert Lighthizer",),
    ("Andrew Cuomo",), ("Gavin Newsom",), ("Ron DeSantis",), ("Greg Abbott",),
    # Europe
    ("Theresa May",), ("Boris Johnson",), ("David Cameron",), ("Rishi Sunak",),
    ("Liz Truss",), ("Keir Starmer",), ("Jeremy Hunt",), ("Philip Hammond",), ("Dominic Raab",), ("Sajid Javid",),
    ("Priti Patel",),
    ("Angela Merkel",), ("Olaf Scholz",), ("Friedrich Merz",), ("Frank-Walter Steinmeier",),
    ("Emmanuel Macron",), ("François Hollande",), ("Édouard Philippe", "Edouard Philippe"),
    ("Jean-Yves Le Drian",), ("Giuseppe Conte",), ("Mario Draghi",), ("Giorgia Meloni",),
    ("Sergio Mattarella",), ("Pedro Sánchez", "Pedro Sanchez"), ("Mark Rutte",),
    ("Ursula von der Leyen",), ("Jean-Claude Juncker",), ("Donald Tusk",), ("Charles Michel",),
    ("Federica Mogherini",), ("Josep Borrell",), ("Michel Barnier",), ("Jens Stoltenberg",),
    ("Vladimir Putin", "Vladimir Vladimirovich Putin"), ("Dmitry Medvedev", "Dmitri Medvedev"),
    ("Sergei Lavrov", "Sergey Lavrov"), ("Mikhail Mishustin",), ("Sergei Shoigu", "Sergey Shoigu"),
    ("Dmitry Peskov", "Dmitri Peskov"), ("Maria Zakharova",), ("Volodymyr Zelensky", "Volodymyr Zelenskiy"),
    ("Petro Poroshenko",), ("Dmytro Kuleba",), ("Alexander Lukashenko", "Aleksandr Lukashenko"),
    ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", "Tayyip Erdogan"), ("Viktor Orban", "Viktor Orbán"),
    ("Zoran Zaev",), ("Gjorge Ivanov",), ("Pope Francis",),
    # Asia and the Pacific
    ("Xi Jinping", "Tập Cận Bình"), ("Li Keqiang", "Lý Khắc Cường"), ("Li Qiang", "Lý Cường"),
    ("Wang Yi", "Vương Nghị"), ("Hu Jintao", "Hồ Cẩm Đào"), ("Wen Jiabao", "Ôn Gia Bảo"),
    ("Kim Jong-un", "Kim Jong Un", "Kim Châng-ưn"), ("Ri Yong-ho", "Ri Yong Ho"),
    ("Kim Yo-jong", "Kim Yo Jong"), ("Choe Son-hui", "Choe Son Hui"),
    ("Moon Jae-in", "Moon Jae In", "Mun Jae-in"), ("Park Geun-hye", "Park Geun Hye"),
    ("Yoon Suk-yeol", "Yoon Suk Yeol"), ("Lee Jae-myung", "Lee Jae Myung"),
    ("Shinzo Abe", "Abe Shinzo"), ("Yoshihide Suga", "Suga Yoshihide"), ("Fumio Kishida", "Kishida Fumio"),
    ("Shigeru Ishiba", "Ishiba Shigeru"), ("Taro Kono", "Kono Taro"), ("Narendra Modi",),
    ("Subrahmanyam Jaishankar", "S. Jaishankar"), ("Imran Khan",), ("Shehbaz Sharif",),
    ("Lee Hsien Loong",), ("Lawrence Wong",), ("Joko Widodo",), ("Prabowo Subianto",),
    ("Rodrigo Duterte",), ("Ferdinand Marcos Jr.", "Bongbong Marcos"), ("Hun Sen",), ("Hun Manet",),
    ("Prayut Chan-o-cha", "Prayuth Chan-ocha"), ("Anwar Ibrahim",), ("Mahathir Mohamad",),
    ("Aung San Suu Kyi",), ("Min Aung Hlaing",), ("Tsai Ing-wen",), ("Scott Morrison",),
    ("Malcolm Turnbull",), ("Anthony Albanese",), ("Penny Wong",), ("Jacinda Ardern",),
    ("Justin Trudeau",),
    # Middle East, Africa, the Americas and international bodies
    ("Bashar al-Assad", "Bashar al Assad"), ("Walid al-Moualem", "Walid Muallem"),
    ("Hassan Rouhani",), ("Ali Khamenei", "Ayatollah Ali Khamenei"), ("Javad Zarif", "Mohammad Javad Zarif"),
    ("Benjamin Netanyahu",), ("Mahmoud Abbas",), ("Mohammed bin Salman",), ("Salman bin Abdulaziz",),
    ("Abdel Fattah el-Sisi", "Abdel Fattah al-Sisi"), ("Cyril Ramaphosa",), ("Jair Bolsonaro",),
    ("Luiz Inácio Lula da Silva", "Lula da Silva"), ("Nicolás Maduro", "Nicolas Maduro"),
    ("Andrés Manuel López Obrador",), ("Juan Carlos Varela",), ("Javier Milei",),
    ("António Guterres", "Antonio Guterres"), ("Ban Ki-moon",), ("Staffan de Mistura",),
    ("Tedros Adhanom Ghebreyesus", "Tedros Adhanom"), ("Christine Lagarde",), ("Kristalina Georgieva",),
    ("Roberto Azevêdo", "Roberto Azevedo"), ("Francis Gurry",), ("Daren Tang",), ("Jürgen Stock", "Jurgen Stock"),
    # Football managers often named without "manager"
    ("Park Hang-seo", "Park Hang Seo"), ("Philippe Troussier",), ("Kim Sang-sik",),
    ("Alex Ferguson",), ("José Mourinho", "Jose Mourinho"), ("Pep Guardiola",), ("Jürgen Klopp", "Jurgen Klopp"),
    ("Arsène Wenger", "Arsene Wenger"), ("Carlo Ancelotti",), ("Steven Gerrard",), ("Brendan Rodgers",),
    ("Gareth Southgate",), ("Didier Deschamps",), ("Mikel Arteta",), ("Erik ten Hag",),
]

# Companies, media and clubs: (Vietnamese name, English name, acronyms),
# the same shape as KNOWN_AGENCIES; the Vietnamese name is the usual one in
# Vietnamese text, often the brand itself.
KNOWN_ORGANISATIONS: list[tuple[str, str, tuple[str, ...]]] = [
    # Vietnamese companies and media
    ("Tập đoàn Dầu khí Việt Nam", "Vietnam Oil and Gas Group", ("PVN", "Petrovietnam")),
    ("Tập đoàn Điện lực Việt Nam", "Vietnam Electricity", ("EVN",)),
    ("Tập đoàn Công nghiệp - Viễn thông Quân đội", "Viettel Group", ("Viettel",)),
    ("Tập đoàn Bưu chính Viễn thông Việt Nam", "Vietnam Posts and Telecommunications Group", ("VNPT",)),
    ("Tập đoàn Than - Khoáng sản Việt Nam", "Vietnam National Coal and Mineral Industries Group", ("TKV", "Vinacomin")),
    ("Tập đoàn Vingroup", "Vingroup", ("Vingroup",)),
    ("Tập đoàn FPT", "FPT Corporation", ("FPT",)),
    ("Tổng công ty Hàng hải Việt Nam", "Vietnam Maritime Corporation", ("Vinalines",)),
    ("Tổng công ty Thuốc lá Việt Nam", "Vietnam National Tobacco Corporation", ("Vinataba",)),
    ("Ngân hàng TMCP Ngoại thương Việt Nam", "Vietcombank", ("Vietcombank",)),
    ("Ngân hàng TMCP Công Thương Việt Nam", "VietinBank", ("VietinBank", "Vietinbank")),
    ("Ngân hàng TMCP Đầu tư và Phát triển Việt Nam", "BIDV", ("BIDV",)),
    ("Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam", "Agribank", ("Agribank",)),
    ("Hãng hàng không Bamboo Airways", "Bamboo Airways", ()),
    ("Đài Truyền hình Việt Nam", "Vietnam Television", ("VTV",)),
    ("Đài Tiếng nói Việt Nam", "Voice of Vietnam", ("VOV",)),
    ("Báo Nhân Dân", "Nhan Dan", ()),
    ("Báo Quân đội nhân dân", "People's Army Newspaper", ("QĐND",)),
    ("Báo Công an nhân dân", "People's Public Security Newspaper", ("CAND",)),
    ("Báo Tuổi Trẻ", "Tuoi Tre", ()),
    ("Báo Thanh Niên", "Thanh Nien", ()),
    ("Báo VnExpress", "VnExpress", ("VnExpress",)),
    ("Báo Vietnamnet", "VietNamNet", ("VietNamNet", "Vietnamnet")),
    # World companies
    ("Toyota", "Toyota Motor Corporation", ()), ("Honda", "Honda Motor", ()), ("Nissan", "Nissan Motor", ()),
    ("Hyundai", "Hyundai Motor Company", ()), ("Kia", "Kia Motors", ()), ("BMW", "BMW", ("BMW",)),
    ("Volkswagen", "Volkswagen Group", ("VW",)), ("Mercedes-Benz", "Mercedes-Benz", ()),
    ("Daimler", "Daimler AG", ()), ("Jaguar Land Rover", "Jaguar Land Rover", ("JLR",)),
    ("Ford Motor", "Ford Motor Company", ()), ("General Motors", "General Motors", ()),
    ("Tesla", "Tesla Inc", ()), ("Boeing", "Boeing", ()), ("Airbus", "Airbus", ()),
    ("Samsung", "Samsung Electronics", ()), ("LG", "LG Electronics", ("LG",)), ("Sony", "Sony", ()),
    ("Apple", "Apple Inc", ()), ("Microsoft", "Microsoft", ()),
    ("Amazon.com", "Amazon.com", ()),
    ("Intel", "Intel", ()), ("Huawei", "Huawei", ()),
    ("ZTE", "ZTE", ("ZTE",)), ("Alibaba", "Alibaba Group", ()), ("Tencent", "Tencent", ()),
    ("Foxconn", "Foxconn", ()), ("Nokia", "Nokia", ()), ("Ericsson", "Ericsson", ()),
    ("Siemens", "Siemens", ()), ("Gazprom", "Gazprom", ()), ("Rosneft", "Rosneft", ()),
    ("ExxonMobil", "ExxonMobil", ()), ("Chevron", "Chevron", ()), ("Royal Dutch Shell", "Shell plc", ()),
    ("BP", "BP", ("BP",)), ("Home Depot", "The Home Depot", ()), ("Walmart", "Walmart", ()),
    ("Goldman Sachs", "Goldman Sachs", ()), ("JPMorgan Chase", "JPMorgan Chase", ()),
    ("Delta Air Lines", "Delta Air Lines", ()), ("United Airlines", "United Airlines", ()),
    ("American Airlines", "American Airlines", ()), ("Singapore Airlines", "Singapore Airlines", ()),
    ("Qatar Airways", "Qatar Airways", ()),
    # World media
    ("Hãng thông tấn AFP", "Agence France-Presse", ()), ("Hãng thông tấn AP", "Associated Press", ("AP",)),
    ("Hãng tin Bloomberg", "Bloomberg", ()), ("Hãng thông tấn Kyodo", "Kyodo News", ()),
    ("Hãng thông tấn Yonhap", "Yonhap", ()), ("Tân Hoa Xã", "Xinhua", ()),
    ("Hãng thông tấn TASS", "TASS", ("TASS",)), ("Hãng thông tấn KCNA", "Korean Central News Agency", ("KCNA",)),
    ("Đài ABC", "ABC News", ()), ("Đài Al Jazeera", "Al Jazeera", ()), ("Đài RT", "RT", ()),
    ("Đài NHK", "NHK", ("NHK",)), ("Đài Sky News", "Sky News", ()), ("Đài CNBC", "CNBC", ("CNBC",)),
    ("Đài NBC News", "NBC News", ()), ("Đài CBS News", "CBS News", ()), ("Đài MSNBC", "MSNBC", ("MSNBC",)),
    ("Đài BBC Radio 4", "BBC Radio 4", ()), ("Đài Deutsche Welle", "Deutsche Welle", ()),
    ("The Guardian", "The Guardian", ()), ("The Times", "The Times", ()), ("The Telegraph", "The Daily Telegraph", ()),
    ("Financial Times", "Financial Times", ()), ("The Economist", "The Economist", ()),
    ("Politico", "Politico", ()), ("Axios", "Axios", ()), ("The Hill", "The Hill", ()),
    ("USA Today", "USA Today", ()), ("Los Angeles Times", "Los Angeles Times", ()),
    ("Nikkei", "Nikkei", ()), ("Thời báo Hoàn Cầu", "Global Times", ()),
    ("Nhân dân Nhật báo", "People's Daily", ()), ("Bưu điện Hoa Nam Buổi sáng", "South China Morning Post", ("SCMP",)),
    ("Straits Times", "The Straits Times", ()),
    # Football clubs
    ("Manchester United", "Manchester United", ()), ("Manchester City", "Manchester City", ()),
    ("Arsenal", "Arsenal", ()), ("Chelsea", "Chelsea", ()), ("Tottenham Hotspur", "Tottenham Hotspur", ()),
    ("Real Madrid", "Real Madrid", ()), ("Atletico Madrid", "Atlético Madrid", ()),
    ("Bayern Munich", "Bayern Munich", ()), ("Borussia Dortmund", "Borussia Dortmund", ()),
    ("Juventus", "Juventus", ()), ("AC Milan", "AC Milan", ()), ("Inter Milan", "Inter Milan", ()),
    ("Paris Saint-Germain", "Paris Saint-Germain", ("PSG",)), ("Celtic", "Celtic", ()),
    ("Rangers", "Rangers", ()),
    ("Hoàng Anh Gia Lai", "Hoang Anh Gia Lai", ("HAGL",)),
    ("Hà Nội FC", "Hanoi FC", ()), ("Viettel FC", "Viettel FC", ()),
]
KNOWN_AGENCIES += KNOWN_ORGANISATIONS

# Words after a company's name that make a branch of it ("Toyota UK").
BRANCH_SUFFIXES = _keys("""
uk
us
usa
vietnam
việt nam
japan
china
europe
asia
""")

# English words that end a company, media or club name ("United Airlines",
# "Trump Organization", "Hanoi FC"), also when they stand in Vietnamese text.
ORG_TAILS_EN = _keys("""
airlines
airways
air lines
organization
organisation
group
motors
motor
corporation
corp
inc
inc.
ltd
ltd.
llc
plc
fc
news
radio
television
tv
times
post
online
holdings
media
bank
university
college
institute
foundation
""")

# Capitalised runs ending in a tail that are countries, not bodies.
NOT_AGENCIES = _keys("""
soviet union
the soviet union
united states
united kingdom
united arab emirates
""")

# Lowercase words that qualify a title before the name or portfolio
# ("Giám đốc thể chất", "huấn luyện viên bóng rổ", "giám đốc điều hành").
TITLE_QUALIFIERS_VI = _keys("""
điều hành
thường trực
phụ trách
thể chất
thể thao
bóng đá
bóng rổ
trưởng
kỹ thuật
tài chính
tạm quyền
thành phố
đặc khu
bang
hạt
""")


# --- broader lists (general office words, figures, bodies, media) ------------

# More Vietnamese office words and ranks that stand before a name.
TITLES_VI |= _keys("""
tổng thư ký
nhà lập pháp
nhà làm luật
cảnh sát điều tra
thanh tra viên
chánh thanh tra
tổng thanh tra
tổng kiểm toán
kiểm toán trưởng
trưởng đồn
đồn trưởng
chỉ huy trưởng
chỉ huy phó
tham mưu trưởng
tổng tham mưu trưởng
chính trị viên
đội trưởng
tiểu đoàn trưởng
trung đoàn trưởng
lữ đoàn trưởng
sư đoàn trưởng
đại đội trưởng
hạm trưởng
cơ trưởng
trưởng khoa
trưởng trạm
trưởng đại diện
trưởng văn phòng
trưởng cơ quan đại diện
bí thư thứ nhất
thống đốc ngân hàng
thủ hiến
tỉnh trưởng
tổng đốc
cảnh sát trưởng
đô đốc
chuẩn đô đốc
thống chế
nguyên soái
trung sĩ
thượng sĩ
hạ sĩ
chủ tịch công đoàn
trợ lý
cố vấn
cố vấn an ninh quốc gia
người đứng đầu
phó thủ tướng
""")

# Titles that end with the unit they head: "Trưởng phòng Cảnh sát hình sự"
# names "Phòng Cảnh sát hình sự" (title key -> the unit's head word).
UNIT_TITLES_VI: dict[str, str] = {
    key("trưởng phòng"): "Phòng",
    key("chánh văn phòng"): "Văn phòng",
    key("trưởng văn phòng"): "Văn phòng",
    key("trưởng ban"): "Ban",
    key("trưởng đoàn"): "Đoàn",
    key("trưởng đồn"): "Đồn",
    key("chánh thanh tra"): "Thanh tra",
}

# Portfolios that make an office with "minister", "secretary", ... ("health
# secretary", "shadow chancellor" comes from the modifier "shadow").
_PORTFOLIOS_EN = """
health
justice
trade
economy
economic
transport
transportation
education
environment
immigration
culture
brexit
labour
labor
commerce
agriculture
housing
homeland security
veterans affairs
communications
industry
tourism
sports
information
treasury
home
foreign
defence
defense
interior
energy
finance
business
international development
digital
science
security
northern ireland
scotland
scottish
wales
welsh
work and pensions
equalities
women
intelligence
national security
public security
climate
"""
_OFFICE_WORDS_EN = ("minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "chief",
                     "commissioner", "adviser", "advisor", "critic", "committee chairman")
TITLES_EN |= frozenset(f"{p} {o}" for p in _keys(_PORTFOLIOS_EN) for o in _OFFICE_WORDS_EN)
TITLES_EN |= _keys("""
lawmaker
legislator
parliamentarian
mp
mep
assemblyman
assemblywoman
councillor
councilor
councilman
councilwoman
alderman
first minister
president-elect
chief of staff
national security adviser
national security advisor
adviser
advisor
attorney
district attorney
u.s. attorney
solicitor general
counsel
magistrate
coroner
warden
governor-general
sheriff
marshal
detective
detective inspector
detective chief inspector
detective sergeant
detective superintendent
detective constable
inspector
chief inspector
superintendent
chief superintendent
sergeant
constable
chief constable
police commissioner
officer
police officer
commander
admiral
rear admiral
vice admiral
lieutenant
second lieutenant
first lieutenant
brigadier
brigadier general
field marshal
air marshal
corporal
trooper
dean
provost
rector
vice-chancellor
chairperson
chair
treasurer
comptroller
auditor general
ombudsman
registrar
president and chief executive
chief financial officer
chief technology officer
founder
executive
director of communications
communications director
press officer
party leader
deputy leader
whip
chief whip
mayor-elect
governor-elect
state senator
state representative
delegate
envoy
high commissioner
secretary-general
secretary general
under secretary
undersecretary
assistant secretary
deputy secretary
permanent secretary
chancellor of the exchequer
""")
TITLE_MODIFIERS_EN |= _keys("""
shadow
chief
senior
top
spanish
catalan
scottish
irish
welsh
english
european
mexican
brazilian
italian
dutch
swedish
norwegian
polish
pakistani
afghan
iraqi
saudi
egyptian
philippine
thai
indonesian
malaysian
singaporean
taiwanese
state
federal
regional
local
labour
conservative
tory
democratic
republican
""")

# Office words that count only in apposition ("X, a senior official with Y").
APPOSITION_TITLES_EN = _keys("""
official
aide
diplomat
""")

# Heads that take lowercase descriptors before their proper name or place:
# "đồn biên phòng cửa khẩu quốc tế Nậm Cắn", "Trường tiểu học xã Tây Sơn",
# "bộ thống nhất Hàn Quốc", "quân đội nhân dân Việt Nam".
DESCRIPTOR_HEADS_VI = _keys("""
trường
đồn
đồn biên phòng
bộ đội biên phòng
đoàn
phái bộ
phái đoàn
quân đội
đội
bộ
cục
tổng cục
viện
học viện
trung tâm
bệnh viện
bộ tư lệnh
""")
AGENCY_HEADS_VI |= _keys("""
đồn
đồn biên phòng
bộ đội biên phòng
đoàn
phái bộ
phái đoàn
đội
thường vụ
không lực
cảnh sát biển
lực lượng cảnh sát biển
cảnh sát điều tra
cơ quan cảnh sát điều tra
đội tuyển
tổng hội
""")
AGENCY_INNER_VI |= _keys("""
biên phòng
cửa khẩu
gìn giữ
hòa bình
tiểu học
trung học
trung học cơ sở
trung học phổ thông
mầm non
đa khoa
công nghiệp
""")
PLACE_LEVELS_VI |= _keys("""
miền
""")

# Cue words for a medium or company named right after them ("tờ Sunday
# Telegraph", "hãng Air Canada"); "trên"/"theo" only before a known outlet.
MEDIA_CUES_VI = _keys("""
tờ
hãng
""")
KNOWN_MEDIA_CUES_VI = _keys("""
trên
theo
báo
tờ
""")

# Demonyms and regions that stand next to a title, never a person's name.
PLACES |= _keys("""
bắc mỹ
nam mỹ
trung mỹ
mỹ latinh
mỹ la tinh
châu đại dương
bắc âu
đông âu
tây âu
trung á
bắc phi
bắc cực
nam cực
vùng vịnh
caribe
caribbean
balkan
scandinavia
catalan
catalonia
basque
scotland
wales
england
britain
anh
xứ wales
scottish
welsh
european
châu âu
""")

KNOWN_OFFICIALS += [
    ("George W. Bush", "George Bush"), ("George H. W. Bush",), ("Bill Clinton",), ("Jimmy Carter",),
    ("Ronald Reagan",), ("Dick Cheney",), ("Al Gore",), ("Condoleezza Rice",), ("Colin Powell",),
    ("Mike Mullen",), ("Mark Milley",), ("Jim Jordan",),
    ("Jeff Flake",), ("Susan Collins",), ("Lisa Murkowski",), ("Joe Manchin",), ("Rand Paul",),
    ("Kevin Brady",), ("Steny Hoyer",), ("Adam Schiff",), ("Devin Nunes",), ("Mark Meadows",),
    ("Stephen Miller",), ("Kellyanne Conway",), ("Jared Kushner",), ("Ivanka Trump",),
    ("Alex Azar",), ("Ben Carson",), ("Rick Perry",), ("Elaine Chao",), ("Sonny Perdue",),
    ("Alexander Acosta",), ("Scott Pruitt",), ("Andrew Wheeler",), ("Dan Coats",), ("Gina Haspel",),
    ("Tony Blair",), ("Gordon Brown",), ("Jeremy Corbyn",), ("John McDonnell",), ("Nicola Sturgeon",),
    ("Alex Salmond",), ("Michael Gove",), ("David Davis",), ("Amber Rudd",), ("Gavin Williamson",),
    ("Jacob Rees-Mogg",), ("Nigel Farage",), ("Vince Cable",), ("Arlene Foster",), ("Sadiq Khan",),
    ("Emily Thornberry",), ("Diane Abbott",), ("John Bercow",), ("Leo Varadkar",),
    ("Carles Puigdemont",), ("Quim Torra",), ("Mariano Rajoy",), ("Nicolas Sarkozy",),
    ("Jacques Chirac",), ("Matteo Salvini",), ("Sebastian Kurz",), ("Alexis Tsipras",),
    ("Andrzej Duda",), ("Antonio Tajani",),
    ("Kim Jong-il", "Kim Jong Il"), ("Kim Il-sung", "Kim Il Sung"), ("Kim Yong-chol", "Kim Yong Chol"),
    ("Kang Kyung-wha", "Kang Kyung Wha"), ("Lee Nak-yon", "Lee Nak Yon"), ("Cho Myoung-gyon",),
    ("Chung Eui-yong",), ("Suh Hoon",), ("Shinzo Abe",), ("Taro Aso",), ("Yoshihide Suga",),
    ("Najib Razak",), ("Prayut Chan-o-cha",),
    ("Vladimir Zhirinovsky",), ("Ramzan Kadyrov",), ("Mohammad bin Salman",), ("Hassan Nasrallah",),
    ("Abu Bakr al-Baghdadi",), ("Ashraf Ghani",), ("Hamid Karzai",), ("Haider al-Abadi",),
    ("Juan Guaidó", "Juan Guaido"), ("Enrique Peña Nieto", "Enrique Pena Nieto"),
    ("Mauricio Macri",), ("Michel Temer",), ("Dilma Rousseff",), ("Evo Morales",), ("Raúl Castro", "Raul Castro"),
    ("Fidel Castro",), ("Miguel Díaz-Canel", "Miguel Diaz-Canel"), ("Chrystia Freeland",),
    ("Paul Kagame",), ("Muhammadu Buhari",), ("Uhuru Kenyatta",), ("Jacob Zuma",), ("Robert Mugabe",),
    ("Emmerson Mnangagwa",), ("Recep Erdogan",), ("Mevlut Cavusoglu", "Mevlüt Çavuşoğlu"),
    ("Kofi Annan",), ("Jim Yong Kim",),
]

# More bodies, media and non-governmental organisations (same shape as
# KNOWN_AGENCIES): federal agencies, EU institutions, NGOs and outlets.
KNOWN_AGENCIES += [
    ("Cơ quan Thực thi Di trú và Hải quan Mỹ", "Immigration and Customs Enforcement", ("ICE",)),
    ("Cơ quan Hải quan và Bảo vệ Biên giới Mỹ", "Customs and Border Protection", ("CBP",)),
    ("Bộ Y tế và Dịch vụ Nhân sinh Mỹ", "Department of Health and Human Services", ("HHS",)),
    ("Cục Hàng không Liên bang Mỹ", "Federal Aviation Administration", ("FAA",)),
    ("Cơ quan Quản lý Thực phẩm và Dược phẩm Mỹ", "Food and Drug Administration", ("FDA",)),
    ("Trung tâm Kiểm soát và Phòng ngừa Dịch bệnh Mỹ", "Centers for Disease Control and Prevention", ("CDC",)),
    ("Cơ quan Bảo vệ Môi trường Mỹ", "Environmental Protection Agency", ("EPA",)),
    ("Cơ quan Hàng không Vũ trụ Mỹ", "National Aeronautics and Space Administration", ("NASA",)),
    ("Cơ quan Phòng chống Ma túy Mỹ", "Drug Enforcement Administration", ("DEA",)),
    ("Cơ quan An ninh Quốc gia Mỹ", "National Security Agency", ("NSA",)),
    ("Cục Quản lý Tình trạng Khẩn cấp Liên bang Mỹ", "Federal Emergency Management Agency", ("FEMA",)),
    ("Sở Thuế vụ Mỹ", "Internal Revenue Service", ("IRS",)),
    ("Cục Dự trữ Liên bang Mỹ", "Federal Reserve", ("Fed",)),
    ("Ủy ban Chứng khoán và Giao dịch Mỹ", "Securities and Exchange Commission", ("SEC",)),
    ("Nghị viện châu Âu", "European Parliament", ()),
    ("Ủy ban châu Âu", "European Commission", ()),
    ("Hội đồng châu Âu", "European Council", ()),
    ("Tòa án Công lý châu Âu", "European Court of Justice", ("ECJ",)),
    ("Ngân hàng Trung ương châu Âu", "European Central Bank", ("ECB",)),
    ("Bộ đội Biên phòng Việt Nam", "Vietnam Border Guard", ("BĐBP",)),
    ("Tổ chức Tầm nhìn Thế giới", "World Vision", ()),
    ("Hội Chữ thập đỏ", "Red Cross", ()),
    ("Ủy ban Chữ thập đỏ Quốc tế", "International Committee of the Red Cross", ("ICRC",)),
    ("Tổ chức Ân xá Quốc tế", "Amnesty International", ()),
    ("Tổ chức Theo dõi Nhân quyền", "Human Rights Watch", ("HRW",)),
    ("Tổ chức Oxfam", "Oxfam", ()),
    ("Tổ chức Cứu trợ Trẻ em", "Save the Children", ()),
    ("Tổ chức Bác sĩ không biên giới", "Médecins Sans Frontières", ("MSF",)),
    ("Quỹ Nhi đồng Liên Hợp Quốc", "UNICEF", ("UNICEF",)),
    ("Tổ chức Y tế Thế giới", "World Health Organization", ("WHO",)),
    ("Cao ủy Liên Hợp Quốc về người tị nạn", "UNHCR", ("UNHCR",)),
    ("Báo Tiền Phong", "Tien Phong", ()),
    ("Báo Lao Động", "Lao Dong", ()),
    ("Báo Người Lao Động", "Nguoi Lao Dong", ()),
    ("Báo Dân trí", "Dan Tri", ()),
    ("Báo Sài Gòn Giải Phóng", "Saigon Giai Phong", ("SGGP",)),
    ("Báo Pháp Luật TP.HCM", "Phap Luat TP.HCM", ()),
    ("Báo Hà Nội Mới", "Hanoi Moi", ()),
    ("Báo An ninh Thủ đô", "An Ninh Thu Do", ()),
    ("Báo Đại Đoàn Kết", "Dai Doan Ket", ()),
    ("Báo Giao thông", "Giao Thong", ()),
    ("Báo Tin tức", "Tin Tuc", ()),
    ("Báo Zing", "Zing News", ()),
    ("Báo Vietnamplus", "VietnamPlus", ()),
    ("Báo Người Đưa Tin", "Nguoi Dua Tin", ()),
    ("Báo Đời sống và Pháp luật", "Doi Song Phap Luat", ()),
    ("Báo Kinh tế và Đô thị", "Kinh Te Do Thi", ()),
    ("Báo Nông nghiệp Việt Nam", "Nong Nghiep Viet Nam", ()),
    ("Báo Giáo dục và Thời đại", "Giao Duc Thoi Dai", ()),
    ("Báo Thể thao và Văn hóa", "The Thao Van Hoa", ()),
    ("Báo Sunday Telegraph", "The Sunday Telegraph", ()),
    ("Báo Sunday Times", "The Sunday Times", ()),
    ("Báo Daily Mail", "Daily Mail", ()),
    ("Báo Mail on Sunday", "The Mail on Sunday", ()),
    ("Báo The Sun", "The Sun", ()),
    ("Báo Daily Mirror", "Daily Mirror", ()),
    ("Báo The Independent", "The Independent", ()),
    ("Báo Evening Standard", "Evening Standard", ()),
    ("Báo Le Monde", "Le Monde", ()),
    ("Báo Asahi Shimbun", "Asahi Shimbun", ()),
    ("Báo Yomiuri Shimbun", "Yomiuri Shimbun", ()),
    ("Báo Chosun Ilbo", "Chosun Ilbo", ()),
    ("Báo New York Post", "New York Post", ()),
]
KNOWN_AGENCIES += [
    ("Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism", ()),
    # Technology companies the news names by one word.
    ("Google", "Google", ()), ("IBM", "IBM", ("IBM",)), ("Oracle", "Oracle", ()), ("Qualcomm", "Qualcomm", ()),
    ("Nvidia", "Nvidia", ()), ("Xiaomi", "Xiaomi", ()), ("Lenovo", "Lenovo", ()), ("Netflix", "Netflix", ()),
    ("Uber", "Uber", ()), ("Baidu", "Baidu", ()), ("ByteDance", "ByteDance", ()), ("Cisco", "Cisco", ()),
]
# The ministries as the press abbreviates them ("Bộ GD&ĐT", "Bộ GTVT").
AGENCY_ALIASES.update({
    "Bộ GD-ĐT": "Bộ Giáo dục và Đào tạo", "Bộ GDĐT": "Bộ Giáo dục và Đào tạo",
    "Bộ GTVT": "Bộ Giao thông Vận tải", "Bộ Giao thông - Vận tải": "Bộ Giao thông Vận tải",
    "Bộ LĐ-TB&XH": "Bộ Lao động - Thương binh và Xã hội", "Bộ LĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "Bộ NN&PTNT": "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ NNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ TN&MT": "Bộ Tài nguyên và Môi trường", "Bộ TNMT": "Bộ Tài nguyên và Môi trường",
    "Bộ KH&ĐT": "Bộ Kế hoạch và Đầu tư", "Bộ KHĐT": "Bộ Kế hoạch và Đầu tư",
    "Bộ KH&CN": "Bộ Khoa học và Công nghệ", "Bộ KHCN": "Bộ Khoa học và Công nghệ",
    "Bộ TT&TT": "Bộ Thông tin và Truyền thông", "Bộ TTTT": "Bộ Thông tin và Truyền thông",
    "Bộ VH-TT&DL": "Bộ Văn hóa, Thể thao và Du lịch", "Bộ VHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Văn hóa - Thể thao và Du lịch": "Bộ Văn hóa, Thể thao và Du lịch",
})
AGENCY_ALIASES.update({
    "Báo VOV": "Đài Tiếng nói Việt Nam",
    "Bộ đội biên phòng": "Bộ đội Biên phòng Việt Nam",
    "Fed": "Cục Dự trữ Liên bang Mỹ",
})
# Head words a medium's name carries in Vietnamese ("Báo Thanh Niên").
MEDIA_HEADS_VI = _keys("""
báo
tờ
đài
hãng thông tấn
hãng tin
thời báo
nhật báo
tạp chí
""")


# What a head may not be followed by alone: "UBND TP" (which city?),
# "trường THPT" (which school?), "Cục Quản lý" (of what?) are fragments.
GENERIC_REMAINDERS_VI = _keys("""
tp
tp.
tỉnh
thành phố
huyện
quận
xã
phường
thị xã
thị trấn
quản lý
nghiên cứu
thpt
thcs
ptth
đh
cđ
tiểu học
mầm non
trung học
đại học
cao đẳng
giao thông
""")
# Words a name cannot end on ("Sở Giáo dục và"): the rest was cut.
NAME_LINKS_VI = frozenset({"và", "của", "tại", "ở", "&", "-", "–", ","})


# --- people: one name, different people ---------------------------------------

# Roles of a field of their own: a doctor or a school head named like a
# minister is another person ("Lê Quốc Hùng (y tế)" is not the Deputy
# Minister); a role of public office, or none, leaves the name alone.  A role
# is in a field when one of these words opens it or follows its modifier.
# Sport is not one: a coach is named bare far more often than with his role
# ("Park Hang-seo"), and one person would become two entries.
ROLE_FIELDS: dict[str, str] = {}
for _field, _words in (
    ("y tế", "bác sĩ|bác sỹ|bs|trưởng khoa|phó trưởng khoa|phó khoa|điều dưỡng|y tá|dược sĩ|lương y|"
             "doctor|surgeon|nurse|physician"),
    ("giáo dục", "hiệu trưởng|phó hiệu trưởng|giáo viên|cô giáo|thầy giáo|headteacher|principal"),
):
    for _w in _words.split("|"):
        ROLE_FIELDS[key(_w)] = _field


# --- countries: whose body a bare "Bộ Quốc phòng" or "Chính phủ" is ----------

# Country names as Vietnamese news writes them -> the name shown after a
# body ("Bộ Quốc phòng Nga"); Vietnam itself is "Việt Nam".
COUNTRIES: dict[str, str] = {}
COUNTRY_SPELLINGS: dict[str, tuple[str, ...]] = {}  # as written, for finding them in a text
for _line in """
Việt Nam|VN|Vietnam
Mỹ|Hoa Kỳ|Hoa Kì|United States|US|U.S.
Nga|Liên bang Nga|Russia
Trung Quốc|China
Nhật Bản|Nhật|Japan
Hàn Quốc|South Korea
Triều Tiên|North Korea|CHDCND Triều Tiên
Anh|Vương quốc Anh|Britain|UK
Pháp|France
Đức|Germany
Ý|Italia|Italy
Tây Ban Nha|Spain
Syria
Iran
Iraq
Israel
Palestine
Thổ Nhĩ Kỳ|Turkey
Ả Rập Saudi|Saudi Arabia|Arab Saudi
Ai Cập|Egypt
Ấn Độ|India
Pakistan
Afghanistan
Thái Lan|Thailand
Malaysia
Singapore
Indonesia
Philippines
Campuchia|Cambodia
Lào|Laos
Myanmar
Đài Loan|Taiwan
Australia|Úc|Austrlia
New Zealand
Canada
Mexico
Brazil
Argentina
Venezuela
Cuba
Paraguay
Colombia
Chile
Peru
Ukraine
Ba Lan|Poland
Hà Lan|Netherlands
Bỉ|Belgium
Thụy Điển|Thuỵ Điển|Sweden
Na Uy|Norway
Phần Lan|Finland
Đan Mạch|Denmark
Thụy Sĩ|Thuỵ Sĩ|Switzerland
Áo|Austria
Hy Lạp|Greece
Bồ Đào Nha|Portugal
Ireland
Scotland
Nam Phi|South Africa
Nigeria
Kenya
Libya
Yemen
Qatar
UAE|Các Tiểu vương quốc Ả Rập Thống nhất
Jordan
Lebanon|Liban
Kuwait
Bangladesh
Sri Lanka
Nepal
Mông Cổ|Mongolia
Kazakhstan
Belarus
Serbia
Hungary
Séc|Czech
Romania
Bulgaria
""".strip().splitlines():
    _names = _line.split("|")
    COUNTRY_SPELLINGS[_names[0]] = tuple(_names)
    for _n in _names:
        COUNTRIES.setdefault(key(_n), _names[0])
# Every country written in full is a place too (a name or a body's name ends
# at it: "quân đội Nepal Gokul Bhandaree").  Not the one-syllable names that
# are also words or given names ("Ý", "Áo", "Nhật"), nor acronyms, nor
# "Jordan" (a given name as often as the country).
PLACES |= frozenset(k for k in COUNTRIES if (len(k.split()) >= 2 or (k.isalpha() and k.isascii() and len(k) > 3))
                    and k != "jordan")
# Bodies every country has, named bare in a story about one of them: whose
# they are is read from the story ("Chính phủ" in a Syrian war story is
# Syria's); "bộ" + a portfolio counts too.
NATIONAL_BODIES_VI = _keys("""
chính phủ
quốc hội
hạ viện
thượng viện
nội các
tòa án tối cao
hải quân
không quân
lục quân
quân đội
""")
# ... and those Vietnam has none of: never Vietnam's, whatever the story.
FOREIGN_ONLY_BODIES_VI = _keys("""
hạ viện
thượng viện
nội các
""")
# A story that writes one of these is (also) about Vietnam.
# (Places, bodies only Vietnam has, its police and courts, its currency.)
VIETNAM_CUES = ("Việt Nam", "VN", "Hà Nội", "TP.HCM", "TP HCM", "TP. HCM", "Hồ Chí Minh", "Đà Nẵng",
                "UBND", "HĐND", "Tỉnh uỷ", "Tỉnh ủy", "Thành uỷ", "Thành ủy", "Trung ương Đảng",
                "Thanh tra Chính phủ", "Thường vụ Quốc hội", "Ban Bí thư", "Mặt trận Tổ quốc", "MTTQ",
                "Quân uỷ Trung ương", "Quân ủy Trung ương", "CSGT", "Công an tỉnh", "Công an huyện",
                "Công an quận", "Công an TP", "Công an phường", "Công an xã", "TAND", "VKSND",
                "triệu đồng", "tỷ đồng", "nghìn đồng")
# Share of a story's country mentions, and mentions at least, one country
# needs to be the story's country.
DOMINANT_COUNTRY_SHARE = 0.6
DOMINANT_COUNTRY_MENTIONS = 3


# --- media: the sources a story cites are their own kind, not agencies -------

# Heads that make a name a medium ("Báo Thanh Niên", "hãng tin Reuters",
# "Đài CNN"); "đài" is also a weather or control station, see below.
MEDIA_NAME_HEADS_VI = _keys("""
báo
tờ
tờ báo
đài
kênh
hãng tin
hãng thông tấn
thông tấn xã
thời báo
nhật báo
tuần báo
tạp chí
trang tin
trang
""")
# What "đài" heads when it is not a broadcaster.
NOT_MEDIA_AFTER_DAI = _keys("""
khí tượng
khí tượng thủy văn
thiên văn
quan sát
kiểm soát
chỉ huy
tưởng niệm
liệt sĩ
""")
# English name tails of media ("Fox News", "Financial Times").
MEDIA_TAILS_EN = _keys("""
news
times
post
journal
herald
telegraph
tribune
gazette
daily
chronicle
mail
mirror
express
radio
tv
television
broadcasting
magazine
weekly
online
insider
observer
standard
""")
# Outlets known by a name with no head or tail that says so, as written.
_MEDIA_NAMES_TEXT = """
Reuters
AP
Associated Press
Bloomberg
Newsweek
Boston Globe
People's Daily
Telegraph
Yonhap
Kyodo
Jiji
Xinhua
Tân Hoa Xã
TASS
RIA Novosti
Sputnik
Interfax
KCNA
TTXVN
Thông tấn xã Việt Nam
VNA
Bernama
Antara
CNN
BBC
CBS
NBC
ABC
CNBC
MSNBC
NPR
PBS
RT
NHK
KBS
MBC
SBS
YTN
CCTV
VTV
VOV
VTC
VOA
RFA
RFI
DW
Deutsche Welle
Al Jazeera
Al Arabiya
Anadolu
IRNA
Fars
Tasnim
Euronews
France 24
Sky News
Politico
Axios
The Hill
Newsweek
Forbes
Breitbart
Bild
Der Spiegel
Spiegel
Le Figaro
Le Monde
Nikkei
Asahi
Yomiuri
Mainichi
Hankyoreh
JoongAng
Chosun
SCMP
WSJ
Global Times
Hoàn Cầu
China Daily
Sina
Phượng Hoàng
Inquirer
Rappler
Dawn
VnExpress
Vietnamnet
VietNamNet
VietnamPlus
Zing
Zing.vn
Kênh14
Soha
Infonet
Dân trí
Tuổi Trẻ
Thanh Niên
Lao Động
Tiền Phong
Người Lao Động
Người Đưa Tin
Nhân Dân
Pháp luật TP.HCM
Phụ nữ
Một Thế Giới
Ngôi sao
Giao thông
Tin tức
"""
MEDIA_NAMES = _keys(_MEDIA_NAMES_TEXT)
MEDIA_SPELLINGS = tuple(line.strip() for line in _MEDIA_NAMES_TEXT.strip().splitlines() if line.strip())
# Known bodies (``KNOWN_AGENCIES``, by Vietnamese name) that are media
# although no head word says so.
KNOWN_MEDIA_ENTRIES = _keys("""
The Guardian
The Times
The Telegraph
Financial Times
The Economist
Politico
Axios
The Hill
USA Today
Los Angeles Times
Nikkei
Straits Times
Bưu điện Washington
Bưu điện Hoa Nam Buổi sáng
Nhân dân Nhật báo
Tân Hoa Xã
Thông tấn xã Việt Nam
Đài Truyền hình Việt Nam
Đài Tiếng nói Việt Nam
""")
# English words around a name that cite it as a news outlet: "as cited by
# X", "according to the X", "X reported", "sites such as X and Y".
NEWS_CUES_BEFORE_EN = _keys("""
cited by
according to
reported by
quoted by
told
in an interview with
""")
NEWS_CUES_AFTER_EN = _keys("""
reported
reports
has reported
first reported
said in a report
""")
MEDIA_PLURALS_EN = _keys("""
sites
websites
outlets
news outlets
media
newspapers
papers
publications
networks
broadcasters
""")

# News-agency cues around an ambiguous acronym ("theo AFP", "hãng tin
# AFP", "AFP đưa tin", "Ảnh: AFP"): the acronym is the outlet there.
NEWS_CUES_BEFORE_VI = _keys("""
theo
hãng tin
hãng thông tấn
thông tấn
ảnh
nguồn
phóng viên
pv
trả lời
nói với
báo
trang
""")
NEWS_CUES_AFTER_VI = _keys("""
đưa tin
dẫn
dẫn lời
trích dẫn
đăng tải
""")


# Whom a bare surname means in the news when the release gives no full name
# and several known figures share it (a surname only one known figure has
# needs no entry: it is looked up in KNOWN_OFFICIALS).
SURNAME_REFERENTS: dict[str, str] = {
    "Trump": "Donald Trump",
    "Pompeo": "Mike Pompeo",
    "Erdogan": "Recep Tayyip Erdogan",
    "Abe": "Shinzo Abe",
    "Suga": "Yoshihide Suga",
    "Salman": "Mohammed bin Salman",
    "Assad": "Bashar al-Assad",
    # Two figures the news names by it ("cựu Ngoại trưởng Clinton" is Hillary): none.
    "Clinton": "",
}

# People known by one name: any other one-word "official" is a word the
# rules took for a name ("Văn", "Đoàn", "Cảng", "Nhật") and is dropped.
SINGLE_NAMES = frozenset({"Jokowi", "Suharto", "Sukarno", "Megawati", "Pelé", "Pele", "Ronaldinho", "Neymar"})


# --- small word lists of the entity rules (searcher.entities) ---------------
# Written as plain sets: the rules compare them with ``key()`` forms or with
# the words as written, so each entry is given exactly as the rules expect.

# Forms of address stripped from the front of a name ("Mr Goldsmith" after
# "Ông"); a bare surname met only after one names no one.
ADDRESS_WORDS = frozenset({"mr", "mrs", "ms", "miss", "dr", "ông", "bà"})

# Vietnamese forms of address: a title that is only one of these does not
# make a one-word name an official, nor is it a title in apposition.
ADDRESS_VI = frozenset({"ông", "bà", "đồng chí"})

# What a Vietnamese story writes right after a private person's name: a
# birth year ("(SN 1979)", "sinh năm"), a home ("ngụ", "trú") or a
# description that is no office ("nhà nghiên cứu", "tình nguyện viên").
# "ông X" / "bà X" so described names no official.
PRIVATE_AFTER_VI = _keys("""
sn
sinh năm
ngụ
trú
tạm trú
thường trú
quê
nhà nghiên cứu
chuyên gia
nhà phân tích
tình nguyện viên
nghi phạm
nghi can
bị can
bị cáo
nạn nhân
người dân
cư dân
nông dân
tài xế
""")

# English forms of address: they end a run of capitalised words before them
# and are no title in apposition.
ADDRESS_EN = frozenset({"mr", "mrs", "ms", "miss"})

# Two spellings of one romanised name ("Yoo Jae-seong" = "Yu Jae-seong"):
# each pair is replaced in a folded key, in this order.
ROMANISATIONS = (("oo", "u"), ("ou", "u"), ("ee", "i"), ("eo", "o"), ("ey ", "ei "), ("-", " "), (".", " "))

# Armed forces' heads: the name after them is a country's ("hải quân Mỹ",
# "Cảnh sát biển Việt Nam"), never a base's or a region's ("căn cứ không
# quân Al Asad", "Cảnh sát biển Vùng 2").  Capitalised "Hải quân ..." keeps
# the usual rules (a unit's own name).
COUNTRY_ONLY_HEADS_VI = frozenset({"hải quân", "lục quân", "không quân", "không lực", "cảnh sát biển",
                                   "lực lượng cảnh sát biển", "đội tuyển"})
COUNTRY_ONLY_ALWAYS_VI = frozenset({"không lực", "cảnh sát biển", "lực lượng cảnh sát biển"})

# Lowercase heads that still open a name when a proper name follows
# ("cục Hàng không Việt Nam", "bộ Công an", "công an huyện Thọ Xuân").
LOWER_HEADS_VI = frozenset({"bộ", "cục", "tổng cục", "sở", "công an", "cảnh sát", "tòa án", "công ty",
                            "tập đoàn", "tổng công ty", "trường", "đồn", "đồn biên phòng",
                            "bộ đội biên phòng", "phái bộ", "phái đoàn", "quân đội", "đội", "ngân hàng",
                            "đảng", "đại học", "trường đại học"}) | COUNTRY_ONLY_HEADS_VI

# Company forms between "Công ty" and its capitalised name ("Công ty cổ phần X").
COMPANY_FORMS_VI = frozenset({"cổ phần", "tnhh", "cp", "trách nhiệm hữu hạn", "cổ phần đầu tư"})

# Particles inside foreign names ("Staffan de Mistura", "Ludwig van Beethoven").
NAME_PARTICLES = frozenset({"de", "da", "di", "van", "von", "der", "bin", "ibn", "la", "le", "du"})

# Lowercase words that keep a title's role open when a capitalised word
# follows: "Tổng lãnh sự tại Sydney X", "Đặc phái viên của Liên Hợp Quốc X".
ROLE_LINKS = frozenset({"và", "&", "của", "tại", "ở", "of"})

# Words after a title that take a lowercase field up to the name:
# "phụ trách chính trị", "kiêm nhiệm".
ROLE_TAIL_WORDS_VI = frozenset({"phụ trách", "kiêm", "kiêm nhiệm", "về"})

# Lowercase media words before a name ("đài WAFB", "tờ Tuổi Trẻ"): the name is the body.
MEDIA_WORDS_VI = frozenset({"đài", "kênh", "báo", "tờ", "hãng tin", "hãng thông tấn"})

# Head words a known outlet is also named without ("Thanh Niên" of "Báo Thanh Niên").
OUTLET_HEADS_VI = ("báo", "tờ", "đài", "hãng thông tấn", "hãng tin")

# How high a place level stands (ward 1 ... province 4, region 5): a higher
# level after a comma locates the place before it ("phường Lê Lợi, TP. Vinh").
PLACE_LEVEL_RANKS_VI = {"xã": 1, "phường": 1, "thị trấn": 1, "huyện": 2, "quận": 2, "thị xã": 2,
                        "tp": 3, "tp.": 3, "thành phố": 3, "tỉnh": 4, "bang": 4, "miền": 5}

# Capitalised words that open Vietnamese sentences, never a foreign name.
SENTENCE_WORDS_VI = frozenset({"theo", "tại", "trong", "sau", "ngoài", "khi", "về", "với", "từ",
                               "trước", "ông", "bà", "anh", "chị", "hôm", "ngày", "năm", "tháng",
                               "trên", "hiện", "cả", "như", "còn", "đến"})

# Counts in "một trong (số) chín nhà lãnh đạo" before a plural title.
NUMBER_WORDS_VI = frozenset({"hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "các", "những"})

# Lowercase words inside an English name between capitalised ones
# ("Ministry of Public Security", "Bill and Melinda Gates Foundation").
CONNECTORS_EN = frozenset({"of", "and", "for", "on", "the", "de"})

# English abbreviations whose full stop belongs to them ("Mr.", "U.S.", "Sens.").
ABBREVIATIONS_EN = frozenset({"mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "lt",
                              "col", "u.s", "u.k", "st", "jr", "sr", "tt", "pres"})

# Capitalised at the start of an English sentence, never part of a name.
SENTENCE_WORDS_EN = frozenset({"a", "an", "the", "in", "but", "and", "as", "at", "on", "for", "if",
                               "when", "while", "after", "before", "by", "with", "from", "to", "it",
                               "this", "that", "he", "she", "they", "we", "his", "her", "their"})

# Words after a leader's surname that make it a modifier of their office
# ("the Trump administration").
OFFICE_NOUNS_EN = frozenset({"administration", "government", "presidency", "cabinet", "era", "regime"})

# Words after "X's" that make X a team's manager ("Gary Holt's team").
TEAM_WORDS_EN = frozenset({"side", "team", "men", "squad"})

# Words that end the search for a title after a comma ("X, who ...").
APPOSITION_STOPS_EN = frozenset({"who", "which", "that", "and", "or", "but", "said", "says", "told",
                                 "was", "is", "has", "had", "will", "would", "in", "on", "at", "for"})

# Verbs that end a sentence giving the role of the person named next
# ("..., a South Korean lawmaker has said. Park Byeong-seug, citing").
SPEECH_VERBS_EN = frozenset({"said", "says", "told", "announced", "warned", "claimed", "confirmed", "reported"})
# Auxiliaries before such a verb ("has said").
AUXILIARIES_EN = frozenset({"has", "have", "had", "was", "is"})

# Lowercase words that finish a capitalised name ("Unite union", "Senate
# judiciary committee").
LOWER_TAILS_EN = frozenset({"union", "committee", "subcommittee"})

# Media names followed by their number ("BBC Radio 4").
NUMBERED_MEDIA_EN = frozenset({"radio", "channel", "tv"})


# Ranks and offices in both languages for query translation (searcher.bilingual):
# (Vietnamese, English forms...).  Ranks first (police and army share them),
# then offices.  Several English forms: each is a way the press writes it.
TITLE_TRANSLATIONS: list[tuple[str, ...]] = [
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


# Folded Vietnamese words (index form) too common to learn translations for
# (searcher.lexicon).
LEXICON_STOP_TERMS_VI = frozenset({"cua", "va", "la", "cac", "nhung", "duoc", "trong", "cho", "voi",
                                   "mot", "nay", "da", "khong", "co", "tai", "theo", "ve", "tu",
                                   "den", "nguoi", "cung", "se", "dang", "thi", "ma", "de", "khi",
                                   "nhu", "vao", "ra", "lai", "con", "rat", "nhieu", "bi", "do",
                                   "hay"})

# English words too common to stand for a title on their own in a query.
AMBIGUOUS_TITLES_EN = frozenset({"general", "major", "secretary", "director", "president", "manager", "doctor",
                                 "dr", "representative", "judge", "inspector", "mp", "coach", "captain",
                                 "lieutenant", "commander", "envoy", "minister", "chairman", "governor"})

# Titles that are also given names: "Dean Smith" is more likely a person.
GIVEN_NAME_TITLES = frozenset({"dean", "earl", "duke", "major", "judge"})

# Forms of address, either language: they stand before a name like a title
# but say nothing of the post (not a role on an official's page).
ADDRESS_FORMS = ADDRESS_WORDS | ADDRESS_VI | ADDRESS_EN

# English words that carry no topic in a question such as "Who did the
# minister meet?" (pronouns, auxiliaries, question words): stop words of the
# English analyser, besides Whoosh's own short list.
STOP_WORDS_EN = frozenset(
    "about after all also been but did does had has he her his how its more "
    "most other our she some such than their them then there these they "
    "what where which while who whom why would s t d ll m re ve".split()
)

# What a question in English starts with, in the order tried.
QUESTION_OPENERS_EN = ("what", "who", "whom", "whose", "which", "when", "where", "why", "how", "is", "are", "was",
                       "were", "do", "does", "did", "can", "could", "should", "would", "will", "has", "have", "had",
                       "in what", "in which")

# Vietnamese question words, anywhere in a query, longest first where one holds another.
QUESTION_WORDS_VI = ("bao nhiêu", "là gì", "như thế nào", "thế nào", "tại sao", "vì sao", "khi nào", "ở đâu",
                     "là ai", "nào", "ai")
