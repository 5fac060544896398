"""What the browser editor says about each field of a report: its label, a hint written for
communications staff, the Vietnamese labels of enumerated values, and which registry list
supplies the names a field takes. Keys are the field's path in the front matter."""

from __future__ import annotations

from ..domain.model import CHOSEN, CONFERENCE_KINDS, MOVEMENT_KINDS, ROLES, STATUSES

FIELD_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Tiêu đề", "Như tờ báo đặt. Bài mới có sẵn một tiêu đề gợi ý: sửa cho đúng bài."),
    "date": ("Ngày đăng", "Ngày báo đăng bài. Để trống nếu bản báo không ghi: trang ghi «không rõ ngày đăng»."),
    "modified": ("Ngày sửa", "Chỉ điền khi sửa lại một bài đã đăng."),
    "author": ("Tác giả", "Như ghi dưới bài báo. Để trống nếu bài không ghi tác giả."),
    "summary": ("Tóm tắt", "Một hai câu, hiện ở danh sách tin. Không bắt buộc."),
    "slug": ("Đường dẫn riêng", "Để trống: trang tự đặt đường dẫn theo tiêu đề."),
    "status": ("Trạng thái", "Để trống là đăng. «Bản nháp» và «Ẩn» không hiện trên trang."),
    "lang": ("Ngôn ngữ", "Để trống (tiếng Việt)."),
    "historical": ("Bài cũ", "Đánh dấu khi bài viết về một năm đã xa."),
    "source": ("Nguồn", "Tờ báo đã đăng bài."),
    "source.paper": ("Tên báo", "Ví dụ: Báo Bắc Kạn."),
    "source.url": ("Địa chỉ bài gốc", "Nếu biết; bắt đầu bằng https://"),
    "province": ("Tỉnh", "Tỉnh (thành phố) của khối, như trong danh mục."),
    "bloc": ("Khối, cụm thi đua", "Chọn trong danh mục; gõ vài chữ để tìm, có dấu hay không dấu đều được."),
    "conference": ("Hội nghị", "Hội nghị mà bài đưa tin."),
    "conference.kinds": ("Loại hội nghị", "Chọn một hay nhiều: một hội nghị thường vừa tổng kết vừa triển khai."),
    "conference.date": ("Ngày họp", "NĂM-THÁNG-NGÀY; báo thường ghi «ngày 29/12»: năm lấy theo ngày đăng. "
                                    "Chỉ biết tháng: NĂM-THÁNG (2020-12). Không biết: để trống."),
    "conference.not_after": ("Họp không muộn hơn", "Khi bài chỉ cho biết hội nghị họp trước một ngày; "
                             "khi đó để trống «Ngày họp»."),
    "conference.place": ("Nơi họp", "Không bắt buộc."),
    "conference.year_reviewed": ("Năm được tổng kết",
                                 "Tổng kết năm N họp từ tháng 11 năm N đến tháng 2 năm N+1."),
    "conference.period": ("Kỳ", "Cả năm, hoặc 6 tháng cho hội nghị sơ kết."),
    "conference.year": ("Hội nghị cho năm", "Chỉ cho hội nghị không tổng kết (ký giao ước, bàn giao, triển khai): "
                        "năm mà hội nghị hướng tới."),
    "members": ("Thành viên khối", "Bài mới có sẵn danh sách của năm gần nhất đã biết: sửa theo bài báo."),
    "members.year": ("Năm của danh sách", "Thường là năm được tổng kết."),
    "members.list": ("Các tổ chức", "Chọn trong danh mục của tỉnh; gõ tên hay tên viết tắt (HND, LHPN…) để tìm."),
    "members.count": ("Số thành viên", "Nếu bài báo ghi, ví dụ «7/7 Hội» là 7."),
    "members.complete": ("Đủ danh sách", "Bật khi danh sách trên là toàn bộ thành viên; tắt khi bài chỉ nêu vài tên."),
    "members.note": ("Ghi chú về thành viên", "Không bắt buộc."),
    "leadership": ("Khối trưởng, Khối phó", "Mỗi năm một dòng. Bài mới có sẵn dòng của năm gần nhất đã biết."),
    "leadership.year": ("Năm", "Năm giữ vai trò."),
    "leadership.leader": ("Khối trưởng", "Chọn trong danh mục của tỉnh."),
    "leadership.deputy": ("Khối phó", "Chọn trong danh mục của tỉnh."),
    "leadership.leader_unnamed": ("Đã chọn trưởng, không nêu tên", "Bật khi bài nói đã chọn mà không nêu đơn vị."),
    "leadership.deputy_unnamed": ("Đã chọn phó, không nêu tên", "Bật khi bài nói đã bầu phó mà không nêu đơn vị."),
    "leadership.chosen": ("Cách chọn", "Như bài báo nói; không rõ thì chọn «không nêu cách chọn»."),
    "leadership.decision": ("Số quyết định", "Quyết định công nhận, phân công, nếu bài nêu."),
    "handover": ("Bàn giao", "Chỉ điền khi hội nghị có bàn giao vai trò."),
    "handover.year": ("Năm nhận", "Năm mà đơn vị nhận bàn giao giữ vai trò."),
    "handover.from": ("Đơn vị bàn giao", "Giữ vai trò năm trước. Để trống nếu bài không nêu."),
    "handover.to": ("Đơn vị nhận", "Giữ vai trò năm «Năm nhận»."),
    "handover.role": ("Vai trò", "Khối trưởng hay Khối phó."),
    "handover.items": ("Những gì bàn giao", "Như bài viết, ví dụ: Cờ luân lưu, hồ sơ."),
    "awards": ("Khen thưởng", "Khối chỉ bình xét, đề nghị; cấp trên mới tặng. Mỗi hình thức một dòng."),
    "awards.type": ("Hình thức", "Chọn trong danh mục khen thưởng; để trống nếu bài không nói."),
    "awards.authority": ("Cấp khen", "Ai tặng hoặc được đề nghị tặng; để trống nếu bài không nói."),
    "awards.recipients": ("Đơn vị nhận", "Chọn trong danh mục; để trống nếu bài chỉ ghi số lượng."),
    "awards.recipient_kind": ("Tập thể hay cá nhân", "Cá nhân: ghi tên ở «Cá nhân», đơn vị của họ ở «Đơn vị nhận»."),
    "awards.people": ("Cá nhân", "Tên các cá nhân được khen, như bài viết."),
    "awards.count": ("Số đơn vị", "Khi bài chỉ ghi số, ví dụ «02 đơn vị»."),
    "awards.remaining_members": ("Các đơn vị còn lại", "Bật khi bài viết «các đơn vị còn lại» của khối."),
    "awards.year": ("Năm thành tích", "Năm được khen, không phải năm họp."),
    "awards.status": ("Tình trạng", "«Đề nghị» khi khối mới đề xuất; «Đã tặng» khi đã có quyết định hoặc đã trao."),
    "awards.as_written": ("Câu trong bài", "Chép nguyên câu bài báo viết về khen thưởng này."),
    "awards.decision": ("Số quyết định", "Nếu bài nêu, ví dụ 123/QĐ-UBND."),
    "movements": ("Phong trào thi đua", "Các phong trào bài báo nêu tên."),
    "movements.name": ("Tên phong trào", "Ví dụ: Tuổi cao gương sáng."),
    "movements.kind": ("Loại", "Phong trào, mô hình, cuộc vận động, chủ đề thi đua hay quỹ."),
    "movements.organisation": ("Tổ chức phát động", "Để trống nếu không có tổ chức: chọn «Của ai»."),
    "movements.scope": ("Của ai", "Khi không có tổ chức: của khối, chung của tỉnh, hay toàn quốc."),
    "pact": ("Giao ước thi đua", "Chỉ điền khi hội nghị ký giao ước."),
    "pact.year": ("Năm của giao ước", "Thường là năm sau năm được tổng kết."),
    "ranking": ("Xếp hạng trong khối", "Thứ hạng khối tự xếp (nhất, nhì, ba): không phải khen thưởng."),
    "ranking.year": ("Năm", "Năm được xếp hạng."),
    "ranking.rank": ("Hạng", "1 là nhất, 2 là nhì…"),
    "ranking.organisation": ("Đơn vị", "Chọn trong danh mục của tỉnh."),
}

