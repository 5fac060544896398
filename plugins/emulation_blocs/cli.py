"""``python -m emulation_blocs``: build the site safely, check the content, start a new report, or
preview the site live."""

from __future__ import annotations

import argparse
import logging
import sys

from .build import BuildFailed, build
from .check import check
from .scaffold import add_new_command
from .serve import add_serve_command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="emulation_blocs", description="Trang tin khối thi đua.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="dựng trang vào thư mục output (giữ nguyên bản cũ nếu lỗi)")
    build_command.add_argument("-s", "--settings", default="pelicanconf.py")
    build_command.add_argument("-o", "--output", default=None)
    check_command = commands.add_parser("check", help="chỉ kiểm tra nội dung, không dựng trang")
    check_command.add_argument("-s", "--settings", default="pelicanconf.py")
    add_new_command(commands)
    add_serve_command(commands)
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    if arguments.command in ("new", "serve"):
        return int(arguments.run(arguments))
    if arguments.command == "build":
        try:
            output = build(arguments.settings, arguments.output)
        except BuildFailed as error:
            print(f"LỖI: {error}", file=sys.stderr)
            return error.exitcode
        print(f"Đã dựng trang vào {output}")
        return 0
    return check(arguments.settings)


if __name__ == "__main__":
    sys.exit(main())
