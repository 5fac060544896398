"""Failures of the machine rather than of the content: a full disk, a folder that cannot be
written, a file name too long, the search indexer stopping (TD721–TD725); and what concerns
the build's own files and tools: a cache that cannot be read, another build running, an
untested Pelican (TD750–TD752). Each code is documented in ``docs/errors.md`` with the content
codes and says what to do, in place of a traceback.
"""

from __future__ import annotations

import errno
import os

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
    # The build's own files and tools.
    "TD750": Rule(
        "Bộ nhớ đệm không đọc được, đã bỏ",
        "Unreadable cache dropped",
        "Không đọc được bộ nhớ đệm {path} ({detail}); bỏ nó và dựng lại từ nội dung.",
        "Không cần làm gì: lần dựng này chậm hơn một chút và ghi lại bộ nhớ đệm mới.",
    ),
    "TD751": Rule(
        "Một bản dựng khác đang chạy",
        "Another build is running",
        "Một bản dựng khác đang dùng {path}; bản dựng này chờ nó xong rồi mới chạy.",
        "Chờ, hoặc dừng bản dựng kia (Ctrl+C trong cửa sổ của nó).",
    ),
    "TD752": Rule(
        "Phiên bản Pelican chưa được thử",
        "Untested Pelican version",
        "Plugin emulation_blocs chưa được thử với Pelican {version} (đã thử: {tested}). "
        "The emulation_blocs plugin has not been tested with Pelican {version} (tested: {tested}).",
        "Cài đúng phiên bản trong requirements.txt: .venv/bin/pip install -r requirements.txt "
        "(install the version pinned in requirements.txt).",
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


def pagefind_failure(output: str, scratch: object) -> str:
    """The coded message for Pagefind stopping with ``output`` on its error stream, writing
    into the folder ``scratch``."""
    if any(words in output for words in _PAGEFIND_FULL):
        folder = f"{scratch} (thư mục tạm của Pagefind, trong thư mục bộ nhớ đệm CACHE_PATH)"
        return failure("TD721", path=str(scratch), folder=folder)
    return failure("TD725", reason=output.strip()[-500:] or "không rõ lý do")


def failure(code: str, **params: str) -> str:
    rule = SYSTEM_CATALOGUE[code]
    return f"{code} {rule.message.format(**params)} → {rule.hint.format(**params)}"
