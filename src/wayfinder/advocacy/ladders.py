"""Reading a career ladder as companies publish it (the formats are in docs/ladders.md).

Read: the project's own YAML; YAML data files with `levels` / `themes` / `competencies`
lists linked by ids (as the Financial Times publishes its engineering progression);
Markdown with YAML front matter listing topics x levels x criteria (as Monzo publishes
its progression framework, one file per track); a wide CSV matrix (competencies as rows,
levels as columns); the long CSV (one row per level and competency); and one CSV per
level. `ladder_parse_files` tells them apart.

A refusal names the place at fault: for YAML the line and the key path
(`line 12, levels[2].code: ...`, list positions counted from 0), for CSV the row
and the column (`row 4, column "expectation": ...`, the header being row 1).
Keys Wayfinder does not know are warnings, not refusals. Every parser is one pass over
its input (YAML through the capped composer below).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import PurePath
from typing import NoReturn

import yaml

MAX_LEVELS = 200
MAX_COMPETENCIES = 50
MAX_TRACKS = 20
MAX_CRITERIA = 20  # per competency and level
# The deepest ladder (Markdown front matter: topics, a topic, its content, one level's
# entry, its example criteria, one of them, its examples, an example) is nine levels
# deep; deeper nesting or many aliases is refused while reading, before it can cost.
MAX_YAML_DEPTH = 10
MAX_YAML_ALIASES = 100
KEY_PATTERN = re.compile(r"\A[-a-zA-Z0-9_]+\Z")
SAMPLES = {
    "software-engineering": "Software engineering",
    "product-management": "Product management",
    "marketing": "Marketing",
    "data": "Data",
    "design": "Design",
}
# Level ids such as FT's "senior-2-ic" / "senior-2-pm": parallel tracks at one grade.
TRACK_SUFFIXES = {"ic": "Individual contributor", "pm": "People manager"}


class LadderFileError(ValueError):
    """The file is not a ladder Wayfinder can read; the message says where and why."""


def _refuse(message: str) -> NoReturn:
    raise LadderFileError(message)


@dataclass
class TrackSpec:
    key: str
    name: str


@dataclass
class GroupSpec:
    key: str
    name: str
    summary: str = ""


@dataclass
class LevelSpec:
    code: str
    name: str
    summary: str = ""
    track: str = ""  # a track's key; "" for a level every track shares
    grade: int = 0  # 0: worked out from the order
    name_generated: bool = False


@dataclass
class CriterionSpec:
    text: str
    examples: list[str] = field(default_factory=list)
    proficiency: str = ""


@dataclass
class CompetencySpec:
    key: str
    name: str
    description: str = ""
    group: str = ""  # a group's key
    expectations: dict[str, str] = field(default_factory=dict)  # level code -> text
    criteria: dict[str, list[CriterionSpec]] = field(default_factory=dict)  # level code ->


@dataclass
class LadderSpec:
    name: str
    description: str = ""
    levels: list[LevelSpec] = field(default_factory=list)
    competencies: list[CompetencySpec] = field(default_factory=list)
    tracks: list[TrackSpec] = field(default_factory=list)
    groups: list[GroupSpec] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add_criterion(self, competency: CompetencySpec, code: str, criterion: CriterionSpec):
        cell = competency.criteria.setdefault(code, [])
        if len(cell) >= MAX_CRITERIA:
            _refuse(
                f"{competency.name} at {code}: at most {MAX_CRITERIA} criteria per "
                "competency and level"
            )
        cell.append(criterion)


def _text(value: str, where: str, *, max_length: int | None, required: bool) -> str:
    value = value.strip()
    if required and not value:
        _refuse(f"{where}: must not be empty")
    if max_length is not None and len(value) > max_length:
        _refuse(f"{where}: at most {max_length} characters (this has {len(value)})")
    return value


def key_from_name(name: str, *, max_length: int = 80) -> str:
    """A key of letters, digits and '-' for any name ("Problem solving" -> "problem-solving");
    "" when the name holds none of them (only emoji, say)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return key[:max_length].strip("-")


