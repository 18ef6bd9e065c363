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
        "back": "Quay lại kết quả", "home": "Trang chủ", "inferred": "ngày suy ra từ nội dung",
        "no_date": "không rõ ngày", "source": "Nguồn", "lang_vi": "Tiếng Việt", "lang_en": "Tiếng Anh",
        "switch": "English", "switch_to": "en", "from": "Từ ngày", "to": "Đến ngày", "apply": "Áp dụng",
        "error": "Lỗi", "not_found": "Không tìm thấy trang hoặc thông cáo này.",
        "unavailable": "Chỉ mục tìm kiếm chưa sẵn sàng.", "server_error": "Đã có lỗi. Vui lòng thử lại.",
        "bad_request": "Yêu cầu không hợp lệ.",
        "roles": "Chức vụ, cấp bậc", "also_written": "Còn được viết", "timeline": "Dòng thời gian",
        "search_within": "Tìm trong các thông cáo này",
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
        "back": "Back to results", "home": "Home", "inferred": "date inferred from the text",
        "no_date": "no date", "source": "Source", "lang_vi": "Vietnamese", "lang_en": "English",
        "switch": "Tiếng Việt", "switch_to": "vi", "from": "From", "to": "To", "apply": "Apply",
        "error": "Error", "not_found": "No such page or release.",
        "unavailable": "The search index is not available.", "server_error": "Something went wrong. Please try again.",
        "bad_request": "The request was not valid.",
        "roles": "Titles and ranks", "also_written": "Also written", "timeline": "Timeline",
        "search_within": "Search these releases",
    },
}


def ui_language() -> str:
    """The interface language: ?ui=, then the cookie, then Vietnamese."""
    lang = request.args.get("ui") or request.cookies.get("ui")
    return lang if lang in LABELS else "vi"


def labels_for(lang: str) -> dict:
    return LABELS.get(lang, LABELS["vi"])
