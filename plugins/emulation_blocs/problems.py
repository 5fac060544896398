"""Problems found in the content: a stable code, the place, and a message in Vietnamese.

Every check of the plugin reports through :func:`problem`, so each code has one wording,
listed in :data:`CATALOGUE` (which ``docs/errors.md`` documents).
"""

from __future__ import annotations

from dataclasses import dataclass

from .source.characters import cleaned


@dataclass(frozen=True)
class Rule:
    title_vi: str
    title_en: str
    message: str  # Vietnamese, formatted with the problem's parameters
    hint: str  # Vietnamese: what would be right


CATALOGUE: dict[str, Rule] = {
    # Reading the file
    "TD001": Rule(
        "Thiếu phần khai báo đầu bài",
        "Missing front matter",
        "Tệp không có phần khai báo YAML nằm giữa hai dòng «---» ở đầu tệp: {detail}.",
        "Mở đầu tệp bằng một dòng «---», các trường khai báo, rồi một dòng «---» trước nội dung bài.",
    ),
    "TD002": Rule(
        "YAML sai cú pháp",
        "Malformed YAML",
        "Phần khai báo không đọc được: {detail}.",
        "Kiểm tra dấu hai chấm sau tên trường, thụt lề bằng dấu cách (không dùng tab) và "
        "đặt giá trị có dấu «:» hoặc «#» trong ngoặc kép.",
    ),
    "TD003": Rule(
        "Trường khai báo hai lần",
        "Duplicate field",
        "Trường «{field}» được khai báo hai lần (lần trước ở dòng {first_line}).",
        "Giữ một lần khai báo và xóa lần còn lại.",
    ),
    "TD004": Rule(
        "Tệp không phải mã UTF-8",
        "File is not UTF-8",
        "Tệp không lưu bằng bảng mã UTF-8: có byte «{value}» không đọc được.",
        "Mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8 (Save with Encoding → UTF-8); "
        "chữ có dấu gõ bằng bảng mã khác (TCVN3, VNI) phải chuyển sang Unicode.",
    ),
    # Fields
    "TD101": Rule(
        "Trường không được biết",
        "Unknown field",
        "Trường «{key}» không thuộc mẫu khai báo.{suggestion}",
        "Các trường được dùng ở đây: {accepted}.",
    ),
    "TD102": Rule(
        "Sai kiểu giá trị",
        "Wrong type",
        "Trường «{field}» phải là {expected}, nhưng lại là «{value}».",
        "Viết {expected}, ví dụ: {example}.",
    ),
    "TD103": Rule(
        "Thiếu trường bắt buộc",
        "Missing required field",
        "Thiếu trường bắt buộc «{key}» trong «{parent}».",
        "Thêm trường «{key}», ví dụ: {example}.",
    ),
    "TD104": Rule(
        "Ngày không hợp lệ",
        "Invalid date",
        "Trường «{field}» có ngày «{value}» không tồn tại hoặc không đúng dạng.",
        "Viết ngày theo dạng NĂM-THÁNG-NGÀY, ví dụ 2020-12-29 (hoặc 2020-12-29 14:30 nếu có giờ; "
        "ngày họp chỉ biết tháng viết NĂM-THÁNG, ví dụ 2020-12).",
    ),
    "TD105": Rule(
        "Giá trị không được chấp nhận",
        "Value not accepted",
        "Trường «{field}» có giá trị «{value}» không nằm trong danh sách cho phép.{suggestion}",
        "Chọn một trong: {accepted}.",
    ),
    "TD106": Rule(
        "Giá trị ngoài khoảng",
        "Value out of range",
        "Trường «{field}» có giá trị «{value}» nằm ngoài khoảng cho phép.",
        "{accepted}",
    ),
    "TD107": Rule(
        "Thiếu trường đi kèm",
        "Missing field that another field calls for",
        "Trường «{field}» là «{value}», nên cần thêm trường «{key}».",
        "{why} Ví dụ: {example}.",
    ),
    "TD108": Rule(
        "Trường không hợp với các trường khác",
        "Field that does not fit the others",
        "Trường «{field}» («{value}») không dùng được khi {reason}.",
        "{fix}",
    ),
    "TD109": Rule(
        "Chưa rõ tỉnh ở bài không phải bài nháp",
        "Unknown province in an article that is not a draft",
        "Bài ghi «province: {value}» (chưa rõ tỉnh) nhưng không phải bài nháp.",
        "Ghi tên tỉnh nếu tìm ra (tên báo thường cho biết tỉnh), hoặc giữ bài ở dạng nháp bằng "
        "«status: draft»: bài nháp chưa rõ tỉnh được lưu và kiểm tra, nhưng không lên trang.",
    ),
    # Names against the registry
    "TD201": Rule(
        "Không tìm thấy tỉnh",
        "Unknown province",
        "Tỉnh «{value}» không có trong danh mục.{suggestion}",
        "Viết tên tỉnh như trong content/registry/provinces/ (ví dụ: {accepted}), "
        "hoặc thêm tệp danh mục cho tỉnh này.",
    ),
    "TD202": Rule(
        "Không tìm thấy khối thi đua",
        "Unknown bloc",
        "Khối/cụm «{value}» không có trong danh mục của tỉnh {province}.{suggestion}",
        "Viết tên khối như trong {registry_file} (các khối của tỉnh: {accepted}) hoặc thêm tên này "
        "vào «aliases» của khối.",
    ),
    "TD203": Rule(
        "Không tìm thấy tổ chức",
        "Unknown organisation",
        "Tổ chức «{value}» không có trong danh mục của tỉnh {province}.{suggestion}",
        "Viết tên như trong {registry_file} hoặc thêm tên gọi này vào «aliases» của tổ chức "
        "(hoặc thêm tổ chức mới vào «organisations»).",
    ),
    "TD204": Rule(
        "Không tìm thấy loại khen thưởng",
        "Unknown award type",
        "Loại khen thưởng «{value}» không có trong danh mục.{suggestion}",
        "Dùng một mã trong content/registry/national.yaml, ví dụ: {accepted}.",
    ),
    "TD205": Rule(
        "Không tìm thấy cấp khen thưởng",
        "Unknown authority",
        "Cấp khen thưởng «{value}» không có trong danh mục.{suggestion}",
        "Dùng một mã hoặc tên trong content/registry/national.yaml, ví dụ: {accepted}.",
    ),
    "TD206": Rule(
        "Tên trùng nhiều mục",
        "Ambiguous name",
        "Tên «{value}» khớp với nhiều mục: {matches}.",
        "Viết tên đầy đủ của đúng một mục; không đoán thay người viết.",
    ),
    # Facts that contradict each other
    "TD301": Rule(
        "Khối trưởng/Khối phó không phải thành viên",
        "Leader or deputy is not a member",
        "{role} năm {year} là «{value}», nhưng tổ chức này không có trong danh sách đầy đủ "
        "thành viên khối năm đó ({members_source}).",
        "Sửa tên {role}, hoặc bổ sung tổ chức vào danh sách thành viên.",
    ),
    "TD302": Rule(
        "Khối trưởng cũng là Khối phó",
        "Leader is also the deputy",
        "«{value}» vừa là {leader} vừa là {deputy} năm {year}.",
        "Mỗi năm, {leader} và {deputy} là hai tổ chức khác nhau.",
    ),
    "TD303": Rule(
        "Hai bài ghi khác nhau",
        "Two reports disagree",
        "{subject} là «{value}» ở bài này nhưng là «{other_value}» ở {other_path}.",
        "Đối chiếu hai bài và sửa bài ghi sai; hệ thống không tự chọn một bên.",
    ),
    "TD304": Rule(
        "Số thành viên không khớp",
        "Member count does not match",
        "Bài ghi khối có {count} thành viên nhưng danh sách đầy đủ có {listed} tổ chức.",
        "Sửa «members.count» hoặc «members.list», hoặc đặt «members.complete: false» nếu danh sách chưa đủ.",
    ),
    "TD305": Rule(
        "Đơn vị nhận khen thưởng không phải thành viên",
        "Award recipient is not a member",
        "«{value}» nhận khen thưởng năm {year} nhưng không có trong danh sách đầy đủ thành viên khối.",
        "Sửa tên đơn vị nhận, hoặc bổ sung tổ chức vào danh sách thành viên.",
    ),
    "TD306": Rule(
        "«Các đơn vị còn lại» khi chưa có danh sách đầy đủ",
        "Remaining members without a complete member list",
        "Khen thưởng ghi «remaining_members: {value}» (các đơn vị còn lại) cho năm {year}, nhưng "
        "chưa có danh sách đầy đủ thành viên khối năm đó.",
        "Khai báo «members.list» đầy đủ với «complete: true», hoặc ghi «count» thay cho "
        "«remaining_members».",
    ),
    "TD307": Rule(
        "Năm tổng kết sau ngày hội nghị",
        "Year reviewed after the conference",
        "Năm được tổng kết ({value}) muộn hơn ngày hội nghị ({date}).",
        "Hội nghị tổng kết năm N họp từ tháng 11 năm N đến tháng 2 năm N+1; kiểm tra "
        "«conference.year_reviewed» và «conference.date».",
    ),
    "TD308": Rule(
        "Sơ kết 6 tháng vào cuối năm",
        "Half-year review at the end of the year",
        "Hội nghị sơ kết 6 tháng lại họp ngày {value}.",
        "Sơ kết 6 tháng họp từ tháng 3 đến tháng 10 (thường là tháng 6–7); nếu là tổng kết năm "
        "thì dùng «tong-ket».",
    ),
    "TD309": Rule(
        "Loại khen thưởng không hợp cấp",
        "Award type and authority do not match",
        "{award} là khen thưởng cấp {award_level}, nhưng cấp khen thưởng ghi là {authority} "
        "(cấp {authority_level}).",
        "Cờ thi đua của Chính phủ do Thủ tướng Chính phủ quyết định; Cờ thi đua, Bằng khen "
        "của tỉnh do UBND tỉnh hoặc Chủ tịch UBND tỉnh quyết định.",
    ),
    "TD310": Rule(
        "Tỉnh không còn tồn tại vào ngày đăng",
        "Province no longer existed on the date",
        "Tỉnh {value} chỉ tồn tại đến {until}, nhưng bài đăng ngày {date}.",
        "Xếp bài vào tỉnh {successor}, hoặc thêm «historical: true» nếu bài viết về tỉnh cũ.",
    ),
    "TD311": Rule(
        "Hội nghị sau ngày đăng bài",
        "Conference after the publication date",
        "Ngày hội nghị ({value}) muộn hơn ngày đăng bài ({date}).",
        "Kiểm tra «conference.date» và «date»; ngày không ghi năm lấy năm của ngày đăng.",
    ),
    "TD312": Rule(
        "Bài còn chữ mẫu",
        "Placeholder text left in",
        "Bài còn chữ mẫu do «make new» viết sẵn: «{value}».",
        "Thay bằng nội dung và thông tin của bài báo; bản dựng để đăng không nhận bài còn chữ mẫu.",
    ),
    "TD313": Rule(
        "Bài nằm trong thư mục của tỉnh khác",
        "Article in another province's folder",
        "Bài ghi tỉnh «{value}» nhưng nằm trong thư mục «{folder}» của {other}.",
        "Chuyển tệp vào thư mục {expected}, hoặc sửa «province» nếu ghi nhầm tỉnh.",
    ),
    "TD314": Rule(
        "Hai bài ghi Khối phó khác nhau",
        "Two reports name different deputies",
        "Bài này ghi «{value}» là {role} năm {year}, nhưng {other_path} ghi {role} năm đó là {others}; "
        "không bài nào ghi đủ các {role} mà hai bài nêu.",
        "Một khối có thể có nhiều {role}, và một bài ghi thiếu thì không sao, nhưng ở đây mỗi bài có "
        "một {role} mà bài kia không có. Đối chiếu hai bài với báo gốc và sửa bài ghi sai; nếu báo gốc "
        "nêu đủ các {role}, ghi đủ trong «deputy» của bài đó. Hệ thống không tự chọn một bên.",
    ),
    # URLs
    "TD401": Rule(
        "Hai tên cho cùng một địa chỉ",
        "Two names give the same URL",
        "«{value}» và «{other_value}» cùng cho địa chỉ «{slug}».",
        "Đặt «id» khác nhau cho hai mục trong danh mục.",
    ),
    "TD402": Rule(
        "Hai bài cho cùng một địa chỉ",
        "Two articles give the same URL",
        "Bài này và {other_path} cùng được ghi ra trang «{value}».",
        "Địa chỉ bài lấy từ tên tệp (hoặc trường «slug»): đổi tên một trong hai tệp, hoặc đặt «slug» "
        "khác nhau, ví dụ thêm tên tỉnh vào tên tệp.",
    ),
    "TD404": Rule(
        "Mã cũ đang là mã của mục khác",
        "A former id is another entry's id",
        "Mã cũ «{value}» của {kind} «{entry}» đang là mã của {kind} «{other}»: địa chỉ cũ sẽ "
        "dẫn sang trang của «{other}».",
        "Một địa chỉ đã công bố không được dùng cho mục khác: đặt «id» mới cho «{other}», "
        "hoặc bỏ «{value}» khỏi «former_ids» (và «former_names») nếu đó là nhầm lẫn.",
    ),
    "TD405": Rule(
        "Hai mục cùng khai báo một mã cũ",
        "Two entries claim the same former id",
        "Mã cũ «{value}» được khai báo cho cả {kind} «{other}» và {kind} «{entry}».",
        "Địa chỉ cũ chỉ chuyển được về một trang: giữ «{value}» trong «former_ids» của đúng một mục.",
    ),
    "TD406": Rule(
        "Bài trùng địa chỉ với trang danh sách tin của năm",
        "An article's URL is that of a year's list of news",
        "Bài này được ghi ra trang «{value}», cũng là một trang danh sách tin của năm.",
        "Địa chỉ bài lấy từ tên tệp (hoặc trường «slug»); «index», «trang-2», «trang-3»… là tên các trang "
        "danh sách tin của năm: đổi tên tệp, ví dụ bắt đầu bằng ngày đăng và có tên khối (lệnh «make new» "
        "làm sẵn), hoặc đặt «slug» khác.",
    ),
    # Registry
    "TD501": Rule(
        "Danh mục trùng mã",
        "Duplicate id in the registry",
        "Mã «{value}» đã dùng cho {other}.",
        "Mỗi tỉnh, khối, tổ chức, loại khen thưởng có một mã riêng.",
    ),
    "TD502": Rule(
        "Tên gọi trùng trong danh mục",
        "Alias shared by two registry entries",
        "Tên gọi «{value}» dùng cho cả «{first}» và «{second}».",
        "Bỏ tên gọi này khỏi một trong hai mục; tên trùng sẽ không tra được.",
    ),
    "TD503": Rule(
        "Tỉnh kế thừa không có",
        "Unknown successor province",
        "Tỉnh kế thừa «{value}» không có trong danh mục.",
        "Thêm tệp danh mục cho tỉnh «{value}» hoặc sửa «successor».",
    ),
    # Files of the content folder
    "TD601": Rule(
        "Liên kết dẫn ra ngoài thư mục nội dung",
        "Link leads outside the content folder",
        "Đây là liên kết (symlink) tới «{value}», nằm ngoài thư mục nội dung ({real}); "
        "hệ thống không đọc và không đăng tệp ở ngoài thư mục nội dung.",
        "Chép nội dung cần đăng vào thư mục nội dung (content/) thay cho liên kết, rồi xóa liên kết.",
    ),
    "TD602": Rule(
        "Liên kết không dẫn tới đâu",
        "Dangling link",
        "Đây là liên kết (symlink) tới «{value}», nhưng tệp hay thư mục đó không tồn tại.",
        "Xóa liên kết, hoặc sửa cho nó trỏ tới một tệp có thật trong thư mục nội dung.",
    ),
    "TD603": Rule(
        "Liên kết vòng",
        "Link loop",
        "Đây là liên kết (symlink) tới «{value}», dẫn vòng trở lại chính nó hoặc thư mục chứa nó.",
        "Xóa liên kết này; mỗi bài chỉ cần nằm ở một chỗ trong thư mục nội dung.",
    ),
    # Files, names and limits
    "TD701": Rule(
        "Tệp không được đọc",
        "File not read",
        "Tệp «{value}» nằm trong thư mục nội dung nhưng không được đọc: {detail}.",
        "{fix}",
    ),
    "TD702": Rule(
        "Tên không cho được địa chỉ",
        "Name gives an empty URL",
        "«{value}» không có chữ cái hay chữ số nào (không dấu) để làm địa chỉ trang: trang sẽ thành một tệp "
        "ẩn, không ai mở được.",
        "{fix}",
    ),
    "TD703": Rule(
        "Địa chỉ quá dài",
        "URL too long",
        "Địa chỉ «{value}» dài {length} byte, quá giới hạn {limit} byte.",
        "{fix}",
    ),
    "TD704": Rule(
        "Ký tự không in được",
        "Character not allowed",
        "{where} có ký tự không in được {character}: «{value}».",
        "Xóa ký tự này (thường lọt vào khi dán từ Word, PDF hoặc trang web) hoặc gõ lại đoạn đó; "
        "trang web và bản tin Atom không chứa được ký tự điều khiển.",
    ),
    "TD705": Rule(
        "Tệp quá lớn",
        "File too large",
        "Tệp nặng {value} byte, quá giới hạn {limit} byte; tệp không được đọc.",
        "Một bài hay một tệp danh mục chỉ là chữ: kiểm tra tệp có bị dán nhầm nội dung khác (ảnh, "
        "tệp Word) không; nếu nội dung thật sự dài, tách thành nhiều bài hoặc nâng {setting} trong tệp "
        "cấu hình.",
    ),
    "TD706": Rule(
        "Phần khai báo quá dài",
        "Front matter too large",
        "Phần khai báo dài {value} byte, quá giới hạn {limit} byte; phần khai báo không được đọc.",
        "Phần khai báo chỉ ghi các trường (tỉnh, khối, thành viên, khen thưởng); lời văn của bài đặt "
        "sau dòng «---» thứ hai. Nếu danh sách thật sự dài, nâng {setting} trong tệp cấu hình.",
    ),
}

