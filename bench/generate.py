"""A synthetic national archive for the benchmark: a registry and reports shaped like the real ones.

    python bench/generate.py --articles 4000 --out /tmp/blocs-bench/a4000

writes ``<out>/content/registry/`` (the project's national.yaml, one file per province with about
fifteen blocs and clusters and their organisations, with aliases) and
``<out>/content/articles/<province>/<year>/*.md``: per bloc and year two to four reports (the
year review, and some of: half-year review, pact signing, leader handover) with members,
leaders and deputies rotating year by year, awards proposed and conferred, movements, and a
Vietnamese body of about the length of a real report. Names are written through their aliases,
as the papers do.

The same arguments give the same bytes: one seeded RNG per province, no clock, no network.
The facts agree with each other, so ``make check`` finds no problem in the archive.
"""

from __future__ import annotations

import argparse
import datetime
import random
import re
import shutil
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NATIONAL_REGISTRY = ROOT / "content" / "registry" / "national.yaml"
LAST_YEAR = 2024  # the newest year reviewed: every report is published before the July 2025 merger
DEFAULT_SEED = 2025

# The 34 provincial units from 1 July 2025 (Resolution 202/2025/QH15); "city" for the six cities.
UNITS = [
    ("Hà Nội", "city"), ("Huế", "city"), ("Hải Phòng", "city"), ("Đà Nẵng", "city"),
    ("Hồ Chí Minh", "city"), ("Cần Thơ", "city"), ("Lai Châu", "province"), ("Điện Biên", "province"),
    ("Sơn La", "province"), ("Lạng Sơn", "province"), ("Quảng Ninh", "province"), ("Thanh Hóa", "province"),
    ("Nghệ An", "province"), ("Hà Tĩnh", "province"), ("Cao Bằng", "province"), ("Tuyên Quang", "province"),
    ("Lào Cai", "province"), ("Thái Nguyên", "province"), ("Phú Thọ", "province"), ("Bắc Ninh", "province"),
    ("Hưng Yên", "province"), ("Ninh Bình", "province"), ("Quảng Trị", "province"), ("Quảng Ngãi", "province"),
    ("Gia Lai", "province"), ("Khánh Hòa", "province"), ("Lâm Đồng", "province"), ("Đắk Lắk", "province"),
    ("Đồng Nai", "province"), ("Tây Ninh", "province"), ("Vĩnh Long", "province"), ("Đồng Tháp", "province"),
    ("Cà Mau", "province"), ("An Giang", "province"),
]
# The 29 units merged into another on 1 July 2025, with their successor (63 before that date).
FORMER_UNITS = [
    ("Hà Giang", "Tuyên Quang"), ("Yên Bái", "Lào Cai"), ("Bắc Kạn", "Thái Nguyên"), ("Vĩnh Phúc", "Phú Thọ"),
    ("Hòa Bình", "Phú Thọ"), ("Bắc Giang", "Bắc Ninh"), ("Thái Bình", "Hưng Yên"), ("Hà Nam", "Ninh Bình"),
    ("Nam Định", "Ninh Bình"), ("Quảng Bình", "Quảng Trị"), ("Kon Tum", "Quảng Ngãi"), ("Bình Định", "Gia Lai"),
    ("Ninh Thuận", "Khánh Hòa"), ("Đắk Nông", "Lâm Đồng"), ("Bình Thuận", "Lâm Đồng"), ("Phú Yên", "Đắk Lắk"),
    ("Bình Phước", "Đồng Nai"), ("Long An", "Tây Ninh"), ("Bến Tre", "Vĩnh Long"), ("Trà Vinh", "Vĩnh Long"),
    ("Tiền Giang", "Đồng Tháp"), ("Bạc Liêu", "Cà Mau"), ("Kiên Giang", "An Giang"), ("Hải Dương", "Hải Phòng"),
    ("Quảng Nam", "Đà Nẵng"), ("Bình Dương", "Hồ Chí Minh"), ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("Hậu Giang", "Cần Thơ"), ("Sóc Trăng", "Cần Thơ"),
]