class _Keys:
    """Unique keys within one ladder: a repeated name gets "-2", "-3"... in one step each,
    however often it repeats (a counter per name, not a search from 2 every time)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.next: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.taken)

    def __contains__(self, key: str) -> bool:
        return key in self.taken

    def add(self, key: str) -> None:
        self.taken.add(key)

    def make(self, wanted: str, fallback: str) -> str:
        key = wanted or fallback
        number = self.next.get(key, 1)
        candidate = key if number == 1 else f"{key[:74]}-{number}"
        while candidate in self.taken:
            number += 1
            candidate = f"{key[:74]}-{number}"
        self.next[key] = number + 1
        self.taken.add(candidate)
        return candidate


def _unique_key(wanted: str, taken: _Keys, fallback: str) -> str:
    return taken.make(wanted, fallback)


def _split_criteria(text: str) -> list[str]:
    """A cell's text as criteria: one per bullet or numbered line ("1. ...", "- ...");
    text without a list is one criterion. Lines that continue an item join it."""
    items: list[str] = []
    listed = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        marker = re.match(r"(?:[-*•]|\d{1,3}[.)])\s+", stripped)
        if marker:
            listed = True
            items.append(stripped[marker.end() :])
        elif items:
            items[-1] += " " + stripped
        else:
            items.append(stripped)
    return items if listed else [" ".join(items)] if items else []


def _finish(spec: LadderSpec, where_level, where_competency) -> LadderSpec:
    """The rules across rows, shared by every format; `where_*` name a row for a message."""
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
    if len(spec.tracks) > MAX_TRACKS:
        _refuse(f"a ladder has at most {MAX_TRACKS} tracks (this has {len(spec.tracks)})")
    tracks = {track.key for track in spec.tracks}
    for level in spec.levels:
        if level.track and level.track not in tracks:
            spec.tracks.append(TrackSpec(key=level.track, name=level.track))
            tracks.add(level.track)
    _grade(spec.levels)
    for competency in spec.competencies:
        # A cell given only as criteria reads, where one text is wanted, as all of them.
        for code, criteria in competency.criteria.items():
            if code not in competency.expectations:
                competency.expectations[code] = " ".join(_sentence(c.text) for c in criteria)
    return spec


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _grade(levels: list[LevelSpec]) -> None:
    """Grades from the order where the file gave none: a level shared by every track comes
    after the highest of them; a level on a track follows the one before it on its path."""
    shared = 0
    on_track: dict[str, int] = {}
    for level in levels:
        if level.track:
            grade = level.grade or on_track.get(level.track, shared) + 1
            on_track[level.track] = grade
        else:
            grade = level.grade or max([shared, *on_track.values()]) + 1
            shared = grade
            on_track = dict.fromkeys(on_track, grade)
        level.grade = grade


def _generated_level(code: str) -> LevelSpec:
    return LevelSpec(code=code, name=f"Level {code}", name_generated=True)


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


def _is_null(node: yaml.Node | None) -> bool:
    return node is None or (
        isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"
    )


def _mapping(
    node: yaml.Node,
    path: str,
    warnings: list[str] | None,
    *,
    required: set[str] = frozenset(),
    optional: set[str] = frozenset(),
) -> dict[str, yaml.Node]:
    """The keys of a mapping; an unknown key is a warning (with `warnings`) or a refusal."""
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
            if warnings is None:
                _refuse(f"{_at(key_node, where)}: unknown key (expected one of {allowed})")
            warnings.append(f"{_at(key_node, where)}: unknown key, left out")
            continue
        items[key] = value_node
    for key in sorted(required - items.keys()):
        _refuse(f"{_at(node, path)}: missing key {key!r}")
    return items


def _scalar(
    items: dict, key: str, path: str, *, max_length: int | None = None, required: bool = False
) -> str:
    node = items.get(key)
    where = f"{path}.{key}" if path else key
    if _is_null(node):
        if required:
            _refuse(f"{_at(node, where) if node else where}: must not be empty")
        return ""
    if not isinstance(node, yaml.ScalarNode):
        _refuse(f"{_at(node, where)}: expected text, got {_kind(node)}")
    return _text(node.value, _at(node, where), max_length=max_length, required=required)


def _sequence(node: yaml.Node | None, path: str) -> list[yaml.Node]:
    if _is_null(node):
        return []
    if not isinstance(node, yaml.SequenceNode):
        _refuse(f"{_at(node, path)}: expected a list, got {_kind(node)}")
    return node.value


def _texts(node: yaml.Node | None, path: str) -> list[str]:
    """A list of texts, or one text."""
    if _is_null(node):
        return []
    if isinstance(node, yaml.ScalarNode):
        return [node.value.strip()] if node.value.strip() else []
    out = []
    for index, item in enumerate(_sequence(node, path)):
        if not isinstance(item, yaml.ScalarNode):
            _refuse(f"{_at(item, f'{path}[{index}]')}: expected text, got {_kind(item)}")
        if item.value.strip():
            out.append(item.value.strip())
    return out


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
                "(a ladder needs nine at most)"
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _compose(text: str) -> yaml.Node:
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
    return root


def _criterion(node: yaml.Node, path: str, warnings: list[str]) -> CriterionSpec:
    if isinstance(node, yaml.ScalarNode):
        return CriterionSpec(
            text=_text(node.value, _at(node, path), max_length=None, required=True)
        )
    items = _mapping(node, path, warnings, required={"text"}, optional={"examples", "proficiency"})
    return CriterionSpec(
        text=_scalar(items, "text", path, required=True),
        examples=_texts(items.get("examples"), f"{path}.examples"),
        proficiency=_scalar(items, "proficiency", path, max_length=100),
    )


def ladder_parse_yaml(raw: str | bytes) -> LadderSpec:
    """The ladder in a YAML document: the project's own format, or FT-style data files
    (`levels` / `themes` / `competencies` linked by ids). A LadderFileError names the
    line and key."""
    root = _compose(_decode(raw))
    if _is_id_linked(root):
        return _parse_id_linked([root], name="")
    warnings: list[str] = []
    top = _mapping(
        root,
        "",
        warnings,
        required={"name", "levels", "competencies"},
        optional={"description", "tracks", "groups"},
    )
    spec = LadderSpec(
        name=_scalar(top, "name", "", max_length=200, required=True),
        description=_scalar(top, "description", ""),
        warnings=warnings,
    )
    track_keys: dict[str, str] = {}
    for index, node in enumerate(_sequence(top.get("tracks"), "tracks")):
        path = f"tracks[{index}]"
        items = _mapping(node, path, warnings, required={"key", "name"})
        key = _own_key(items["key"], path, track_keys)
        spec.tracks.append(TrackSpec(key=key, name=_scalar(items, "name", path, max_length=200)))
    group_keys: dict[str, str] = {}
    for index, node in enumerate(_sequence(top.get("groups"), "groups")):
        path = f"groups[{index}]"
        items = _mapping(node, path, warnings, required={"key", "name"}, optional={"summary"})
        key = _own_key(items["key"], path, group_keys)
        spec.groups.append(
            GroupSpec(
                key=key,
                name=_scalar(items, "name", path, max_length=200, required=True),
                summary=_scalar(items, "summary", path),
            )
        )
    codes: dict[str, str] = {}
    for index, node in enumerate(_sequence(top["levels"], "levels")):
        path = f"levels[{index}]"
        items = _mapping(
            node, path, warnings, required={"code"}, optional={"name", "summary", "track", "grade"}
        )
        code = _scalar(items, "code", path, max_length=30, required=True)
        if code in codes:
            _refuse(f"{_at(items['code'], path + '.code')}: {code!r} repeats {codes[code]}")
        codes[code] = path
        track = _scalar(items, "track", path)
        if track and track not in track_keys:
            _refuse(f"{_at(items['track'], path + '.track')}: no track {track!r} in tracks")
        grade = _scalar(items, "grade", path)
        if grade and not (grade.isdigit() and 0 < int(grade) <= MAX_LEVELS):
            _refuse(f"{_at(items['grade'], path + '.grade')}: a whole number from 1")
        level_name = _scalar(items, "name", path, max_length=200)
        level = LevelSpec(code=code, name=level_name, summary=_scalar(items, "summary", path))
        if not level_name:
            level = _generated_level(code)
            level.summary = _scalar(items, "summary", path)
        level.track, level.grade = track, int(grade or 0)
        spec.levels.append(level)
    keys = _Keys()
    for index, node in enumerate(_sequence(top["competencies"], "competencies")):
        path = f"competencies[{index}]"
        items = _mapping(
            node,
            path,
            warnings,
            required={"name"},
            optional={"key", "description", "expectations", "group"},
        )
        name = _scalar(items, "name", path, max_length=200, required=True)
        key = _competency_key(items.get("key"), name, path, keys, warnings)
        group = _scalar(items, "group", path)
        if group and group not in group_keys:
            _refuse(f"{_at(items['group'], path + '.group')}: no group {group!r} in groups")
        competency = CompetencySpec(
            key=key, name=name, description=_scalar(items, "description", path), group=group
        )
        if not _is_null(items.get("expectations")):
            where = f"{path}.expectations"
            expectations = _mapping(items["expectations"], where, None, optional=set(codes))
            for code, value in expectations.items():
                cell = f"{where}.{code}"
                if isinstance(value, yaml.MappingNode):
                    # One text and its criteria: {text: ..., criteria: [...]}.
                    parts = _mapping(value, cell, warnings, required={"text", "criteria"})
                    competency.expectations[code] = _scalar(parts, "text", cell, required=True)
                    value = parts["criteria"]
                    cell += ".criteria"
                if isinstance(value, yaml.SequenceNode):
                    for position, item in enumerate(value.value):
                        criterion = _criterion(item, f"{cell}[{position}]", warnings)
                        spec.add_criterion(competency, code, criterion)
                    if not value.value:
                        _refuse(f"{_at(value, cell)}: must not be empty")
                else:
                    competency.expectations[code] = _scalar(
                        expectations, code, where, required=True
                    )
        spec.competencies.append(competency)
    return _finish(
        spec,
        lambda i: _at(top["levels"], f"levels[{i}]"),
        lambda i: _at(top["competencies"], f"competencies[{i}]"),
    )


def _own_key(node: yaml.Node, path: str, seen: dict[str, str]) -> str:
    if not isinstance(node, yaml.ScalarNode) or _is_null(node):
        _refuse(f"{_at(node, path + '.key')}: expected text, got {_kind(node)}")
    key = _text(node.value, _at(node, path + ".key"), max_length=80, required=True)
    if key in seen:
        _refuse(f"{_at(node, path + '.key')}: {key!r} repeats {seen[key]}")
    seen[key] = path
    return key


def _competency_key(
    node: yaml.Node | None, name: str, path: str, keys: _Keys, warnings: list[str]
) -> str:
    """The competency's key as given, or derived from it or from the name."""
    if _is_null(node):
        return _unique_key(key_from_name(name), keys, f"competency-{len(keys) + 1}")
    if not isinstance(node, yaml.ScalarNode):
        _refuse(f"{_at(node, path + '.key')}: expected text, got {_kind(node)}")
    given = _text(node.value, _at(node, path + ".key"), max_length=80, required=True)
    if given in keys:
        _refuse(f"{_at(node, path + '.key')}: {given!r} repeats an earlier competency's key")
    if KEY_PATTERN.match(given):
        keys.add(given)
        return given
    key = _unique_key(key_from_name(given), keys, f"competency-{len(keys) + 1}")
    warnings.append(f"{_at(node, path + '.key')}: {given!r} is read as {key!r}")
    return key


