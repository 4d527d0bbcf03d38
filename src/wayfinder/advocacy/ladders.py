"""Reading a career ladder from YAML or CSV (the format is in docs/ladders.md).

A refusal names the place at fault: for YAML the line and the key path
(`line 12, levels[2].code: ...`, list positions counted from 0), for CSV the row
and the column (`row 4, column "expectation": ...`, the header being row 1).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import NoReturn

import yaml

MAX_LEVELS = 30
MAX_COMPETENCIES = 50
# A ladder is four levels deep (competencies, one competency, its expectations, a text);
# deeper nesting or many aliases is refused while reading, before it can cost anything.
MAX_YAML_DEPTH = 10
MAX_YAML_ALIASES = 100
KEY_PATTERN = re.compile(r"\A[-a-zA-Z0-9_]+\Z")
SAMPLES = {
    "software-engineering": "Software engineering (individual contributor)",
    "product-management": "Product management",
    "marketing": "Marketing",
}


class LadderFileError(ValueError):
    """The file is not a ladder Wayfinder can read; the message says where and why."""


def _refuse(message: str) -> NoReturn:
    raise LadderFileError(message)


@dataclass
class LevelSpec:
    code: str
    name: str
    summary: str = ""


@dataclass
class CompetencySpec:
    key: str
    name: str
    description: str = ""
    expectations: dict[str, str] = field(default_factory=dict)  # level code -> text


@dataclass
class LadderSpec:
    name: str
    description: str = ""
    levels: list[LevelSpec] = field(default_factory=list)
    competencies: list[CompetencySpec] = field(default_factory=list)


def _text(value: str, where: str, *, max_length: int | None, required: bool) -> str:
    value = value.strip()
    if required and not value:
        _refuse(f"{where}: must not be empty")
    if max_length is not None and len(value) > max_length:
        _refuse(f"{where}: at most {max_length} characters (this has {len(value)})")
    return value


def _key(value: str, where: str) -> str:
    value = _text(value, where, max_length=80, required=True)
    if not KEY_PATTERN.match(value):
        _refuse(f"{where}: {value!r} may only hold letters, digits, '-' and '_'")
    return value


def _check_ladder(spec: LadderSpec, where_level, where_competency) -> LadderSpec:
    """The rules across rows, shared by both formats; `where_*` name a row for a message."""
    if not spec.levels:
        _refuse("the ladder has no levels")
    if len(spec.levels) > MAX_LEVELS:
        _refuse(f"{where_level(MAX_LEVELS)}: a ladder has at most {MAX_LEVELS} levels")
    if not spec.competencies:
        _refuse("the ladder has no competencies")
    if len(spec.competencies) > MAX_COMPETENCIES:
        _refuse(
            f"{where_competency(MAX_COMPETENCIES)}: "
            f"a ladder has at most {MAX_COMPETENCIES} competencies"
        )
    return spec


# YAML -----------------------------------------------------------------------------------


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _at(node: yaml.Node, path: str) -> str:
    return f"line {_line(node)}, {path}" if path else f"line {_line(node)}"


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "text"


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _mapping(node: yaml.Node, path: str, *, required: set[str], optional: set[str]) -> dict:
    if not isinstance(node, yaml.MappingNode):
        _refuse(f"{_at(node, path)}: expected a mapping (key: value), got {_kind(node)}")
    items: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            _refuse(f"{_at(key_node, path)}: a key must be text")
        key = key_node.value
        where = f"{path}.{key}" if path else key
        if key in items:
            _refuse(f"{_at(key_node, where)}: the key appears twice")
        if key not in required | optional:
            allowed = ", ".join(sorted(required | optional))
            _refuse(f"{_at(key_node, where)}: unknown key (expected one of {allowed})")
        items[key] = value_node
    for key in sorted(required - items.keys()):
        _refuse(f"{_at(node, path)}: missing key {key!r}")
    return items


def _scalar(
    items: dict, key: str, path: str, *, max_length: int | None = None, required: bool = False
) -> str:
    node = items.get(key)
    where = f"{path}.{key}" if path else key
    if node is None or _is_null(node):
        if required:
            _refuse(f"{_at(node, where) if node else where}: must not be empty")
        return ""
    if not isinstance(node, yaml.ScalarNode):
        _refuse(f"{_at(node, where)}: expected text, got {_kind(node)}")
    return _text(node.value, _at(node, where), max_length=max_length, required=required)


def _sequence(node: yaml.Node, path: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        _refuse(f"{_at(node, path)}: expected a list, got {_kind(node)}")
    return node.value


# libyaml scans in C, and refuses runaway flow nesting itself; the pure-Python scanner
# is the fallback where PyYAML was built without it.
_EVENTS = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LadderLoader(yaml.composer.Composer, yaml.resolver.Resolver):
    """PyYAML's safe composer over libyaml's events, refusing deep nesting and alias bombs.

    Composing is recursive: without a bound, 100 KB of '[' ends in a RecursionError.
    """

    def __init__(self, stream: str) -> None:
        self._events = _EVENTS(stream)
        self._depth = 0
        self._aliases = 0
        yaml.composer.Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    def check_event(self, *choices: type) -> bool:
        return self._events.check_event(*choices)

    def peek_event(self) -> yaml.Event:
        return self._events.peek_event()

    def get_event(self) -> yaml.Event:
        return self._events.get_event()

    def dispose(self) -> None:
        self._events.dispose()

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        mark = self.peek_event().start_mark
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                _refuse(f"line {mark.line + 1}: more than {MAX_YAML_ALIASES} aliases (*name)")
        self._depth += 1
        if self._depth > MAX_YAML_DEPTH:
            _refuse(
                f"line {mark.line + 1}: nested more than {MAX_YAML_DEPTH} levels deep "
                "(a ladder needs four)"
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def ladder_parse_yaml(raw: str | bytes) -> LadderSpec:
    """The ladder in a YAML document, or a LadderFileError naming the line and key."""
    text = _decode(raw)
    try:
        root = yaml.compose(text, Loader=_LadderLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1} column {mark.column + 1}: " if mark else ""
        _refuse(f"{where}not valid YAML ({error.problem or error.context})")
    except yaml.YAMLError as error:
        _refuse(f"not valid YAML ({error})")
    if root is None:
        _refuse("the file is empty")
    top = _mapping(root, "", required={"name", "levels", "competencies"}, optional={"description"})
    spec = LadderSpec(
        name=_scalar(top, "name", "", max_length=200, required=True),
        description=_scalar(top, "description", ""),
    )
    codes: dict[str, str] = {}
    for index, node in enumerate(_sequence(top["levels"], "levels")):
        path = f"levels[{index}]"
        items = _mapping(node, path, required={"code", "name"}, optional={"summary"})
        code = _scalar(items, "code", path, max_length=30, required=True)
        if code in codes:
            _refuse(f"{_at(items['code'], path + '.code')}: {code!r} repeats {codes[code]}")
        codes[code] = path
        spec.levels.append(
            LevelSpec(
                code=code,
                name=_scalar(items, "name", path, max_length=200, required=True),
                summary=_scalar(items, "summary", path),
            )
        )
    keys: dict[str, str] = {}
    for index, node in enumerate(_sequence(top["competencies"], "competencies")):
        path = f"competencies[{index}]"
        items = _mapping(
            node, path, required={"key", "name"}, optional={"description", "expectations"}
        )
        key_node = items["key"]
        if not isinstance(key_node, yaml.ScalarNode) or _is_null(key_node):
            _refuse(f"{_at(key_node, path + '.key')}: expected text, got {_kind(key_node)}")
        key = _key(key_node.value, _at(key_node, path + ".key"))
        if key in keys:
            _refuse(f"{_at(key_node, path + '.key')}: {key!r} repeats {keys[key]}")
        keys[key] = path
        competency = CompetencySpec(
            key=key,
            name=_scalar(items, "name", path, max_length=200, required=True),
            description=_scalar(items, "description", path),
        )
        if "expectations" in items and not _is_null(items["expectations"]):
            where = f"{path}.expectations"
            expectations = _mapping(
                items["expectations"], where, required=set(), optional=set(codes)
            )
            for code in expectations:
                competency.expectations[code] = _scalar(expectations, code, where, required=True)
        spec.competencies.append(competency)
    return _check_ladder(
        spec,
        lambda i: _at(top["levels"], f"levels[{i}]"),
        lambda i: _at(top["competencies"], f"competencies[{i}]"),
    )


# CSV ------------------------------------------------------------------------------------

CSV_REQUIRED = ("level", "level_name", "competency", "competency_name", "expectation")
CSV_OPTIONAL = ("level_summary", "competency_description")


def ladder_parse_csv(raw: str | bytes, *, name: str, description: str = "") -> LadderSpec:
    """The ladder in a CSV file (one row per level and competency), named `name`.

    Levels and competencies are ranked in the order they first appear.
    """
    text = _decode(raw)
    name = _text(name, "the ladder's name", max_length=200, required=True)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [column.strip() for column in reader.fieldnames or []]
    if not header:
        _refuse("the file is empty")
    reader.fieldnames = header
    for column in CSV_REQUIRED:
        if column not in header:
            _refuse(f"row 1: missing column {column!r}")
    for column in header:
        if column not in CSV_REQUIRED + CSV_OPTIONAL:
            allowed = ", ".join(CSV_REQUIRED + CSV_OPTIONAL)
            _refuse(f"row 1, column {column!r}: unknown column (expected {allowed})")
    spec = LadderSpec(name=name, description=description.strip())
    levels: dict[str, tuple[LevelSpec, int]] = {}
    competencies: dict[str, tuple[CompetencySpec, int]] = {}
    try:
        rows = list(reader)
    except csv.Error as error:
        _refuse(f"row {reader.line_num}: not valid CSV ({error})")
    for number, row in enumerate(rows, start=2):
        if None in row:
            _refuse(f"row {number}: more values than columns")
        values = {column: (row.get(column) or "") for column in header}

        def cell(
            column: str,
            *,
            max_length: int | None = None,
            required: bool = False,
            values: dict = values,
            number: int = number,
        ) -> str:
            where = f"row {number}, column {column!r}"
            return _text(values.get(column, ""), where, max_length=max_length, required=required)

        code = cell("level", max_length=30, required=True)
        level = LevelSpec(
            code=code,
            name=cell("level_name", max_length=200, required=True),
            summary=cell("level_summary"),
        )
        if code not in levels:
            levels[code] = (level, number)
            spec.levels.append(level)
        elif level.name != levels[code][0].name:
            _refuse(
                f"row {number}, column 'level_name': level {code!r} is named "
                f"{levels[code][0].name!r} in row {levels[code][1]}"
            )
        key = _key(values.get("competency", ""), f"row {number}, column 'competency'")
        competency = competencies.get(key, (None, 0))[0]
        if competency is None:
            competency = CompetencySpec(
                key=key,
                name=cell("competency_name", max_length=200, required=True),
                description=cell("competency_description"),
            )
            competencies[key] = (competency, number)
            spec.competencies.append(competency)
        else:
            named = cell("competency_name", max_length=200, required=True)
            if named != competency.name:
                _refuse(
                    f"row {number}, column 'competency_name': competency {key!r} is named "
                    f"{competency.name!r} in row {competencies[key][1]}"
                )
        if code in competency.expectations:
            _refuse(
                f"row {number}: level {code!r} and competency {key!r} already have "
                "an expectation in an earlier row"
            )
        competency.expectations[code] = cell("expectation", required=True)
    return _check_ladder(
        spec,
        lambda i: f"row {levels[spec.levels[i].code][1]}",
        lambda i: f"row {competencies[spec.competencies[i].key][1]}",
    )


def _decode(raw: str | bytes) -> str:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            _refuse(f"byte {error.start}: the file is not UTF-8 text")
    if not raw.strip():
        _refuse("the file is empty")
    return raw


def ladder_sample(key: str) -> LadderSpec:
    """One of the sample ladders shipped with Wayfinder."""
    if key not in SAMPLES:
        _refuse(f"no sample ladder {key!r} (there are {', '.join(SAMPLES)})")
    raw = resources.files("wayfinder.advocacy").joinpath(f"samples/{key}.yaml").read_text("utf-8")
    return ladder_parse_yaml(raw)
