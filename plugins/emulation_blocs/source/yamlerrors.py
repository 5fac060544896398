"""PyYAML's syntax errors, explained in Vietnamese, at the line where the writer must look.

libyaml words its errors for programmers ("mapping values are not allowed in this
context"); a writer needs to know what to change. Each known wording maps to an
explanation; an unknown one is kept, in parentheses, after a general explanation.
"""

from __future__ import annotations

import yaml

_TAB = "dòng này có dấu tab; YAML chỉ nhận dấu cách để thụt lề và trước giá trị"
# libyaml's wording (a part of it) → what it means for a writer, and whether the place
# to show is where the construct began (the "context") rather than where libyaml gave up.
_EXPLANATIONS: tuple[tuple[str, str, bool], ...] = (
    ("mapping values are not allowed", "có dấu hai chấm «:» ở chỗ không được phép — giá trị có "
     "dấu «:» phải đặt trong ngoặc kép, và trường con phải thụt lề đúng dưới trường cha", False),
    ("cannot start any token", "có ký tự không được đứng đầu một giá trị (dấu tab, «@» hoặc «`»)",
     False),
    ("tab character", _TAB, False),
    ("could not find expected ':'", "thiếu dấu hai chấm «:» sau tên trường", True),
    ("unexpected end of stream", "ngoặc kép hoặc ngoặc đơn mở mà chưa đóng", True),
    ("expected ',' or ']'", "danh sách mở bằng «[» mà chưa đóng bằng «]» (hoặc thiếu dấu phẩy "
     "giữa hai mục)", True),
    ("expected ',' or '}'", "nhóm mở bằng «{» mà chưa đóng bằng «}» (hoặc thiếu dấu phẩy giữa "
     "hai mục)", True),
    ("did not find expected key", "thụt lề không đều: các trường cùng cấp phải thẳng cột với nhau", False),
    ("expected '-' indicator", "thụt lề không đều: các mục «- » của một danh sách phải thẳng cột", False),
    ("block sequence entries are not allowed", "mục danh sách «- » đặt ngay sau tên trường; "
     "xuống dòng và thụt lề trước mỗi «- »", False),
    ("expected node content", "thiếu giá trị sau dấu mở ngoặc hoặc dấu phẩy", False),
    ("undefined alias", "dấu «*» ở đầu giá trị là cú pháp tham chiếu của YAML; đặt giá trị trong "
     "ngoặc kép", False),
    ("duplicate anchor", "dấu «&» ở đầu giá trị là cú pháp neo của YAML; đặt giá trị trong ngoặc kép", False),
    ("unknown escape character", "trong ngoặc kép, dấu «\\» phải viết hai lần «\\\\» "
     "(hoặc dùng ngoặc đơn)", False),
    ("another document", "có dòng «---» thừa trong phần khai báo", False),
    ("control characters are not allowed", "có ký tự điều khiển không in được (thường do dán từ "
     "Word hoặc trang web); gõ lại dòng này", False),
)
_GENERAL = "cú pháp YAML không đúng"


def explain(error: yaml.YAMLError, text: str) -> tuple[int, str, str]:
    """``(line index from 0, Vietnamese explanation, the text of that line)``."""
    words = " ".join(filter(None, [getattr(error, "context", None), getattr(error, "problem", None)]))
    if not words:
        words = str(error)
    explanation, at_context = next(
        ((explanation, at_context) for wording, explanation, at_context in _EXPLANATIONS if wording in words),
        (f"{_GENERAL} ({words})", False),
    )
    index = _line_index(error, text, at_context)
    line_text = _line_text(text, index)
    if "\t" in line_text:  # a tab on the line where reading failed is the usual reason
        explanation = _TAB
    return index, explanation, line_text.strip()


def _line_index(error: yaml.YAMLError, text: str, at_context: bool) -> int:
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = (context_mark or problem_mark) if at_context else (problem_mark or context_mark)
    if mark is not None:
        return int(mark.line)
    position = getattr(error, "position", None)  # a ReaderError has only a character position
    return text.count("\n", 0, position) if isinstance(position, int) else 0


def _line_text(text: str, index: int) -> str:
    lines = text.split("\n")  # as libyaml and editors count lines (splitlines also breaks at FF, VT…)
    return lines[index] if 0 <= index < len(lines) else ""