@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    field: str
    value: str
    message: str
    hint: str

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" [{self.field}]" if self.field else ""
        return f"{where}: {self.code}{field} {self.message} → {self.hint}"


@dataclass(frozen=True)
class Place:
    """Where a value came from: a file, a line (1-based, 0 when unknown) and a field path."""

    path: str
    line: int = 0
    field: str = ""

    def at(self, field: str, line: int | None = None) -> Place:
        return Place(self.path, self.line if line is None else line, field)


def problem(code: str, place: Place, value: object = "", **params: object) -> Problem:
    """The problem ``code`` at ``place``. What it quotes of the content is cleaned of control
    characters (:mod:`.characters`): the preview shows it on a page."""
    rule = CATALOGUE[code]
    text = cleaned("" if value is None else str(value))
    quoted = {name: cleaned(param) if isinstance(param, str) else param for name, param in params.items()}
    fields = {"value": text, "field": place.field, "suggestion": "", **quoted}
    return Problem(
        path=place.path,
        line=place.line,
        code=code,
        field=place.field,
        value=text,
        message=rule.message.format(**fields),
        hint=rule.hint.format(**fields),
    )


def did_you_mean(word: str, candidates: list[str]) -> str:
    """" Có phải là «…»?" for the closest candidate, or ""."""
    import difflib

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f" Có phải là «{close[0]}»?" if close else ""


class ContentError(Exception):
    """Raised by a strict build after every problem has been reported."""

    exitcode = 2
