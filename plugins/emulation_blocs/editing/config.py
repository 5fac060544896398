"""The configuration of the browser editor (Decap CMS), generated from the article schema and
the registry, so that a change to either changes the editor without hand edits.

Every property of ``schemas/article.schema.json`` becomes a field with a widget chosen from its
type; enumerations become select lists labelled in Vietnamese; names (organisations, blocs, award
types, authorities) become select lists of the registry's entries of the province, one option per
name and per alias (Decap's select searches them with or without tone marks). A property the
generator has no Vietnamese text for, or an enumerated value without a label, is an error: the
schema and the editor cannot drift apart.

There is one collection per bloc, listing the reports that name the bloc as the registry spells
it, whose new reports start from what ``make new`` would write (members, leader and deputy of
the bloc's latest year), and one per province that lists all of its reports whatever the
spelling, for editing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..commands.scaffold import Draft, Request, ScaffoldError, guess_year, plan
from ..domain.aggregate import Archive
from ..domain.model import Bloc, BlocYear, Organisation, Province
from ..registry.registry import Registry
from ..source.validation import load_schema
from .texts import BODY_TEXT, ENUM_LABELS, FIELD_TEXTS, NAME_KINDS

FORMAT_NAME = "blocs-frontmatter"  # registered by the editor's script (theme of its own, editor/)
DECAP_DATE = "YYYY-MM-DD"
LOCAL_PROXY_PORT = 8081


class EditorConfigError(Exception):
    """The schema has something the editor cannot show; the message names it."""


@dataclass(frozen=True)
class Backend:
    """Where the editor saves: Decap's local proxy (``local``), or a git host."""

    name: str = "local"  # local, github, gitlab, gitea
    repo: str = ""
    branch: str = "main"
    base_url: str = ""  # the host's address for a self-hosted GitLab or Gitea
    api_root: str = ""
    proxy_port: int = LOCAL_PROXY_PORT

    def decap(self) -> dict[str, Any]:
        if self.name == "local":
            # The real backend is the local proxy (``local_backend``); Decap still wants a name here.
            return {"name": "git-gateway", "branch": self.branch}
        backend: dict[str, Any] = {"name": self.name, "repo": self.repo, "branch": self.branch}
        if self.base_url:
            backend["base_url"] = self.base_url
        if self.api_root:
            backend["api_root"] = self.api_root
        return backend


def editor_config(registry: Registry, archive: Archive, settings: Mapping[str, Any], today: datetime.date,
                  backend: Backend | None = None, content: str = "content") -> dict[str, Any]:
    """The whole configuration, as the data of Decap's ``config.yml``; ``content`` is the content
    folder from the repository's root (where Decap's paths start)."""
    backend = backend or Backend()
    schema = load_schema("article.schema.json")
    articles = str(settings.get("ARTICLE_PATHS", ["articles"])[0])
    config: dict[str, Any] = {
        "backend": backend.decap(),
        "locale": "vi",
        "publish_mode": "simple",
        "media_folder": f"{content}/images",
        "public_folder": "/images",
        "site_url": str(settings.get("SITEURL") or "/"),
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [],
    }
    if backend.name == "local":
        config["local_backend"] = {"url": f"http://127.0.0.1:{backend.proxy_port}/api/v1",
                                   "allowed_hosts": ["localhost", "127.0.0.1"]}
    for province in registry.provinces.values():
        folder = f"{content}/{articles}/{province.id}"
        options: dict[str, list[dict[str, str]]] = {}
        for bloc in registry.blocs.get(province.id, []):
            prefill = _prefill(registry, archive, settings, province, bloc, today)
            fields = _fields(_Context(schema, registry, province, prefill, options))
            config["collections"].append(_bloc_collection(province, bloc, folder, fields))
        fields = _fields(_Context(schema, registry, province, {}, options))
        config["collections"].append(_province_collection(province, folder, fields))
    return config