# Organisations: (name without the unit word, aliases, kind). "{u}" is "tỉnh" or "thành phố".
Org = tuple[str, tuple[str, ...], str]
MASS = [
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", ("Ủy ban MTTQ Việt Nam", "UBMTTQ", "MTTQ"), "mat-tran"),
    ("Liên đoàn Lao động", ("LĐLĐ", "Liên đoàn lao động"), "chinh-tri-xa-hoi"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", ("Đoàn TNCS Hồ Chí Minh", "Đoàn TNCS HCM", "{U} Đoàn"),
     "chinh-tri-xa-hoi"),
    ("Hội Liên hiệp Phụ nữ", ("Hội LHPN", "Hội Phụ nữ", "LHPN"), "chinh-tri-xa-hoi"),
    ("Hội Nông dân", ("Hội ND", "HND"), "chinh-tri-xa-hoi"),
    ("Hội Cựu chiến binh", ("Hội CCB", "CCB"), "chinh-tri-xa-hoi"),
]
SPECIAL = [
    ("Hội Người cao tuổi", ("Hội NCT", "Ban đại diện Hội Người cao tuổi"), "hoi-dac-thu"),
    ("Hội Chữ thập đỏ", ("Hội CTĐ",), "hoi-dac-thu"),
    ("Hội Cựu thanh niên xung phong", ("Hội Cựu TNXP",), "hoi-dac-thu"),
    ("Hội Người mù", (), "hoi-dac-thu"),
    ("Hội Nạn nhân chất độc da cam/dioxin", ("Hội Nạn nhân chất độc da cam", "Hội NNCĐDC"), "hoi-dac-thu"),
    ("Hội Luật gia", (), "hoi-dac-thu"),
    ("Hội Nhà báo", (), "hoi-dac-thu"),
    ("Liên hiệp các Hội Văn học Nghệ thuật", ("Liên hiệp các Hội VHNT", "Hội VHNT"), "hoi-dac-thu"),
    ("Liên hiệp các Hội Khoa học và Kỹ thuật", ("Liên hiệp các Hội KH&KT",), "hoi-dac-thu"),
    ("Hội Khuyến học", (), "hoi"),
    ("Hội Cựu giáo chức", (), "hoi-dac-thu"),
    ("Hội Người khuyết tật, Nạn nhân da cam và Bảo trợ quyền trẻ em", ("Hội Bảo trợ NKT và QTE",), "hoi"),
]
PARTY = [
    ("Ban Tổ chức {U} ủy", ("Ban Tổ chức",), "co-quan-dang"),
    ("Ban Tuyên giáo và Dân vận {U} ủy", ("Ban Tuyên giáo và Dân vận", "Ban TG&DV"), "co-quan-dang"),
    ("Ủy ban Kiểm tra {U} ủy", ("UBKT {U} ủy", "Ủy ban Kiểm tra"), "co-quan-dang"),
    ("Ban Nội chính {U} ủy", ("Ban Nội chính",), "co-quan-dang"),
    ("Văn phòng {U} ủy", (), "co-quan-dang"),
    ("Đảng ủy các cơ quan Đảng", ("Đảng ủy Khối các cơ quan Đảng",), "co-quan-dang"),
    ("Trường Chính trị", (), "co-quan-dang"),
]
JUSTICE = [
    ("Công an", ("Công an {u}",), "co-quan-nha-nuoc"),
    ("Bộ Chỉ huy Quân sự", ("Bộ CHQS", "Bộ CHQS {u}"), "co-quan-nha-nuoc"),
    ("Tòa án nhân dân", ("TAND", "Tòa án"), "co-quan-nha-nuoc"),
    ("Viện Kiểm sát nhân dân", ("VKSND", "Viện Kiểm sát"), "co-quan-nha-nuoc"),
    ("Sở Tư pháp", (), "co-quan-nha-nuoc"),
    ("Thanh tra", ("Thanh tra {u}",), "co-quan-nha-nuoc"),
    ("Thi hành án dân sự", ("Cục Thi hành án dân sự", "THADS"), "co-quan-nha-nuoc"),
]
ECONOMY = [
    ("Sở Tài chính", (), "co-quan-nha-nuoc"),
    ("Sở Công Thương", (), "co-quan-nha-nuoc"),
    ("Thuế", ("Cục Thuế", "Thuế {u}"), "co-quan-nha-nuoc"),
    ("Kho bạc Nhà nước khu vực", ("Kho bạc Nhà nước", "KBNN"), "co-quan-nha-nuoc"),
    ("Thống kê", ("Cục Thống kê",), "co-quan-nha-nuoc"),
    ("Ngân hàng Nhà nước chi nhánh", ("Ngân hàng Nhà nước",), "co-quan-nha-nuoc"),
]
SOCIETY = [
    ("Sở Văn hóa, Thể thao và Du lịch", ("Sở VHTTDL", "Sở Văn hóa - Thể thao và Du lịch"), "co-quan-nha-nuoc"),
    ("Sở Giáo dục và Đào tạo", ("Sở GD&ĐT", "Sở GDĐT"), "co-quan-nha-nuoc"),
    ("Sở Y tế", (), "co-quan-nha-nuoc"),
    ("Sở Nội vụ", (), "co-quan-nha-nuoc"),
    ("Báo và Phát thanh, Truyền hình", ("Báo và PT-TH",), "co-quan-nha-nuoc"),
    ("Sở Dân tộc và Tôn giáo", (), "co-quan-nha-nuoc"),
]
INFRASTRUCTURE = [
    ("Sở Nông nghiệp và Môi trường", ("Sở NN&MT",), "co-quan-nha-nuoc"),
    ("Sở Xây dựng", (), "co-quan-nha-nuoc"),
    ("Sở Khoa học và Công nghệ", ("Sở KH&CN",), "co-quan-nha-nuoc"),
    ("Ban Quản lý các khu công nghiệp", ("Ban Quản lý các KCN",), "co-quan-nha-nuoc"),
    ("Ban Quản lý dự án đầu tư xây dựng", ("Ban QLDA đầu tư xây dựng",), "co-quan-nha-nuoc"),
]
BANKS = [
    ("Agribank chi nhánh", ("Agribank",), "doanh-nghiep"),
    ("Vietcombank chi nhánh", ("Vietcombank",), "doanh-nghiep"),
    ("BIDV chi nhánh", ("BIDV",), "doanh-nghiep"),
    ("VietinBank chi nhánh", ("VietinBank",), "doanh-nghiep"),
    ("Ngân hàng Chính sách xã hội chi nhánh", ("Ngân hàng CSXH", "NHCSXH"), "doanh-nghiep"),
]
ENTERPRISES = [
    ("Công ty Điện lực", ("Điện lực",), "doanh-nghiep"),
    ("Viễn thông", ("VNPT",), "doanh-nghiep"),
    ("Viettel", (), "doanh-nghiep"),
    ("Bưu điện", (), "doanh-nghiep"),
    ("Công ty Cổ phần Cấp nước", ("Công ty Cấp nước",), "doanh-nghiep"),
    ("Công ty Xổ số kiến thiết", ("Xổ số kiến thiết",), "doanh-nghiep"),
]
SCHOOLS = [
    ("Trường Cao đẳng Y tế", (), "co-quan-nha-nuoc"),
    ("Trường Cao đẳng Sư phạm", (), "co-quan-nha-nuoc"),
    ("Trường Cao đẳng nghề", (), "co-quan-nha-nuoc"),
    ("Trường Cao đẳng Cộng đồng", (), "co-quan-nha-nuoc"),
    ("Trung tâm Giáo dục thường xuyên", ("Trung tâm GDTX",), "co-quan-nha-nuoc"),
]

