"""Interface labels in Vietnamese (default) and English."""

from __future__ import annotations

from flask import request

LABELS = {
    "vi": {
        "title": "Tra cứu thông cáo báo chí",
        "tagline": "Tìm thông cáo tiếng Việt và tiếng Anh theo quan chức, cơ quan, chủ đề, địa điểm, ngày.",
        "search": "Tìm kiếm",
        "placeholder": "VD: Lê Quốc Hùng, cảnh sát liên bang, thoả thuận hợp tác",
        "query_label": "Từ khoá tìm kiếm",
        "help_title": "Cú pháp",
        "help": [
            ("le quoc hung", "gõ không dấu hay có dấu, chữ hoa hay thường đều được"),
            ("\"Bộ Công an\"", "cụm từ chính xác"),
            ("official:\"Lê Quốc Hùng\"  agency:AFP  title:hợp tác", "tìm trong quan chức, cơ quan, tiêu đề"),
            ("Canberra OR Seoul   hợp tác -Australia", "HOẶC, loại trừ (-), AND, NOT"),
        ],
        "results": "kết quả",
        "in_ms": "trong {ms} ms",
        "no_results": "Không tìm thấy thông cáo nào cho",
        "tips": ["Kiểm tra chính tả hoặc bỏ bớt từ.", "Thử gõ không dấu, hoặc dùng tên tiếng Anh của cơ quan.",
                 "Bỏ bớt bộ lọc đang dùng."],
        "did_you_mean": "Có phải bạn muốn tìm",
        "language": "Ngôn ngữ", "year": "Năm", "officials": "Quan chức", "agencies": "Cơ quan",
        "filters": "Bộ lọc", "active_filters": "Đang lọc", "remove": "Bỏ lọc", "clear_all": "Bỏ tất cả bộ lọc",
        "sort": "Sắp xếp", "relevance": "Liên quan nhất", "newest": "Mới nhất",
        "prev": "Trang trước", "next": "Trang sau", "page": "Trang",
        "back": "Quay lại kết quả", "home": "Trang chủ",
        "inferred": "ngày suy ra từ nội dung (dòng ngày tháng đầu bài)",
        "no_date": "không rõ ngày", "source": "Nguồn", "lang_vi": "Tiếng Việt", "lang_en": "Tiếng Anh",
        "switch": "English", "switch_to": "en", "from": "Từ ngày", "to": "Đến ngày", "apply": "Áp dụng",
        "error": "Lỗi", "not_found": "Không tìm thấy trang hoặc thông cáo này.",
        "unavailable": "Chỉ mục tìm kiếm chưa sẵn sàng.", "server_error": "Đã có lỗi. Vui lòng thử lại.",
        "bad_request": "Yêu cầu không hợp lệ.",
        "roles": "Chức vụ, cấp bậc", "also_written": "Còn được viết", "timeline": "Dòng thời gian",
        "search_within": "Tìm trong các thông cáo này",
        "dates": "Thời gian", "older_years": "Các năm trước",
        "inferred_short": "theo dòng ngày tháng",
        "notice_folded": ("Không thông cáo nào có đủ các từ đúng dấu như đã gõ; "
                          "đang hiện các thông cáo có các từ này khi bỏ dấu."),
        "notice_fewer": "Không thông cáo nào có đủ tất cả các từ; đang hiện các thông cáo có {held} trên {words} từ.",
        "notice_respelled": "Đang hiện kết quả cho “{held}”: không thông cáo nào có “{words}” đúng như đã gõ.",
        "notice_cut": "Truy vấn quá dài: chỉ tìm theo {held} âm tiết đầu trong {words} âm tiết đã gõ.",
        "notice_partial": ("Cụm từ trong ngoặc kép gồm toàn từ rất phổ biến nên chỉ được kiểm tra trong một phần "
                           "các thông cáo chứa các từ đó: có thể còn kết quả khác. Hãy thêm một từ hiếm hơn."),
        "undated_left_out": "{n} thông cáo không rõ ngày không được tính vì đang lọc theo thời gian.",
        "include_undated": "Hiện cả các thông cáo không rõ ngày",
        "undated_included": "Đang hiện cả các thông cáo không rõ ngày.",
        "exclude_undated": "Chỉ hiện thông cáo có ngày",
    },
    "en": {
        "title": "Press release search",
        "tagline": "Find Vietnamese and English releases by official, agency, topic, place or date.",
        "search": "Search",
        "placeholder": "e.g. Le Quoc Hung, federal police, cooperation agreement",
        "query_label": "Search terms",
        "help_title": "Syntax",
        "help": [
            ("le quoc hung", "with or without diacritics, any capitalisation"),
            ("\"Bộ Công an\"", "exact phrase"),
            ("official:\"Lê Quốc Hùng\"  agency:AFP  title:cooperation", "search officials, agencies, titles"),
            ("Canberra OR Seoul   cooperation -Australia", "OR, exclude (-), AND, NOT"),
        ],
        "results": "results",
        "in_ms": "in {ms} ms",
        "no_results": "No releases found for",
        "tips": ["Check the spelling or use fewer words.", "Try without diacritics, or the agency's Vietnamese name.",
                 "Remove some of the active filters."],
        "did_you_mean": "Did you mean",
        "language": "Language", "year": "Year", "officials": "Officials", "agencies": "Agencies",
        "filters": "Filters", "active_filters": "Active filters", "remove": "Remove", "clear_all": "Clear all filters",
        "sort": "Sort", "relevance": "Most relevant", "newest": "Newest",
        "prev": "Previous", "next": "Next", "page": "Page",
        "back": "Back to results", "home": "Home", "inferred": "date inferred from the text (its dateline)",
        "no_date": "no date", "source": "Source", "lang_vi": "Vietnamese", "lang_en": "English",
        "switch": "Tiếng Việt", "switch_to": "vi", "from": "From", "to": "To", "apply": "Apply",
        "error": "Error", "not_found": "No such page or release.",
        "unavailable": "The search index is not available.", "server_error": "Something went wrong. Please try again.",
        "bad_request": "The request was not valid.",
        "roles": "Titles and ranks", "also_written": "Also written", "timeline": "Timeline",
        "search_within": "Search these releases",
        "dates": "Dates", "older_years": "Earlier years",
        "inferred_short": "from the dateline",
        "notice_folded": "No release holds every word with the diacritics typed; showing those that hold them without.",
        "notice_fewer": "No release holds all the words; showing those that hold {held} of {words}.",
        "notice_respelled": "Showing results for “{held}”: no release holds “{words}” as written.",
        "notice_cut": "The query is long: its first {held} syllables were searched, not all {words}.",
        "notice_partial": ("A quoted phrase of very common words was checked in only part of the releases "
                           "holding its words: there may be more matches. Add a rarer word to narrow it."),
        "undated_left_out": "{n} releases without a date were left out by the date range.",
        "include_undated": "Include undated releases",
        "undated_included": "Undated releases are included.",
        "exclude_undated": "Only dated releases",
    },
}


def ui_language() -> str:
    """The interface language: ?ui=, then the cookie, then Vietnamese."""
    lang = request.args.get("ui") or request.cookies.get("ui")
    return lang if lang in LABELS else "vi"


def labels_for(lang: str) -> dict:
    return LABELS.get(lang, LABELS["vi"])
