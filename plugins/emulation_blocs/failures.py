"""Failures of the machine rather than of the content: a full disk, a folder that cannot be
written, a file name too long, the search indexer stopping. Each has a code (TD721–TD725,
documented in ``docs/errors.md`` with the content codes) and says what to do, in place of a
traceback.
"""

from __future__ import annotations

import errno
import os
import tempfile

from .problems import Rule

SYSTEM_CATALOGUE: dict[str, Rule] = {
    "TD721": Rule(
        "Ổ đĩa đầy",
        "Disk full",
        "Ổ đĩa hết chỗ trống khi ghi «{path}».",
        "Giải phóng chỗ trống trên ổ chứa {folder} (xóa các bản dựng, bản lưu trữ hoặc thư mục cache/ "
        "không cần nữa, dọn thùng rác), rồi chạy lại lệnh.",
    ),
    "TD722": Rule(
        "Không được ghi",
        "Not allowed to write",
        "Không ghi được «{path}»: {reason}.",
        "Kiểm tra ổ đĩa không ở chế độ chỉ đọc (ổ gắn read-only, thẻ nhớ khóa), thư mục không bị khóa "
        "(«lsattr» không có cờ «i»; gỡ bằng «chattr -i») và người chạy lệnh có quyền ghi vào thư mục "
        "(«ls -ld»); hoặc chọn thư mục khác bằng «-o».",
    ),
    "TD723": Rule(
        "Tên tệp quá dài",
        "File name too long",
        "Tên tệp hoặc thư mục «{path}» dài quá mức hệ điều hành cho phép.",
        "Rút ngắn tên tệp bài, trường «slug» hoặc «id» trong danh mục (xem BLOCS_MAX_SLUG_BYTES), "
        "hoặc các mẫu địa chỉ *_URL trong tệp cấu hình.",
    ),
    "TD724": Rule(
        "Lỗi đọc ghi tệp",
        "File system error",
        "Hệ điều hành báo lỗi «{reason}» với «{path}».",
        "Kiểm tra ổ đĩa (còn gắn, không lỗi: «dmesg», «fsck»), rồi chạy lại lệnh; nếu lỗi lặp lại, "
        "gửi dòng này cho người quản trị máy.",
    ),
    "TD725": Rule(
        "Không tạo được chỉ mục tìm kiếm",
        "Search index not made",
        "Pagefind không tạo được chỉ mục tìm kiếm: {reason}.",
        "Cài lại các gói của trang («make venv», gói pagefind trong requirements.txt) rồi dựng lại; "
        "trang tìm kiếm báo không dùng được cho đến khi có chỉ mục.",
    ),
}

_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
_REFUSED = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
_REASONS = {
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "thư mục hoặc tệp bị khóa, không được thay đổi",
}
# How Pagefind (a Rust program) words a full disk.
_PAGEFIND_FULL = ("No space left on device", "os error 28", "Disk quota exceeded", "os error 122")


def system_failure(error: OSError, folder: object = None) -> str:
    """The coded message for ``error``, met while writing into ``folder`` (by default the
    folder of the file named): code, what happened and what to do."""
    path = str(error.filename or "") or "?"
    if error.errno in _FULL:
        return failure("TD721", path=path, folder=str(folder or os.path.dirname(path) or "."))
    if error.errno in _REFUSED:
        return failure("TD722", path=path, reason=_REASONS[error.errno])
    if error.errno == errno.ENAMETOOLONG:
        return failure("TD723", path=path)
    return failure("TD724", path=path, reason=error.strerror or str(error))


def pagefind_failure(output: str) -> str:
    """The coded message for Pagefind stopping with ``output`` on its error stream."""
    if any(words in output for words in _PAGEFIND_FULL):
        temporary = tempfile.gettempdir()
        folder = f"{temporary} (thư mục tạm; hoặc đặt biến TMPDIR sang ổ còn chỗ)"
        return failure("TD721", path=temporary, folder=folder)
    return failure("TD725", reason=output.strip()[-500:] or "không rõ lý do")


def failure(code: str, **params: str) -> str:
    rule = SYSTEM_CATALOGUE[code]
    return f"{code} {rule.message.format(**params)} → {rule.hint.format(**params)}"