# FT-style data files: levels, themes and competencies linked by ids ----------------------


def _is_id_linked(root: yaml.Node) -> bool:
    if not isinstance(root, yaml.MappingNode):
        return False
    keys = {key.value for key, _ in root.value if isinstance(key, yaml.ScalarNode)}
    if "themes" in keys:
        return True
    for key, value in root.value:
        if getattr(key, "value", None) == "competencies" and isinstance(value, yaml.SequenceNode):
            first = value.value[0] if value.value else None
            if isinstance(first, yaml.MappingNode):
                inner = {k.value for k, _ in first.value if isinstance(k, yaml.ScalarNode)}
                return "level" in inner and "theme" in inner
    return False


def _parse_id_linked(roots: Sequence[yaml.Node], *, name: str) -> LadderSpec:
    """Levels, themes (Wayfinder's competencies) and competencies (one criterion of a
    theme at a level each), from one file or several (levels.yml, competencies.yml...)."""
    warnings: list[str] = []
    known = {"name", "summary", "description", "levels", "themes", "competencies", "domains"}
    tops = [_mapping(root, "", warnings, optional=known) for root in roots]
    title = name or next((_scalar(t, "name", "", max_length=200) for t in tops if "name" in t), "")
    summary = next(
        (_scalar(t, key, "") for t in tops for key in ("summary", "description") if key in t), ""
    )
    spec = LadderSpec(name=title or "Imported ladder", description=summary, warnings=warnings)
    if not title:
        warnings.append("the file names no ladder: it is called 'Imported ladder'")
    by_id: dict[str, LevelSpec] = {}
    for top in tops:
        for index, node in enumerate(_sequence(top.get("levels"), "levels")):
            path = f"levels[{index}]"
            items = _mapping(
                node, path, warnings, required={"id"}, optional={"name", "title", "summary"}
            )
            code = _scalar(items, "id", path, max_length=30, required=True)
            if code in by_id:
                _refuse(f"{_at(items['id'], path + '.id')}: {code!r} repeats an earlier level")
            level_name = _scalar(items, "name", path, max_length=200) or _scalar(
                items, "title", path, max_length=200
            )
            level = LevelSpec(code=code, name=level_name) if level_name else _generated_level(code)
            level.summary = _scalar(items, "summary", path)
            by_id[code] = level
            spec.levels.append(level)
    _tracks_from_suffixes(spec)
    themes: dict[str, CompetencySpec] = {}
    keys = _Keys()
    for top in tops:
        for index, node in enumerate(_sequence(top.get("themes"), "themes")):
            path = f"themes[{index}]"
            items = _mapping(
                node, path, warnings, required={"id"}, optional={"name", "summary", "description"}
            )
            theme_id = _scalar(items, "id", path, required=True)
            theme_name = _scalar(items, "name", path, max_length=200) or theme_id
            competency = CompetencySpec(
                key=_unique_key(key_from_name(theme_id), keys, f"competency-{len(keys) + 1}"),
                name=theme_name,
                description=_scalar(items, "summary", path) or _scalar(items, "description", path),
            )
            themes[theme_id] = competency
            spec.competencies.append(competency)
    for top in tops:
        for index, node in enumerate(_sequence(top.get("competencies"), "competencies")):
            path = f"competencies[{index}]"
            items = _mapping(
                node,
                path,
                warnings,
                required={"level", "theme", "summary"},
                optional={"id", "examples", "proficiency", "domain"},
            )
            level_id = _scalar(items, "level", path, required=True)
            if level_id not in by_id:
                level = _generated_level(_text(level_id, path, max_length=30, required=True))
                by_id[level_id] = level
                spec.levels.append(level)
                warnings.append(
                    f"{_at(items['level'], path + '.level')}: level {level_id!r} "
                    "is not in levels; it was added with a generated name"
                )
            theme_id = _scalar(items, "theme", path, required=True)
            if theme_id not in themes:
                themes[theme_id] = CompetencySpec(
                    key=_unique_key(key_from_name(theme_id), keys, f"competency-{len(keys) + 1}"),
                    name=theme_id,
                )
                spec.competencies.append(themes[theme_id])
            examples = _texts(items.get("examples"), f"{path}.examples")
            proficiency = _scalar(items, "proficiency", path, max_length=100)
            for text in _split_criteria(_scalar(items, "summary", path, required=True)):
                spec.add_criterion(
                    themes[theme_id],
                    level_id,
                    CriterionSpec(text=text, examples=examples, proficiency=proficiency),
                )
    return _finish(spec, lambda i: f"levels[{i}]", lambda i: f"themes[{i}]")