BODY_TEXT = ("Nội dung bài", "Viết bằng lời của mình; không chép nguyên văn bài báo.")

ENUM_LABELS: dict[str, dict[str, str]] = {
    "status": {"published": "Đăng", "draft": "Bản nháp", "hidden": "Ẩn"},
    "lang": {"vi": "Tiếng Việt"},
    "conference.kinds": CONFERENCE_KINDS,
    "conference.period": {"ca-nam": "Cả năm", "6-thang": "6 tháng"},
    "leadership.chosen": {code: label[:1].upper() + label[1:] for code, label in CHOSEN.items()},
    "handover.role": ROLES,
    "awards.status": STATUSES,
    "awards.recipient_kind": {"tap-the": "Tập thể", "ca-nhan": "Cá nhân"},
    "movements.kind": MOVEMENT_KINDS,
    "movements.scope": {"khoi": "Của khối, cụm", "tinh": "Chung của tỉnh", "toan-quoc": "Toàn quốc"},
}

# Fields whose value is a name from the registry, and which list it comes from.
NAME_KINDS: dict[str, str] = {
    "province": "province",
    "bloc": "bloc",
    "members.list": "organisation",
    "leadership.leader": "organisation",
    "leadership.deputy": "organisation",
    "handover.from": "organisation",
    "handover.to": "organisation",
    "awards.type": "award_type",
    "awards.authority": "authority",
    "awards.recipients": "organisation",
    "movements.organisation": "organisation",
    "ranking.organisation": "organisation",
}
