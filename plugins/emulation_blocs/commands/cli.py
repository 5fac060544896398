"""``python -m emulation_blocs``: build the site safely, check the content, start a new report, or
preview the site live."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pelican.settings import read_settings

from ..failures import system_failure
from ..offline.archive import make_archive
from ..pages.redirects import published_urls
from ..settings import apply_defaults
from .build import BuildFailed, build
from .check import check
from .editor_command import add_editor_config_command
from .scaffold import add_new_command
from .serve import add_serve_command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="emulation_blocs", description="Trang tin khối thi đua.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build",
                                        help="dựng trang vào thư mục output (giữ nguyên bản cũ nếu lỗi)")
    build_command.add_argument("-s", "--settings", default="pelicanconf.py")
    build_command.add_argument("-o", "--output", default=None)
    check_command = commands.add_parser("check", help="chỉ kiểm tra nội dung, không dựng trang")
    check_command.add_argument("-s", "--settings", default="pelicanconf.py")
    archive_command = commands.add_parser(
        "archive", help="dựng bản lưu trữ mở được từ ổ đĩa và gói kết quả từng năm (BLOCS_ARCHIVE_PATH)")
    archive_command.add_argument("-s", "--settings", default="publishconf.py")
    archive_command.add_argument("-o", "--output", default=None)
    urls_command = commands.add_parser("urls", help="liệt kê mọi địa chỉ của một bản dựng, mỗi dòng một "
                                       "(trừ các tệp của chỉ mục tìm kiếm)")
    urls_command.add_argument("-s", "--settings", default="publishconf.py")
    urls_command.add_argument("folder", nargs="?", default="output")
    add_new_command(commands)
    add_serve_command(commands)
    add_editor_config_command(commands)
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        return _run(arguments)
    except OSError as error:  # what the build does not say itself: reading content, check's cache
        print(f"LỖI: {system_failure(error)}", file=sys.stderr)
        return 1


def _run(arguments: argparse.Namespace) -> int:
    settings_file = getattr(arguments, "settings", None)
    if settings_file is not None and not Path(settings_file).is_file():
        print(f"LỖI: không có tệp cấu hình {settings_file}. Chạy lệnh trong thư mục của trang "
              "(nơi có pelicanconf.py), hoặc chỉ đúng tệp bằng -s.", file=sys.stderr)
        return 2
    if arguments.command in ("new", "serve", "editor-config"):
        return int(arguments.run(arguments))
    if arguments.command == "archive":
        return _archive(arguments.settings, arguments.output)
    if arguments.command == "urls":
        print("\n".join(published_urls(Path(arguments.folder), _search_index(arguments.settings))))
        return 0
    if arguments.command == "build":
        try:
            output = build(arguments.settings, arguments.output)
        except BuildFailed as error:
            print(f"LỖI: {error}", file=sys.stderr)
            return error.exitcode
        print(f"Đã dựng trang vào {output}")
        return 0
    return check(arguments.settings)


def _search_index(settings_file: str) -> str:
    settings = read_settings(settings_file)
    apply_defaults(settings)
    return str(settings["BLOCS_SEARCH_INDEX_PATH"])


def _archive(settings: str, output: str | None) -> int:
    try:
        result = make_archive(settings, output)
    except BuildFailed as error:
        print(f"LỖI: {error}", file=sys.stderr)
        return error.exitcode
    print(f"Đã dựng bản lưu trữ vào {result.folder}: trang ở {result.folder / 'site'}, "
          f"{len(result.bundles)} gói theo năm.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