def _tracks_from_suffixes(spec: LadderSpec) -> None:
    """Levels named "senior-2-ic" and "senior-2-pm" are one grade on two tracks."""
    bases: list[str] = []
    for level in spec.levels:
        base, _, suffix = level.code.rpartition("-")
        if base and suffix.lower() in TRACK_SUFFIXES:
            level.track = suffix.lower()
        else:
            base = level.code
        if not bases or bases[-1] != base:
            bases.append(base)
        level.grade = len(bases)
    used = {level.track for level in spec.levels if level.track}
    spec.tracks = [TrackSpec(key=k, name=n) for k, n in TRACK_SUFFIXES.items() if k in used]


# Markdown with YAML front matter (Monzo's progression framework) ------------------------


def _front_matter(text: str, filename: str) -> str:
    lines = text.split("\n", 1)
    if lines[0].strip() != "---" or len(lines) < 2:
        _refuse(f"{filename}: line 1: expected '---' opening the YAML front matter")
    body = "\n" + lines[1]
    end = body.find("\n---")
    if end < 0:
        _refuse(f"{filename}: the front matter has no closing '---'")
    # The leading line break keeps YAML's line numbers those of the file.
    return body[: end + 1] if end > 0 else "\n{}"


def ladder_parse_markdown(
    files: Sequence[tuple[str, str | bytes]], *, name: str = ""
) -> LadderSpec:
    """One ladder from Markdown files with YAML front matter (`topics` of `content` per
    level, each with `criteria` and `exampleCriteria`); each file is one track."""
    warnings: list[str] = []
    spec = LadderSpec(name="", warnings=warnings)
    competencies: dict[str, CompetencySpec] = {}
    keys = _Keys()
    track_keys = _Keys()
    several = len(files) > 1
    for filename, raw in files:
        try:
            root = _compose(_front_matter(_decode(raw), filename))
        except LadderFileError as error:
            _refuse(str(error) if str(error).startswith(filename) else f"{filename}: {error}")
        known = {"title", "sidebarTitle", "sidebarGroup", "path", "yaml", "levels", "homepage"}
        try:
            top = _mapping(root, "", warnings, required={"topics"}, optional=known)
        except LadderFileError as error:
            _refuse(f"{filename}: {error}")
        title = _scalar(top, "title", "", max_length=200) or PurePath(filename).stem
        spec.name = spec.name or _scalar(top, "sidebarGroup", "", max_length=200) or title
        stem = key_from_name(_scalar(top, "sidebarTitle", "") or PurePath(filename).stem)
        track = _unique_key(stem, track_keys, f"track-{len(track_keys) + 1}") if several else ""
        if track:
            spec.tracks.append(TrackSpec(key=track, name=title))
        count = _scalar(top, "levels", "")
        levels: dict[int, LevelSpec] = {}

        def level_of(
            number: int, track: str = track, levels: dict = levels, title: str = title
        ) -> LevelSpec:
            if number not in levels:
                code = f"{track}-{number}" if track else str(number)
                level = _generated_level(code)
                if track:
                    level.name = f"{title}, level {number}"[:200]
                level.track, level.grade = track, number
                levels[number] = level
            return levels[number]

        if count.isdigit() and 0 < int(count) <= MAX_LEVELS:
            for number in range(1, int(count) + 1):
                level_of(number)
        for index, node in enumerate(_sequence(top["topics"], "topics")):
            path = f"{filename}: topics[{index}]"
            items = _mapping(node, path, warnings, required={"name"}, optional={"title", "content"})
            topic = _scalar(items, "title", path, max_length=200) or _scalar(
                items, "name", path, max_length=200, required=True
            )
            is_summary = _scalar(items, "name", path).lower() == "summary"
            competency = None
            if not is_summary:
                key = key_from_name(_scalar(items, "name", path)) or key_from_name(topic)
                competency = competencies.get(key)
                if competency is None:
                    key = _unique_key(key, keys, f"competency-{len(keys) + 1}")
                    competency = CompetencySpec(key=key, name=topic)
                    competencies[key] = competency
                    spec.competencies.append(competency)
            for position, entry in enumerate(_sequence(items.get("content"), f"{path}.content")):
                where = f"{path}.content[{position}]"
                cell = _mapping(
                    entry,
                    where,
                    warnings,
                    required={"level"},
                    optional={"criteria", "exampleCriteria"},
                )
                number = _scalar(cell, "level", where)
                if not number.isdigit() or not 0 < int(number) <= MAX_LEVELS:
                    _refuse(f"{_at(cell['level'], where + '.level')}: a level number from 1")
                level = level_of(int(number))
                criteria = [
                    CriterionSpec(text=text)
                    for text in _texts(cell.get("criteria"), f"{where}.criteria")
                ]
                for n, example in enumerate(
                    _sequence(cell.get("exampleCriteria"), f"{where}.exampleCriteria")
                ):
                    inner = f"{where}.exampleCriteria[{n}]"
                    pair = _mapping(
                        example, inner, warnings, required={"criteria"}, optional={"examples"}
                    )
                    criteria.append(
                        CriterionSpec(
                            text=_scalar(pair, "criteria", inner, required=True),
                            examples=_texts(pair.get("examples"), f"{inner}.examples"),
                        )
                    )
                if is_summary:
                    level.summary = " ".join(c.text for c in criteria)
                    continue
                for criterion in criteria:
                    spec.add_criterion(competency, level.code, criterion)
        spec.levels.extend(levels[number] for number in sorted(levels))
    spec.name = _text(name or spec.name, "the ladder's name", max_length=200, required=True)
    return _finish(spec, lambda i: f"level {i}", lambda i: f"topic {i}")