# Blocs: (id, kind, number, name without the unit word, aliases, members).
KHOI = [
    ("mttq-va-cac-doan-the", "khoi", None, "Khối thi đua Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
     ("Khối thi đua MTTQ và các đoàn thể", "Khối MTTQ và các đoàn thể"), MASS),
    ("cac-hoi-dac-thu", "khoi", "II", "Khối thi đua II - Các hội đặc thù",
     ("Khối thi đua II", "Khối các hội đặc thù", "Khối thi đua các hội đặc thù"), SPECIAL),
    ("cac-co-quan-dang", "khoi", "I", "Khối thi đua I - Các cơ quan Đảng",
     ("Khối thi đua I", "Khối các cơ quan Đảng"), PARTY),
    ("noi-chinh", "khoi", "III", "Khối thi đua III - Nội chính", ("Khối thi đua III", "Khối Nội chính"), JUSTICE),
    ("kinh-te-tong-hop", "khoi", "IV", "Khối thi đua IV - Kinh tế tổng hợp",
     ("Khối thi đua IV", "Khối Kinh tế tổng hợp"), ECONOMY),
    ("van-hoa-xa-hoi", "khoi", "V", "Khối thi đua V - Văn hóa - Xã hội",
     ("Khối thi đua V", "Khối Văn hóa - Xã hội", "Khối Văn hoá xã hội"), SOCIETY),
    ("kinh-te-ky-thuat", "khoi", "VI", "Khối thi đua VI - Kinh tế kỹ thuật",
     ("Khối thi đua VI", "Khối Kinh tế kỹ thuật"), INFRASTRUCTURE),
    ("ngan-hang", "khoi", "VII", "Khối thi đua VII - Ngân hàng", ("Khối thi đua VII", "Khối Ngân hàng"), BANKS),
    ("doanh-nghiep", "khoi", "VIII", "Khối thi đua VIII - Doanh nghiệp",
     ("Khối thi đua VIII", "Khối Doanh nghiệp"), ENTERPRISES),
    ("cac-truong", "khoi", "IX", "Khối thi đua IX - Các trường", ("Khối thi đua IX", "Khối các trường"), SCHOOLS),
]
CLUSTERS = 5  # numbered clusters of localities per province
LOCALITIES_PER_CLUSTER = 5
SYLLABLES = ("An", "Bình", "Phú", "Tân", "Hòa", "Lộc", "Thuận", "Đông", "Tây", "Sơn", "Thạch", "Hưng", "Vĩnh",
             "Mỹ", "Quảng", "Yên", "Lạc", "Thủy", "Hải", "Trung", "Phước", "Long", "Thanh", "Đức", "Xuân",
             "Cẩm", "Kim", "Ninh", "Gia", "Hội")