def render_config(config: Mapping[str, Any]) -> str:
    """``config.yml``: YAML, keys in the order built, Vietnamese left readable."""
    header = "# Tạo tự động bởi «python -m emulation_blocs editor-config» từ mẫu khai báo và danh mục: đừng sửa tay.\n"
    return header + yaml.safe_dump(dict(config), allow_unicode=True, sort_keys=False, width=1000)


# Collections


def _base_collection(name: str, label: str, folder: str, fields: list[dict]) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "label_singular": "bài",
        "folder": folder,
        "extension": "md",
        "format": FORMAT_NAME,
        "path": "{{year}}/{{slug}}",
        "summary": "{{fields.date}} · {{title}}",
        "sortable_fields": ["date", "title"],
        "fields": fields,
    }


def _bloc_collection(province: Province, bloc: Bloc, folder: str, fields: list[dict]) -> dict[str, Any]:
    collection = _base_collection(f"{province.id}--{bloc.id}", f"{province.name} · {bloc.name}", folder, fields)
    collection.update({
        "description": f"Các bài về {bloc.name} ({province.name}) ghi tên khối đúng như danh mục. "
                       "Bài mới được điền sẵn thành viên, Khối trưởng và Khối phó của năm gần nhất đã biết: "
                       "sửa lại theo bài báo.",
        "create": True,
        "filter": {"field": "bloc", "value": bloc.name},
        # The file name «make new» gives, without the kind of conference (a list in the form), ending
        # with the year the meeting is for: a review gives year_reviewed, any other meeting year,
        # and a field left out is empty in Decap's template.
        "slug": "{{year}}-{{month}}-{{day}}-" + f"{province.id}-{bloc.id}-"
                + "{{fields.conference.year_reviewed}}{{fields.conference.year}}",
    })
    return collection


def _province_collection(province: Province, folder: str, fields: list[dict]) -> dict[str, Any]:
    collection = _base_collection(province.id, f"{province.name} · mọi bài", folder, fields)
    collection.update({
        "description": f"Mọi bài của tỉnh {province.name}, kể cả bài ghi tên khối bằng tên gọi khác. "
                       "Tạo bài mới ở mục của từng khối.",
        "create": False,
        "view_groups": [{"label": "Khối", "field": "bloc"}],
    })
    return collection


# Fields


def _fields(context: _Context) -> list[dict]:
    schema = context.schema
    fields = [context.field(key, node, (key,), key in schema.get("required", ()))
              for key, node in schema["properties"].items()]
    label, hint = BODY_TEXT
    fields.append({"name": "body", "label": label, "hint": hint, "widget": "markdown",
                   "modes": ["rich_text", "raw"], "required": False})
    return fields


