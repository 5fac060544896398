"""The browser editor's parts that need no browser: the configuration generated from the schema
and the registry, the prefill of a new report, the file format's round trip on every report,
the Vietnamese locale, the draft check behind the preview pane, and the published copy."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import CONTENT, ROOT, BuiltSite, build_site
from emulation_blocs.commands.check import read_archive
from emulation_blocs.commands.scaffold import Request, plan
from emulation_blocs.domain.pipeline import load_site_registry
from emulation_blocs.editing import config as config_module
from emulation_blocs.editing.check import check_draft
from emulation_blocs.editing.config import Backend, EditorConfigError, editor_config
from emulation_blocs.settings import apply_defaults
from emulation_blocs.source.validation import load_schema
from pelican.settings import read_settings

TODAY = datetime.date(2024, 12, 20)
SCHEMA = ROOT / "plugins" / "emulation_blocs" / "source" / "schemas" / "article.schema.json"
ARTICLES = sorted((CONTENT / "articles").rglob("*.md"))


def _settings(content: Path = CONTENT) -> dict:
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content),
                                                                      "LOAD_CONTENT_CACHE": False})
    apply_defaults(settings)
    return settings


def _config(content: Path = CONTENT) -> dict:
    settings = _settings(content)
    registry = load_site_registry(settings)
    archive, _problems = read_archive(settings, registry)
    return editor_config(registry, archive, settings, TODAY)


@pytest.fixture(scope="module")
def config() -> dict:
    return _config()


def _collection(config: dict, name: str) -> dict:
    return next(collection for collection in config["collections"] if collection["name"] == name)


def _field(fields: list[dict], path: str) -> dict:
    name, _, rest = path.partition(".")
    found = next(field for field in fields if field["name"] == name)
    return _field(found["fields"], rest) if rest else found


def _schema_fields(node: dict, schema: dict) -> Iterator[tuple[str, dict]]:
    """(path, schema node) of every property, nested ones too."""
    for name, child in node.get("properties", {}).items():
        resolved = schema["$defs"][child["$ref"].rsplit("/", 1)[-1]] if "$ref" in child else child
        yield name, resolved
        inner = resolved.get("items", resolved) if resolved.get("type") == "array" else resolved
        for sub, sub_node in _schema_fields(inner, schema):
            yield f"{name}.{sub}", sub_node


def test_every_schema_property_is_a_labelled_field_of_every_collection(config: dict) -> None:
    schema = load_schema("article.schema.json")
    paths = list(_schema_fields(schema, schema))
    assert len(paths) > 40
    assert len(config["collections"]) == 11  # 5 blocs and 6 provinces in content/registry
    for collection in config["collections"]:
        assert [field["name"] for field in collection["fields"]] == [*schema["properties"], "body"]
        for path, node in paths:
            field = _field(collection["fields"], path)
            assert field["label"] and field["widget"], path
            if "enum" in node:
                assert [option["value"] for option in field["options"]] == node["enum"], path
        assert _field(collection["fields"], "conference.kinds")["multiple"] is True
        assert _field(collection["fields"], "title")["required"] is True
        assert _field(collection["fields"], "summary")["required"] is False


def test_a_schema_property_without_editor_text_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = load_schema("article.schema.json")
    changed = {**schema, "properties": {**schema["properties"], "venue": {"type": "string"}}}
    monkeypatch.setattr(config_module, "load_schema", lambda name: changed)
    with pytest.raises(EditorConfigError, match="venue"):
        _config()


def test_an_enum_value_without_a_label_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = load_schema("article.schema.json")
    period = {"enum": ["ca-nam", "6-thang", "quy"]}
    conference = schema["properties"]["conference"]
    changed = {**schema, "properties": {**schema["properties"], "conference": {
        **conference, "properties": {**conference["properties"], "period": period}}}}
    monkeypatch.setattr(config_module, "load_schema", lambda name: changed)
    with pytest.raises(EditorConfigError, match="quy"):
        _config()


def test_name_fields_offer_the_province_registry_with_aliases(config: dict) -> None:
    fields = _collection(config, "bac-kan--mttq-va-cac-doan-the")["fields"]
    leader = _field(fields, "leadership.leader")
    values = {option["value"]: option["label"] for option in leader["options"]}
    assert values["Hội Nông dân tỉnh"] == "Hội Nông dân tỉnh"
    assert values["HND"] == "HND → Hội Nông dân tỉnh"
    registry = load_site_registry(_settings())
    expected = {name for organisation in registry.organisations["bac-kan"]
                for name in (organisation.name, *organisation.aliases)}
    assert set(values) == expected
    members = _field(fields, "members.list")
    assert members["widget"] == "list" and members["field"]["options"] == leader["options"]
    award_types = {option["value"] for option in _field(fields, "awards.type")["options"]}
    assert set(registry.award_types) <= award_types
    authorities = {option["value"] for option in _field(fields, "awards.authority")["options"]}
    assert "UBND tỉnh" in authorities and "Ủy ban nhân dân tỉnh" in authorities
    quang_ninh = _field(_collection(config, "quang-ninh")["fields"], "leadership.leader")
    assert {option["value"] for option in quang_ninh["options"]} == {
        name for organisation in registry.organisations["quang-ninh"]
        for name in (organisation.name, *organisation.aliases)}


def test_a_registry_change_changes_the_editor(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    registry_file = content / "registry" / "provinces" / "bac-kan.yaml"
    registry_file.write_text(registry_file.read_text(encoding="utf-8") + (
        "  - id: hoi-chu-thap-do\n    name: Hội Chữ thập đỏ tỉnh\n    aliases: [CTĐ]\n    kind: hoi-dac-thu\n"),
        encoding="utf-8")
    fields = _collection(_config(content), "bac-kan")["fields"]
    values = {option["value"] for option in _field(fields, "awards.recipients")["field"]["options"]}
    assert {"Hội Chữ thập đỏ tỉnh", "CTĐ"} <= values


def test_a_new_report_starts_from_the_latest_year_as_make_new_does(config: dict) -> None:
    collection = _collection(config, "bac-kan--mttq-va-cac-doan-the")
    settings = _settings()
    registry = load_site_registry(settings)
    archive, _problems = read_archive(settings, registry)
    draft = plan(registry, archive, settings, Request("bac-kan", "mttq-va-cac-doan-the", "tong-ket", TODAY.isoformat()))
    fields = collection["fields"]
    members = [organisation.name for organisation in draft.members.organisations]
    assert _field(fields, "members.list")["default"] == members
    assert _field(fields, "members.year")["default"] == 2024
    assert _field(fields, "leadership")["default"] == [
        {"year": 2021, "leader": "Liên đoàn Lao động tỉnh", "deputy": "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh",
         "chosen": "de-cu"}]
    assert _field(fields, "source.paper")["default"] == "Báo Bắc Kạn"
    assert collection["filter"] == {"field": "bloc", "value": "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh"}
    assert collection["folder"] == "content/articles/bac-kan" and collection["create"] is True
    assert "default" not in _field(_collection(config, "bac-kan")["fields"], "members.list")


def test_the_local_backend_and_a_git_backend() -> None:
    settings = _settings()
    registry = load_site_registry(settings)
    archive, _problems = read_archive(settings, registry)
    local = editor_config(registry, archive, settings, TODAY)
    assert local["local_backend"]["url"] == "http://127.0.0.1:8081/api/v1"
    github = editor_config(registry, archive, settings, TODAY, Backend("github", "so-tt/tin-khoi", "main"))
    assert github["backend"] == {"name": "github", "repo": "so-tt/tin-khoi", "branch": "main"}
    assert "local_backend" not in github


def _node(*arguments: str) -> list[dict]:
    node = shutil.which("node")
    assert node, "Node.js is needed (see .ci/run)"
    result = subprocess.run([node, *arguments], cwd=ROOT, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.node
def test_opening_and_saving_every_report_keeps_its_bytes() -> None:
    results = _node("tools/editor_roundtrip.mjs", str(SCHEMA), *map(str, ARTICLES))
    assert len(results) == len(ARTICLES) == 5
    assert [result["file"] for result in results if not result["unchanged"]] == []
    assert [result["file"] for result in results if not result["document"]] == []


@pytest.mark.node
def test_a_change_keeps_comments_flow_lists_and_order_and_drops_empty_fields() -> None:
    [result] = _node("tools/editor_edit.mjs", str(SCHEMA))
    text = result["text"]
    assert text.startswith("---\n# Ghi chú của người viết\ntitle: Tiêu đề\n")
    assert "  kinds: [tong-ket, trien-khai]\n" in text
    assert "  place: Hạ Long\n  year_reviewed: 2020\n" in text  # inserted where the schema puts it
    assert "summary" not in text and "handover" not in text
    assert text.endswith("---\nNội dung.\n")


@pytest.mark.node
def test_the_vietnamese_locale_translates_every_key_of_the_english_one() -> None:
    [result] = _node("tools/editor_locale.mjs")
    assert result["missing"] == []
    assert result["english"] == []


def test_the_draft_check_names_the_field_and_renders_the_body() -> None:
    relative = "articles/bac-kan/2020/2020-12-30-khoi-mttq-cac-doan-the-tong-ket-2020.md"
    text = (CONTENT / relative).read_text(encoding="utf-8")
    clean = check_draft(_settings(), relative, text)
    assert clean.problems == []
    assert "<p>Chiều 29/12/2020" in clean.html
    broken = check_draft(_settings(), relative, text.replace("leader: Hội LHPN tỉnh", "leader: Hội Phụ lão"))
    assert [(found.code, found.field) for found in broken.problems] == [("TD203", "leadership[0].leader")]
    assert "Hội Phụ lão" in broken.problems[0].message


def test_the_draft_check_refuses_a_file_that_is_a_years_news_page() -> None:
    """A report saved as articles/<province>/<year>/index.md would be written over the page of
    that year's news: the draft check says so (TD406), as a build does."""
    relative = "articles/bac-kan/2021/index.md"
    text = (ROOT / "tests/broken/td406-trung-trang-danh-sach-nam" / relative).read_text(encoding="utf-8")
    found = check_draft(_settings(), relative, text).problems
    assert [(problem.code, problem.field) for problem in found] == [("TD406", "slug")]
    assert "tin/2021/index.html" in found[0].message


def test_the_site_has_no_editor_unless_a_setting_asks(site: BuiltSite, tmp_path: Path) -> None:
    assert not (site.output / "admin").exists()
    published = build_site(CONTENT, tmp_path / "output", BLOCS_EDITOR_BACKEND={
        "name": "gitea", "repo": "so-tt/tin-khoi", "branch": "main", "base_url": "https://git.example.vn"})
    admin = published.output / "admin"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "gitea", "repo": "so-tt/tin-khoi", "branch": "main",
                                 "base_url": "https://git.example.vn"}
    assert "local_backend" not in config
    assert (admin / "vendor" / "decap-cms" / "decap-cms.js").is_file()
    assert (admin / "vendor" / "yaml" / "index.js").is_file()
    page = published.page("admin/index.html")
    assert [script.get("src") for script in page.find_all("script") if script.get("src")] == [
        "vendor/decap-cms/decap-cms.js", "editor.js"]