# CSV ------------------------------------------------------------------------------------

CSV_REQUIRED = ("level", "level_name", "competency", "competency_name", "expectation")
CSV_OPTIONAL = (
    "level_summary",
    "competency_description",
    "track",
    "group",
    "group_summary",
    "criterion",
    "examples",
    "proficiency",
)
# Columns of a wide matrix or a per-level file that are not levels.
MATRIX_COLUMNS = {"competency", "competency_name", "name", "description", "group", "key"}


def _rows(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip() for column in next(reader, [])]
        if not any(header):
            _refuse("the file is empty")
        rows = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                _refuse(f"row {reader.line_num}: more values than columns")
            rows.append((reader.line_num, dict(zip(header, row, strict=False))))
    except csv.Error as error:
        _refuse(f"row {reader.line_num}: not valid CSV ({error})")
    return header, rows


def _cell(values: dict, column: str, number: int, *, max_length=None, required=False) -> str:
    where = f"row {number}, column {column!r}"
    return _text(values.get(column) or "", where, max_length=max_length, required=required)


def ladder_parse_csv(raw: str | bytes, *, name: str, description: str = "") -> LadderSpec:
    """The ladder in one CSV file, named `name`: the long form (a `level` column, one row
    per level and competency, or per criterion with a `criterion` column), one level's
    file (no `level` column, an `expectation` or `criterion` column), or a wide matrix
    (competencies as rows, one column per level). Ranked in the order they first appear.
    """
    header, _ = _rows(_decode(raw))
    lowered = {column.lower() for column in header}
    if "level" in lowered:
        return _parse_long(raw, name=name, description=description)
    if lowered & {"expectation", "criterion"}:
        return ladder_parse_level_files([(name, raw)], name=name)
    return _parse_wide(raw, name=name, description=description)