@dataclass(frozen=True)
class _Context:
    schema: dict
    registry: Registry
    province: Province
    prefill: dict[str, Any]
    # One list object per kind of name, so that config.yml writes it once and refers to it.
    options: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def field(self, name: str, node: dict, path: tuple[str, ...], required: bool) -> dict[str, Any]:
        key = ".".join(path)
        if key not in FIELD_TEXTS:
            raise EditorConfigError(f"Trường «{key}» của mẫu khai báo chưa có nhãn tiếng Việt trong editor_texts.py.")
        label, hint = FIELD_TEXTS[key]
        made: dict[str, Any] = {"name": name, "label": label, "required": required}
        if hint:
            made["hint"] = hint
        made.update(self.widget(self.resolve(node), key, path))
        if key in self.prefill:
            made["default"] = self.prefill[key]
        return made

    def resolve(self, node: dict) -> dict:
        reference = node.get("$ref")
        if reference is None:
            return node
        return self.resolve(self.schema["$defs"][reference.rsplit("/", 1)[-1]])

    def widget(self, node: dict, key: str, path: tuple[str, ...]) -> dict[str, Any]:
        if key in NAME_KINDS:
            return self.names_widget(node, key)
        if "enum" in node:
            return {"widget": "select", "options": _enum_options(key, node["enum"])}
        kind = node.get("type")
        if kind == "object":
            # Inside an optional group, Decap would refuse to save until every required field of
            # the group is filled, even when the report has no such group: check says it instead.
            required = node.get("required", ()) if self.required_group(path) else ()
            return {"widget": "object", "collapsed": False,
                    "fields": [self.field(name, sub, (*path, name), name in required)
                               for name, sub in node["properties"].items()]}
        if kind == "array":
            return self.array_widget(node, key, path)
        if kind == "integer":
            return _number_widget(node)
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind == "string":
            return _string_widget(node, key)
        raise EditorConfigError(f"Trường «{key}»: kiểu «{kind}» chưa có ô nhập trong trình biên tập.")

    def required_group(self, path: tuple[str, ...]) -> bool:
        return len(path) == 1 and path[0] in self.schema.get("required", ())

    def array_widget(self, node: dict, key: str, path: tuple[str, ...]) -> dict[str, Any]:
        items = self.resolve(node["items"])
        if "enum" in items:
            return {"widget": "select", "multiple": True, "options": _enum_options(key, items["enum"]),
                    **({"min": node["minItems"]} if "minItems" in node else {})}
        if items.get("type") == "string":  # words as written, one a line
            return {"widget": "list", "collapsed": False,
                    "field": {"name": "value", "label": "Giá trị", "widget": "string"}}
        if items.get("type") != "object":
            raise EditorConfigError(f"Trường «{key}»: danh sách các giá trị «{items.get('type')}» chưa có ô nhập.")
        required = items.get("required", ())
        return {"widget": "list", "collapsed": False, "add_to_top": False,
                "fields": [self.field(name, sub, (*path, name), name in required)
                           for name, sub in items["properties"].items()]}

    def names_widget(self, node: dict, key: str) -> dict[str, Any]:
        kind = NAME_KINDS[key]
        if kind not in self.options:
            self.options[kind] = name_options(self.registry, self.province, kind)
        options = self.options[kind]
        if node.get("type") == "array":
            return {"widget": "list", "collapsed": False,
                    "field": {"name": "name", "label": "Tên", "widget": "select", "options": options}}
        return {"widget": "select", "options": options}


def _enum_options(key: str, values: Iterable[str]) -> list[dict[str, str]]:
    labels = ENUM_LABELS.get(key, {})
    missing = [value for value in values if value not in labels]
    if missing:
        raise EditorConfigError(f"Trường «{key}»: giá trị {', '.join(missing)} chưa có nhãn tiếng Việt.")
    return [{"label": labels[value], "value": value} for value in values]


def _number_widget(node: dict) -> dict[str, Any]:
    widget: dict[str, Any] = {"widget": "number", "value_type": "int"}
    for bound in ("minimum", "maximum"):
        if bound in node:
            widget[bound[:3]] = node[bound]
    return widget


def _string_widget(node: dict, key: str) -> dict[str, Any]:
    if node.get("format") in ("date", "date-or-datetime"):
        # A date picker; the file keeps NĂM-THÁNG-NGÀY. «modified» stays empty unless filled in.
        return {"widget": "datetime", "format": DECAP_DATE, "date_format": "DD/MM/YYYY", "time_format": False,
                **({"default": ""} if key == "modified" else {})}
    if node.get("format") == "meeting-date":  # a day, or only the month: no date picker writes both
        return {"widget": "string", "pattern": [r"^\d{4}-\d{2}(-\d{2})?$", "Viết NĂM-THÁNG-NGÀY, hoặc NĂM-THÁNG."]}
    widget: dict[str, Any] = {"widget": "text" if key in LONG_TEXTS else "string"}
    if "pattern" in node:
        widget["pattern"] = [node["pattern"], PATTERN_MESSAGES.get(key, "Giá trị không đúng dạng.")]
    return widget