AUTHORS = ("Thu Trang", "Minh Hằng", "Hoàng Giang", "Phương Thảo", "Quốc Tuấn", "Ngọc Lan", "Văn Hùng",
           "Thanh Hà", "Đức Anh", "Bảo Ngọc", "Hữu Nghĩa", "Kim Oanh", "Trọng Đạt", "Mai Phương")
CHOSEN = ("luan-phien", "bau", "suy-ton", "phan-cong")
MOVEMENTS_BY_ORG = (
    "Tuổi cao gương sáng", "Phụ nữ tích cực học tập, lao động sáng tạo, xây dựng gia đình hạnh phúc",
    "Nông dân sản xuất, kinh doanh giỏi", "Tuổi trẻ sáng tạo", "Cựu chiến binh gương mẫu", "Xanh - Sạch - Đẹp",
    "Dân vận khéo", "Vì an ninh Tổ quốc", "Cán bộ, công chức thi đua thực hiện văn hóa công sở",
)
MOVEMENTS_BY_PROVINCE = (
    "{p} chung sức xây dựng nông thôn mới", "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
    "Toàn dân đoàn kết xây dựng đời sống văn hóa", "Thi đua chuyển đổi số {p}",
)


@dataclass
class Organisation:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str

    def spelled(self, rng: random.Random) -> str:
        """The name as a report writes it: the full name half the time, else an alias."""
        if self.aliases and rng.random() < 0.5:
            return rng.choice(self.aliases)
        return self.name


@dataclass
class Bloc:
    id: str
    kind: str
    number: str | None
    name: str
    aliases: tuple[str, ...]
    members: list[Organisation]
    rotation: int  # which member leads in year 0


@dataclass
class Province:
    id: str
    name: str
    unit: str  # "tỉnh" or "thành phố"
    aliases: tuple[str, ...]
    paper: str
    until: str | None = None
    successor: str | None = None
    blocs: list[Bloc] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    """One report to write: a bloc, the year it reviews and what kind of meeting."""

    province: Province
    bloc: Bloc
    year: int
    kind: str  # review | half-year | pact | handover


# Names


def ascii_slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    words = "".join(char if char.isalnum() else " " for char in plain).split()
    return "-".join(words)


def _unit_words(unit: str) -> tuple[str, str]:
    return unit, "Tỉnh" if unit == "tỉnh" else "Thành"


def _organisation(template: Org, unit: str) -> Organisation:
    name, aliases, kind = template
    lower, upper = _unit_words(unit)
    full = f"{name} {lower}" if "{U}" not in name else name.replace("{U}", upper)
    spelled = tuple(alias.replace("{u}", lower).replace("{U}", upper) for alias in aliases)
    return Organisation(ascii_slug(name.replace("{U}", upper)), full, spelled, kind)


def _locality(rng: random.Random, used: set[str], unit: str) -> Organisation:
    while True:
        place = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        if place not in used and place.split()[0] != place.split()[1]:
            used.add(place)
            break
    level = rng.choice(("huyện", "huyện", "huyện", "thị xã", "thành phố"))
    if unit == "thành phố" and level == "huyện":
        level = "quận"
    name = f"Ủy ban nhân dân {level} {place}"
    return Organisation(ascii_slug(name), name, (f"UBND {level} {place}", f"{level.capitalize()} {place}"),
                        "dia-phuong")


# The registry


def make_province(name: str, category: str, seed: int, successor: str | None = None) -> Province:
    rng = random.Random(f"{seed}:registry:{name}")
    unit = "thành phố" if category == "city" else "tỉnh"
    aliases = (f"TP {name}", f"Thành phố {name}") if category == "city" else (f"tỉnh {name}",)
    if name == "Hồ Chí Minh":
        aliases = (*aliases, "TP HCM", "TP.HCM")
    province = Province(ascii_slug(name), name, unit, aliases, f"Báo {name}")
    if successor:
        province.until, province.successor = "2025-06-30", ascii_slug(successor)
    for bloc_id, kind, number, bloc_name, aliases_, members in KHOI:
        organisations = [_organisation(template, unit) for template in members]
        province.blocs.append(_bloc(rng, bloc_id, kind, number, f"{bloc_name} {unit}", aliases_, organisations))
    used: set[str] = set()
    for number in range(1, CLUSTERS + 1):
        localities = [_locality(rng, used, unit) for _ in range(LOCALITIES_PER_CLUSTER)]
        province.blocs.append(_bloc(rng, f"cum-{number}", "cum", str(number), f"Cụm thi đua số {number} {unit}",
                                    (f"Cụm thi đua số {number}", f"Cụm số {number}"), localities))
    province.organisations = [member for bloc in province.blocs for member in bloc.members]
    return province