def _parse_long(raw: str | bytes, *, name: str, description: str = "") -> LadderSpec:
    name = _text(name, "the ladder's name", max_length=200, required=True)
    header, rows = _rows(_decode(raw))
    has_criteria = "criterion" in header
    for column in CSV_REQUIRED:
        if column not in header and not (has_criteria and column == "expectation"):
            _refuse(f"row 1: missing column {column!r}")
    spec = LadderSpec(name=name, description=description.strip())
    for column in header:
        if column not in CSV_REQUIRED + CSV_OPTIONAL:
            spec.warnings.append(f"row 1, column {column!r}: unknown column, left out")
    levels: dict[str, tuple[LevelSpec, int]] = {}
    competencies: dict[str, tuple[CompetencySpec, int]] = {}
    groups: dict[str, GroupSpec] = {}
    keys = _Keys()
    for number, values in rows:
        code = _cell(values, "level", number, max_length=30, required=True)
        level = LevelSpec(
            code=code,
            name=_cell(values, "level_name", number, max_length=200),
            summary=_cell(values, "level_summary", number),
            track=key_from_name(_cell(values, "track", number)),
        )
        if not level.name:
            level.name, level.name_generated = f"Level {code}", True
        if code not in levels:
            levels[code] = (level, number)
            spec.levels.append(level)
        elif level.name != levels[code][0].name and not level.name_generated:
            _refuse(
                f"row {number}, column 'level_name': level {code!r} is named "
                f"{levels[code][0].name!r} in row {levels[code][1]}"
            )
        given = _cell(values, "competency", number, max_length=80, required=True)
        competency = competencies.get(given, (None, 0))[0]
        competency_name = _cell(values, "competency_name", number, max_length=200) or given
        if competency is None:
            key = given if KEY_PATTERN.match(given) else key_from_name(given)
            key = _unique_key(key, keys, f"competency-{len(keys) + 1}")
            group_name = _cell(values, "group", number, max_length=200)
            group_key = key_from_name(group_name) if group_name else ""
            if group_name and group_key not in groups:
                groups[group_key] = GroupSpec(
                    key=group_key or f"group-{len(groups) + 1}",
                    name=group_name,
                    summary=_cell(values, "group_summary", number),
                )
                spec.groups.append(groups[group_key])
            competency = CompetencySpec(
                key=key,
                name=competency_name,
                description=_cell(values, "competency_description", number),
                group=groups[group_key].key if group_name else "",
            )
            competencies[given] = (competency, number)
            spec.competencies.append(competency)
        elif competency_name != competency.name:
            _refuse(
                f"row {number}, column 'competency_name': competency {given!r} is named "
                f"{competency.name!r} in row {competencies[given][1]}"
            )
        if has_criteria and _cell(values, "criterion", number):
            spec.add_criterion(competency, code, _criterion_from_row(values, number))
            continue
        if code in competency.expectations:
            _refuse(
                f"row {number}: level {code!r} and competency {given!r} already have "
                "an expectation in an earlier row"
            )
        competency.expectations[code] = _cell(values, "expectation", number, required=True)
    return _finish(
        spec,
        lambda i: f"row {levels[spec.levels[i].code][1]}",
        lambda i: f"row {competencies[list(competencies)[i]][1]}",
    )