LONG_TEXTS = {"summary", "awards.as_written", "members.note"}
PATTERN_MESSAGES = {
    "slug": "Chỉ chữ thường không dấu, số và dấu gạch ngang, ví dụ tong-ket-khoi-mttq-2020.",
    "source.url": "Địa chỉ phải bắt đầu bằng http:// hoặc https://.",
}


# Options from the registry


def name_options(registry: Registry, province: Province, kind: str) -> list[dict[str, str]]:
    """One option per name and per alias; an alias's label names the entry it stands for, so that
    a writer finds «HND» or «hoi nong dan» and sees «Hội Nông dân tỉnh»."""
    options: list[dict[str, str]] = []
    for value, name, aliases in _named_entries(registry, province, kind):
        options.append({"label": name, "value": value})
        options.extend({"label": f"{alias} → {name}", "value": alias} for alias in aliases)
    return options


def _named_entries(registry: Registry, province: Province, kind: str) -> list[tuple[str, str, tuple[str, ...]]]:
    if kind == "organisation":
        return [(entry.name, entry.name, (*entry.aliases, *entry.former_names))
                for entry in registry.organisations.get(province.id, [])]
    if kind == "bloc":
        return [(entry.name, entry.name, (*entry.aliases, *entry.former_names))
                for entry in registry.blocs.get(province.id, [])]
    if kind == "province":
        return [(province.name, province.name, province.aliases)]
    if kind == "award_type":
        return [(entry.code, entry.name, entry.aliases) for entry in registry.award_types.values()]
    if kind == "authority":
        return [(entry.name, entry.name, entry.aliases) for entry in registry.authorities.values()]
    raise EditorConfigError(f"Loại tên «{kind}» không có trong danh mục.")


# What a new report starts with


def _prefill(registry: Registry, archive: Archive, settings: Mapping[str, Any], province: Province, bloc: Bloc,
             today: datetime.date) -> dict[str, Any]:
    """The defaults of a new report of ``bloc``, as ``make new`` fills a year review held today
    (or on the province's last day, for a former province)."""
    day = min(today, province.until) if province.until else today
    try:
        draft = plan(registry, archive, settings, Request(province.id, bloc.id, "tong-ket", day.isoformat()))
    except ScaffoldError:  # no paper known: the writer types it
        draft = None
    year = draft.year if draft else guess_year("tong-ket", day)
    prefill: dict[str, Any] = {
        "province": province.name,
        "bloc": bloc.name,
        "conference.kinds": ["tong-ket"],
        "conference.year_reviewed": year,
        "conference.period": "ca-nam",
    }
    if draft is None:
        return prefill
    prefill.update({"title": draft.title, "source.paper": draft.paper})
    if draft.author:  # none unless configured: a byline is never made up
        prefill["author"] = draft.author
    if draft.members is not None:
        prefill.update({"members.year": year, "members.list": [_name(member) for member in draft.members.organisations],
                        "members.complete": draft.members.complete})
    leaders = _latest_leaders(draft)
    if leaders is not None:
        prefill["leadership"] = [leaders]
    return prefill


def _latest_leaders(draft: Draft) -> dict[str, Any] | None:
    """Leader and deputy of the latest year known up to the year reviewed, as one list item."""
    bloc_year: BlocYear | None = draft.current if draft.current and (draft.current.leader or draft.current.deputy) \
        else draft.earlier_leaders
    if bloc_year is None:
        return None
    item: dict[str, Any] = {"year": bloc_year.year}
    for key in ("leader", "deputy"):
        fact = getattr(bloc_year, key)
        if fact is not None:
            item[key] = _name(fact.value)
    chosen = next((fact.detail for fact in (bloc_year.leader, bloc_year.deputy) if fact and fact.detail), None)
    if chosen:
        item["chosen"] = chosen
    return item


def _name(organisation: Organisation) -> str:
    return organisation.name
