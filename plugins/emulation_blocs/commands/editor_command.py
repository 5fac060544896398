"""``python -m emulation_blocs editor-config``: print (or write) the browser editor's
``config.yml``, generated from the article schema and the registry, for a given backend."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pelican.settings import read_settings


def add_editor_config_command(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "editor-config", help="in cấu hình config.yml của trình biên tập (Decap CMS), tạo từ mẫu khai báo và danh mục")
    command.add_argument("-s", "--settings", default="pelicanconf.py")
    command.add_argument("-o", "--output", help="ghi vào tệp này thay vì in ra")
    command.add_argument("--backend", default="local", choices=["local", "github", "gitlab", "gitea"],
                         help="nơi lưu bài: local (bộ ghi tệp trên máy này) hoặc kho git")
    command.add_argument("--repo", default="", help="kho git, dạng chủ-sở-hữu/tên-kho")
    command.add_argument("--branch", default="main")
    command.add_argument("--base-url", default="", help="địa chỉ máy chủ GitLab/Gitea tự cài")
    command.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    # Here, not at the top: every command of the module's command line would load the editor
    # (and its web server) to build a page.
    from ..editing.config import Backend
    from ..editing.server import generate_config, site_root

    if arguments.backend != "local" and not arguments.repo:
        print("LỖI: kho git cần --repo chủ-sở-hữu/tên-kho.", file=sys.stderr)
        return 2
    backend = Backend(arguments.backend, arguments.repo, arguments.branch, arguments.base_url)
    text = generate_config(read_settings(arguments.settings), site_root(arguments.settings), backend)
    if arguments.output:
        Path(arguments.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