def _bloc(rng: random.Random, bloc_id: str, kind: str, number: str | None, name: str, aliases: tuple[str, ...],
          members: list[Organisation]) -> Bloc:
    return Bloc(bloc_id, kind, number, name, aliases, members, rng.randrange(len(members)))


def make_registry(provinces: int, seed: int) -> list[Province]:
    registry = [make_province(name, category, seed) for name, category in UNITS]
    if provinces == 63:
        registry += [make_province(name, "province", seed, successor) for name, successor in FORMER_UNITS]
    return sorted(registry, key=lambda province: province.id)


# YAML, written by hand so that every value is quoted the same way on every machine


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:#]|:(?! )|(?<! )#)*(?<![\s:])\Z")


def scalar(value: object) -> str:
    """A YAML scalar: plain where YAML reads it back unchanged, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text not in ("null", "Null", "NULL", "~"):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def yaml_lines(value: object, indent: int = 0) -> Iterator[str]:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                yield f"{pad}{key}:"
                yield from yaml_lines(item, indent + 2)
            else:
                yield f"{pad}{key}: {'[]' if item == [] else scalar(item)}"
        return
    for item in value:  # type: ignore[attr-defined]
        if isinstance(item, dict):
            nested = list(yaml_lines(item, indent + 2))
            yield f"{pad}- {nested[0].lstrip()}"
            yield from nested[1:]
        else:
            yield f"{pad}- {scalar(item)}"


def dump(value: dict) -> str:
    return "\n".join(yaml_lines(value)) + "\n"


def province_document(province: Province) -> dict:
    document: dict = {"id": province.id, "name": province.name, "aliases": list(province.aliases),
                      "papers": [province.paper]}
    if province.until:
        document["until"] = province.until
        document["successor"] = province.successor
    document["blocs"] = [
        {"id": bloc.id, "kind": bloc.kind, "number": bloc.number, "name": bloc.name, "aliases": list(bloc.aliases)}
        for bloc in province.blocs
    ]
    document["organisations"] = [
        {"id": organisation.id, "name": organisation.name, "aliases": list(organisation.aliases),
         "kind": organisation.kind}
        for organisation in province.organisations
    ]
    return document


# The reports


def plan_reports(registry: list[Province], articles: int, seed: int) -> list[Plan]:
    """Reports from the newest year backwards until there are ``articles`` of them."""
    plans: list[Plan] = []
    year = LAST_YEAR
    while len(plans) < articles:
        rng = random.Random(f"{seed}:plan:{year}")
        blocs = [(province, bloc) for province in registry for bloc in province.blocs]
        rng.shuffle(blocs)
        for province, bloc in blocs:
            extra = rng.sample(("half-year", "pact", "handover"), rng.randint(1, 3))
            for kind in ("review", *extra):
                plans.append(Plan(province, bloc, year, kind))
        year -= 1
    return plans[:articles]


def leader(bloc: Bloc, year: int) -> Organisation:
    return bloc.members[(bloc.rotation + year) % len(bloc.members)]


def deputy(bloc: Bloc, year: int) -> Organisation:
    return bloc.members[(bloc.rotation + year + 1) % len(bloc.members)]


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def conference_day(rng: random.Random, plan: Plan) -> datetime.date:
    year = plan.year
    if plan.kind == "review":
        return _day(rng, datetime.date(year, 11, 25), datetime.date(year + 1, 1, 25))
    if plan.kind == "half-year":
        return _day(rng, datetime.date(year, 6, 10), datetime.date(year, 7, 31))
    if plan.kind == "pact":
        return _day(rng, datetime.date(year, 2, 10), datetime.date(year, 3, 31))
    return _day(rng, datetime.date(year + 1, 1, 26), datetime.date(year + 1, 2, 20))


KIND_WORDS = {
    "review": ("tổng kết công tác thi đua, khen thưởng năm {y}", "tong-ket"),
    "half-year": ("sơ kết 6 tháng đầu năm {y}", "so-ket"),
    "pact": ("ký kết giao ước thi đua năm {y}", "giao-uoc"),
    "handover": ("bàn giao nhiệm vụ Khối trưởng năm {n}", "ban-giao"),
}


def report_front_matter(rng: random.Random, plan: Plan, held: datetime.date, published: datetime.datetime) -> dict:
    province, bloc, year = plan.province, plan.bloc, plan.year
    words = KIND_WORDS[plan.kind][0].format(y=year, n=year + 1)
    matter: dict = {
        "title": f"{bloc.name.removesuffix(' ' + province.unit)} {province.unit} {province.name} {words}",
        "date": published.strftime("%Y-%m-%d %H:%M"),
        "author": rng.choice(AUTHORS),
        "summary": f"Ngày {held.day}/{held.month}, {bloc.name} {province.name} họp {words}; "
                   f"{leader(bloc, year).name} chủ trì hội nghị.",
        "source": {"paper": province.paper},
        "province": rng.choice((province.name, *province.aliases)),
        "bloc": rng.choice((bloc.name, *bloc.aliases)),
    }
    if rng.random() < 0.4:
        site = f"https://bao{province.id.replace('-', '')}.vn"
        matter["source"]["url"] = f"{site}/tin/{published:%Y%m%d}{rng.randrange(10**6):06d}.html"
    matter.update(FACTS[plan.kind](rng, plan, held))
    return matter


def _conference(kinds: list[str], held: datetime.date, year: int, period: str, rng: random.Random,
                province: Province) -> dict:
    conference: dict = {"kinds": kinds, "date": held.isoformat()}
    if rng.random() < 0.7:
        conference["place"] = f"Hội trường {rng.choice(('UBND', 'Tỉnh ủy', 'Trung tâm Hội nghị'))} {province.name}"
    if {"tong-ket", "so-ket"} & set(kinds):
        conference["year_reviewed"] = year
        conference["period"] = period
    else:  # a meeting that reviews nothing has only the year it is for
        conference["year"] = year
    return conference


def _members(rng: random.Random, bloc: Bloc, year: int) -> dict:
    members: dict = {"year": year, "list": [member.spelled(rng) for member in bloc.members]}
    if rng.random() < 0.8:
        members["count"] = len(bloc.members)
    members["complete"] = True
    return members


def review_facts(rng: random.Random, plan: Plan, held: datetime.date) -> dict:
    bloc, year, province = plan.bloc, plan.year, plan.province
    kinds = ["tong-ket", "trien-khai"] + (["ky-ket-giao-uoc"] if rng.random() < 0.5 else [])
    facts: dict = {"conference": _conference(kinds, held, year, "ca-nam", rng, province),
                   "members": _members(rng, bloc, year)}
    facts["leadership"] = [
        {"year": year, "leader": leader(bloc, year).spelled(rng), "deputy": deputy(bloc, year).spelled(rng),
         "chosen": rng.choice(CHOSEN)},
        {"year": year + 1, "leader": leader(bloc, year + 1).spelled(rng), "chosen": "suy-ton"},
    ]
    facts["awards"] = proposed_awards(rng, bloc, year)
    facts["movements"] = movements(rng, bloc, province)
    if "ky-ket-giao-uoc" in kinds:
        facts["pact"] = {"year": year + 1}
    return facts


def proposed_awards(rng: random.Random, bloc: Bloc, year: int) -> list[dict]:
    ranked = rng.sample(bloc.members, len(bloc.members))
    awards = [{"type": "Cờ thi đua của UBND tỉnh", "authority": "UBND tỉnh", "recipients": [ranked[0].spelled(rng)],
               "year": year, "status": "de-nghi",
               "as_written": f"suy tôn và đề nghị UBND tỉnh tặng Cờ thi đua cho {ranked[0].name}"}]
    awards.append({"type": "bang-khen-tinh", "authority": "Chủ tịch UBND tỉnh",
                   "recipients": [member.spelled(rng) for member in ranked[1:3]], "year": year, "status": "de-nghi",
                   "as_written": f"đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho {ranked[1].name} và {ranked[2].name}"})
    if rng.random() < 0.3:
        awards.append({"type": "Cờ thi đua của Chính phủ", "authority": "Thủ tướng Chính phủ",
                       "recipients": [ranked[3].spelled(rng)], "year": year, "status": "de-nghi",
                       "as_written": f"đề nghị Thủ tướng Chính phủ tặng Cờ thi đua cho {ranked[3].name}"})
    if rng.random() < 0.4:
        awards.append({"type": "tap-the-lao-dong-xuat-sac", "authority": "chu-tich-ubnd-tinh",
                       "remaining_members": True, "year": year, "status": "de-nghi",
                       "as_written": "các đơn vị còn lại được đề nghị công nhận danh hiệu Tập thể lao động xuất sắc"})
    return awards


def movements(rng: random.Random, bloc: Bloc, province: Province) -> list[dict]:
    found = [{"name": rng.choice(MOVEMENTS_BY_PROVINCE).format(p=province.name)}]
    if rng.random() < 0.6:
        found.append({"name": rng.choice(MOVEMENTS_BY_ORG), "organisation": rng.choice(bloc.members).spelled(rng)})
    return found


def half_year_facts(rng: random.Random, plan: Plan, held: datetime.date) -> dict:
    bloc, year = plan.bloc, plan.year
    facts: dict = {"conference": _conference(["so-ket"], held, year, "6-thang", rng, plan.province),
                   "leadership": [{"year": year, "leader": leader(bloc, year).spelled(rng),
                                   "chosen": "khong-ro"}]}
    if rng.random() < 0.6:
        honoured = rng.choice(bloc.members)
        number = f"{rng.randrange(100, 3000)}/QĐ-UBND"
        facts["awards"] = [{
            "type": "co-thi-dua-tinh", "authority": "ubnd-tinh", "recipients": [honoured.spelled(rng)],
            "year": year - 1, "status": "da-tang", "decision": number,
            "as_written": f"trao Cờ thi đua của UBND tỉnh (Quyết định số {number}) cho {honoured.name}",
        }]
    return facts


def pact_facts(rng: random.Random, plan: Plan, held: datetime.date) -> dict:
    bloc, year = plan.bloc, plan.year
    return {"conference": _conference(["ky-ket-giao-uoc", "trien-khai"], held, year, "ca-nam", rng, plan.province),
            "leadership": [{"year": year, "leader": leader(bloc, year).spelled(rng),
                            "deputy": deputy(bloc, year).spelled(rng), "chosen": rng.choice(CHOSEN)}],
            "pact": {"year": year}}


def handover_facts(rng: random.Random, plan: Plan, held: datetime.date) -> dict:
    bloc, year = plan.bloc, plan.year
    return {"conference": _conference(["ban-giao"], held, year, "ca-nam", rng, plan.province),
            "handover": {"year": year + 1, "from": leader(bloc, year).spelled(rng),
                         "to": leader(bloc, year + 1).spelled(rng), "role": "truong-khoi"}}


FACTS = {"review": review_facts, "half-year": half_year_facts, "pact": pact_facts, "handover": handover_facts}


# The body: sentences of the kind the papers print, filled with the report's names.

OPENINGS = (
    "Ngày {d}, {bloc} {p} tổ chức hội nghị {w}. Dự hội nghị có đại diện lãnh đạo Ban Thi đua - Khen thưởng, "
    "Sở Nội vụ cùng lãnh đạo các đơn vị thành viên trong khối.",
    "Sáng {d}, tại {place}, {bloc} {p} đã tổ chức hội nghị {w}, dưới sự chủ trì của {lead}, "
    "đơn vị Khối trưởng năm {y}.",
)
MIDDLES = (
    "Trong năm, các đơn vị thành viên đã bám sát chương trình công tác, cụ thể hóa các chỉ tiêu của giao ước thi đua "
    "thành kế hoạch của từng cơ quan, đơn vị; công tác phối hợp giữa các thành viên được duy trì thường xuyên, "
    "nhiều mô hình mới được nhân rộng ở cơ sở.",
    "Các phong trào thi đua được phát động với nội dung thiết thực, gắn với nhiệm vụ chính trị của từng đơn vị; "
    "việc phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến được chú trọng, tạo sức lan tỏa trong cán bộ, "
    "công chức, viên chức và người lao động.",
    "Hội nghị cũng chỉ ra một số hạn chế: có nơi việc triển khai phong trào còn hình thức, chưa có nhiều cách làm "
    "mới; công tác thông tin, tuyên truyền về gương người tốt, việc tốt có lúc chưa kịp thời; việc chấm điểm, "
    "bình xét ở một vài đơn vị chưa đúng thời gian quy định.",
    "{lead} cho biết, khối đã xây dựng quy chế hoạt động, bảng chấm điểm và tổ chức kiểm tra chéo giữa các đơn vị "
    "thành viên; kết quả kiểm tra là căn cứ để bình xét, suy tôn các đơn vị dẫn đầu phong trào thi đua năm {y}.",
    "Phát biểu tại hội nghị, đại diện Ban Thi đua - Khen thưởng ghi nhận những kết quả mà khối đạt được, đồng thời "
    "đề nghị các đơn vị tiếp tục đổi mới nội dung, hình thức thi đua, gắn thi đua với khen thưởng, khen thưởng đúng "
    "người, đúng việc, kịp thời.",
    "Hưởng ứng phong trào «{movement}», các đơn vị trong khối đã vận động cán bộ, hội viên đóng góp ngày công, "
    "kinh phí, hỗ trợ xây dựng nhà ở cho hộ nghèo, hộ có hoàn cảnh khó khăn và tham gia các công trình công cộng ở "
    "khu dân cư.",
    "Công tác cải cách hành chính, chuyển đổi số được các thành viên triển khai đồng bộ; tỷ lệ hồ sơ, văn bản xử lý "
    "trên môi trường mạng tăng so với năm trước, góp phần nâng cao hiệu quả chỉ đạo, điều hành.",
)
CLOSINGS = (
    "Dịp này, khối đã bình xét, suy tôn {top} là đơn vị dẫn đầu, đề nghị UBND tỉnh tặng Cờ thi đua; đề nghị Chủ tịch "
    "UBND tỉnh tặng Bằng khen cho các đơn vị có thành tích xuất sắc. Hội nghị thống nhất suy tôn {next} giữ vai trò "
    "Khối trưởng năm {n}.",
    "Kết thúc hội nghị, {lead} bàn giao nhiệm vụ Khối trưởng cho {next}; các thành viên cùng ký kết giao ước thi đua "
    "năm {n}, thống nhất các nhóm chỉ tiêu và lịch kiểm tra chéo.",
    "Nhiệm vụ những tháng cuối năm được xác định là tiếp tục triển khai các phong trào thi đua theo kế hoạch, chuẩn "
    "bị tốt các điều kiện để tổng kết công tác thi đua, khen thưởng năm {y}.",
)


def body(rng: random.Random, plan: Plan, held: datetime.date, movement: str) -> str:
    bloc, year, province = plan.bloc, plan.year, plan.province
    values = {"d": f"{held.day}/{held.month}/{held.year}", "bloc": bloc.name, "p": province.name,
              "w": KIND_WORDS[plan.kind][0].format(y=year, n=year + 1), "place": f"trụ sở {leader(bloc, year).name}",
              "lead": leader(bloc, year).name, "next": leader(bloc, year + 1).name, "y": year, "n": year + 1,
              "top": rng.choice(bloc.members).name, "movement": movement}
    paragraphs = [rng.choice(OPENINGS)]
    paragraphs += rng.sample(MIDDLES, rng.randint(3, 5))
    members = ", ".join(member.name for member in bloc.members)
    paragraphs.append(f"Khối hiện có {len(bloc.members)} đơn vị thành viên gồm: {members}.")
    paragraphs.append(rng.choice(CLOSINGS))
    return "\n\n".join(paragraph.format(**values) for paragraph in paragraphs) + "\n"


def write_report(rng: random.Random, plan: Plan, articles: Path, used: set[str]) -> None:
    held = conference_day(rng, plan)
    published = datetime.datetime.combine(held, datetime.time(rng.randrange(6, 22), rng.randrange(60)))
    published += datetime.timedelta(days=rng.choice((0, 0, 1, 1, 2)))
    matter = report_front_matter(rng, plan, held, published)
    movement = matter.get("movements", [{"name": rng.choice(MOVEMENTS_BY_ORG)}])[0]["name"]
    stem = f"{published:%Y-%m-%d}-{plan.province.id}-{plan.bloc.id}-{KIND_WORDS[plan.kind][1]}-{plan.year}"
    while stem in used:  # two meetings of one kind on one day: keep both, with distinct URLs
        stem += "-b"
    used.add(stem)
    path = articles / plan.province.id / f"{published:%Y}" / f"{stem}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "---\n" + dump(matter) + "---\n" + body(rng, plan, held, movement)
    path.write_text(text, encoding="utf-8")


def generate(out: Path, articles: int, provinces: int = 34, seed: int = DEFAULT_SEED) -> Path:
    """Write the archive into ``out/content`` (replacing it) and return that folder."""
    content = out / "content"
    shutil.rmtree(content, ignore_errors=True)
    registry = make_registry(provinces, seed)
    folder = content / "registry" / "provinces"
    folder.mkdir(parents=True)
    shutil.copy(NATIONAL_REGISTRY, content / "registry" / "national.yaml")
    for province in registry:
        (folder / f"{province.id}.yaml").write_text(dump(province_document(province)), encoding="utf-8")
    used: set[str] = set()
    for number, plan in enumerate(plan_reports(registry, articles, seed)):
        rng = random.Random(f"{seed}:report:{number}")
        write_report(rng, plan, content / "articles", used)
    return content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True, help="folder that receives content/")
    parser.add_argument("--provinces", type=int, choices=(34, 63), default=34)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    arguments = parser.parse_args(argv)
    content = generate(arguments.out, arguments.articles, arguments.provinces, arguments.seed)
    print(f"{arguments.articles} bài → {content}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