def _criterion_from_row(values: dict, number: int) -> CriterionSpec:
    examples = _cell(values, "examples", number)
    return CriterionSpec(
        text=_cell(values, "criterion", number, required=True),
        examples=[line.strip() for line in examples.splitlines() if line.strip()],
        proficiency=_cell(values, "proficiency", number, max_length=100),
    )


def _first_column(header: list[str]) -> str:
    for column in header:
        if column.lower() in {"competency", "competency_name", "name"}:
            return column
    return header[0]


def _parse_wide(raw: str | bytes, *, name: str, description: str = "") -> LadderSpec:
    """Competencies as rows, levels as columns; a cell of bullets is several criteria."""
    name = _text(name, "the ladder's name", max_length=200, required=True)
    header, rows = _rows(_decode(raw))
    first = _first_column(header)
    spec = LadderSpec(name=name, description=description.strip())
    level_columns = [c for c in header if c and c != first and c.lower() not in MATRIX_COLUMNS]
    for column in header:
        if not column:
            spec.warnings.append("row 1: a column without a heading, left out")
    if not level_columns:
        _refuse("row 1: no level columns (the first column names competencies, then one per level)")
    codes: dict[str, str] = {}
    for column in level_columns:
        code = column if len(column) <= 30 else column[:30].strip()
        if code in codes.values():
            _refuse(f"row 1, column {column!r}: the level appears twice")
        codes[column] = code
        spec.levels.append(LevelSpec(code=code, name=column))
    keys = _Keys()
    groups: dict[str, GroupSpec] = {}
    group_column = next((c for c in header if c.lower() == "group"), "")
    description_column = next((c for c in header if c.lower() == "description"), "")
    for number, values in rows:
        if len(spec.competencies) == MAX_COMPETENCIES:
            _refuse(f"row {number}: a ladder has at most {MAX_COMPETENCIES} competencies")
        competency_name = _cell(values, first, number, max_length=200, required=True)
        competency = CompetencySpec(
            key=_unique_key(key_from_name(competency_name), keys, f"competency-{len(keys) + 1}"),
            name=competency_name,
            description=_cell(values, description_column, number) if description_column else "",
        )
        if group_column and _cell(values, group_column, number):
            group_name = _cell(values, group_column, number, max_length=200)
            key = key_from_name(group_name) or f"group-{len(groups) + 1}"
            groups.setdefault(key, GroupSpec(key=key, name=group_name))
            if groups[key] not in spec.groups:
                spec.groups.append(groups[key])
            competency.group = key
        for column, code in codes.items():
            for text in _split_criteria(values.get(column) or ""):
                spec.add_criterion(competency, code, CriterionSpec(text=text))
        spec.competencies.append(competency)
    return _finish(spec, lambda i: f"row 1, column {level_columns[i]!r}", lambda i: f"row {i + 2}")


def ladder_parse_level_files(
    files: Sequence[tuple[str, str | bytes]], *, name: str, description: str = ""
) -> LadderSpec:
    """One CSV per level: each file is named after its level ("L3 Senior.csv") and holds
    a row per criterion (`competency`, `criterion` or `expectation`, optional `examples`,
    `proficiency`, `group`)."""
    name = _text(name, "the ladder's name", max_length=200, required=True)
    spec = LadderSpec(name=name, description=description.strip())
    competencies: dict[str, CompetencySpec] = {}
    keys = _Keys()
    groups: dict[str, GroupSpec] = {}
    known = {
        "competency",
        "competency_name",
        "criterion",
        "expectation",
        "examples",
        "proficiency",
        "group",
        "competency_description",
        "level_name",
        "level_summary",
    }
    for filename, raw in files:
        header, rows = _rows(_decode(raw))
        stem = PurePath(filename).stem.strip()
        code = _text(stem[:30], f"{filename}: the level", max_length=30, required=True)
        if any(level.code == code for level in spec.levels):
            _refuse(f"{filename}: a second file for level {code!r}")
        level = LevelSpec(code=code, name=stem)
        spec.levels.append(level)
        for column in header:
            if column not in known:
                spec.warnings.append(
                    f"{filename}: row 1, column {column!r}: unknown column, left out"
                )
        text_column = "criterion" if "criterion" in header else "expectation"
        if text_column not in header or "competency" not in header:
            _refuse(f"{filename}: row 1: needs the columns 'competency' and 'criterion'")
        for number, values in rows:
            where = f"{filename}: row {number}"
            if values.get("level_name"):
                level.name = _text(values["level_name"], where, max_length=200, required=True)
            if values.get("level_summary"):
                level.summary = values["level_summary"].strip()
            given = _text(
                values.get("competency") or "",
                f"{where}, column 'competency'",
                max_length=200,
                required=True,
            )
            competency = competencies.get(given)
            if competency is None:
                key = given if KEY_PATTERN.match(given) else key_from_name(given)
                competency = CompetencySpec(
                    key=_unique_key(key, keys, f"competency-{len(keys) + 1}"),
                    name=(values.get("competency_name") or given).strip()[:200],
                    description=(values.get("competency_description") or "").strip(),
                )
                group_name = (values.get("group") or "").strip()[:200]
                if group_name:
                    group_key = key_from_name(group_name) or f"group-{len(groups) + 1}"
                    if group_key not in groups:
                        groups[group_key] = GroupSpec(key=group_key, name=group_name)
                        spec.groups.append(groups[group_key])
                    competency.group = group_key
                competencies[given] = competency
                spec.competencies.append(competency)
            values = dict(values, criterion=values.get(text_column) or "")
            try:
                criterion = _criterion_from_row(values, number)
            except LadderFileError as error:
                _refuse(f"{filename}: {error}")
            spec.add_criterion(competency, code, criterion)
    return _finish(spec, lambda i: files[i][0], lambda i: f"competency {i + 1}")


# Any file or files ----------------------------------------------------------------------


def _decode(raw: str | bytes) -> str:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            _refuse(f"byte {error.start}: the file is not UTF-8 text")
    raw = raw.removeprefix("\ufeff")
    if not raw.strip():
        _refuse("the file is empty")
    return raw


def _suffix(filename: str) -> str:
    return PurePath(filename).suffix.lower()


def ladder_parse_files(files: Sequence[tuple[str, str | bytes]], *, name: str = "") -> LadderSpec:
    """The ladder in one or more uploaded files, whatever their published form; `name`
    (when given) names it, and a CSV ladder without one is named after its file."""
    if not files:
        _refuse("no file")
    kinds = {_suffix(filename) for filename, _ in files}
    first = files[0][0]

    def named(error: LadderFileError, filename: str) -> NoReturn:
        message = str(error)
        _refuse(message if message.startswith(filename) else f"{filename}: {message}")

    if kinds <= {".md", ".markdown"}:
        return ladder_parse_markdown(files, name=name)
    if kinds <= {".csv"}:
        if len(files) == 1:
            try:
                return ladder_parse_csv(files[0][1], name=name or PurePath(first).stem)
            except LadderFileError as error:
                named(error, first)
        return ladder_parse_level_files(
            files, name=name or PurePath(first).parent.name or "Imported ladder"
        )
    if kinds <= {".yaml", ".yml", ".json", ""}:
        if len(files) == 1:
            try:
                spec = ladder_parse_yaml(files[0][1])
            except LadderFileError as error:
                named(error, first)
            spec.name = _text(name or spec.name, "the ladder's name", max_length=200, required=True)
            return spec
        roots = []
        for filename, raw in files:
            try:
                roots.append(_compose(_decode(raw)))
            except LadderFileError as error:
                named(error, filename)
        return _parse_id_linked(roots, name=name)
    _refuse("upload YAML, Markdown or CSV files, all of one kind")


def ladder_sample(key: str) -> LadderSpec:
    """One of the sample ladders shipped with Wayfinder."""
    if key not in SAMPLES:
        _refuse(f"no sample ladder {key!r} (there are {', '.join(SAMPLES)})")
    raw = resources.files("wayfinder.advocacy").joinpath(f"samples/{key}.yaml").read_text("utf-8")
    return ladder_parse_yaml(raw)


def warning_lines(spec: LadderSpec, limit: int = 10) -> list[str]:
    """The warnings as shown after an import: the first `limit`, then how many more."""
    shown = spec.warnings[:limit]
    if len(spec.warnings) > limit:
        shown.append(f"and {len(spec.warnings) - limit} more")
    return shown


__all__ = [
    "SAMPLES",
    "CompetencySpec",
    "CriterionSpec",
    "GroupSpec",
    "LadderFileError",
    "LadderSpec",
    "LevelSpec",
    "TrackSpec",
    "key_from_name",
    "ladder_parse_csv",
    "ladder_parse_files",
    "ladder_parse_level_files",
    "ladder_parse_markdown",
    "ladder_parse_yaml",
    "ladder_sample",
    "warning_lines",
]
