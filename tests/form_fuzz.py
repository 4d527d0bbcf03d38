"""Fuzzing every form of every page: hypothesis-generated values posted as a signed-in owner.

The forms are found, not listed: the URLconf is walked (`django.urls.get_resolver`), every
page without arguments is fetched, and the links of those pages give the pages with
arguments (a win, a person, a ladder...). Each `<form>` of each page is read with
`html.parser` and then submitted with generated values: over-long strings, out-of-range
dates, negative and huge numbers, invalid choices, emoji, right-to-left text, NUL bytes,
files that are not text. A request that answers 500 is a failure.

Each request runs in a savepoint that is rolled back, so the owner's seeded data stays the
same from one request to the next (a deleted win does not turn every later form into a 404).

`fuzz_forms()` is the whole run, for the test (tests/test_form_fuzz.py) and for
scripts/faults.py, which call it with a count of requests and read the report.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import NoReverseMatch, Resolver404
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

# Pages not fetched or submitted: the admin is Django's own; signing out ends the run's
# session; a PDF takes seconds to render and has no form.
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"accounts:signout", "accounts:signin-link", "core:health"}
SKIPPED_SUFFIXES = (".pdf",)
PAGES_PER_ROUTE = 2

# Characters a person could send: no lone surrogates, which no HTTP form encoding carries
# (Django decodes them as U+FFFD) and the test client cannot encode.
TEXT = st.characters(exclude_categories=("Cs",))
SPECIAL_TEXT = [
    "",
    " ",
    "\x00",
    "ad\x00min",
    "\u202eevil\u202c",  # right-to-left override
    "مرحبا بالعالم",
    "😀" * 60,
    "e\u0301" * 50,  # combining accents
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "\r\n\t",
    "ｂｏｂ",
]
SPECIAL_DATES = [
    "0001-01-01",
    "0000-00-00",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "2026-13-01",
    "1900-01-01",
    "-1",
    "2026-11-23\x00",
    "23/11/2026",
    "99999999-01-01",
]
SPECIAL_NUMBERS = [
    "-1",
    "0",
    "-0",
    "1e309",
    "-1e309",
    "nan",
    "NaN",
    "inf",
    "-Infinity",
    "9" * 400,
    "9" * 5000,
    "-" + "9" * 30,
    "1.5",
    "1,5",
    "0x10",
    "١٢",  # Arabic-Indic digits
    "²",
    "9223372036854775808",
]
SPECIAL_FILES = [
    b"",
    b"\x00" * 64,
    b"\xff\xfe\xfa not UTF-8",
    b"name: Ladder\nlevels: [\x00]\n",
    b'name: "Eng\\0ineering"\nlevels: []\n',  # a YAML escape that makes a NUL
    b"{" * 5000,
    b"[" * 5000 + b"]" * 5000,
    "- \ud800".encode("utf-8", "surrogatepass"),
    b"name: x\nlevels:\n  - code: L1\n    title: One\ncompetencies: []\n",
    b"level,competency,expectation\nL1,Craft,Does the work\n",
]


@dataclass
class FormField:
    name: str
    kind: str  # text, textarea, date, number, choice, multiple, checkbox, file, hidden
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class FoundForm:
    page: str
    action: str
    method: str
    fields: dict[str, FormField]

    @property
    def key(self) -> tuple:
        return (route_of(self.action), self.method, tuple(sorted(self.fields)))


@dataclass
class FuzzReport:
    database: str
    forms: int = 0
    pages: int = 0
    requests: int = 0
    server_errors: list[str] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "database": self.database,
            "pages": self.pages,
            "forms": self.forms,
            "requests": self.requests,
            "server_errors": len(self.server_errors),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "first_errors": self.server_errors[:10],
        }


class _FormReader(HTMLParser):
    """The forms of a page, and the links to other pages."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[FoundForm] = []
        self.links: list[str] = []
        self._form: FoundForm | None = None
        self._select: FormField | None = None
        self._textarea: FormField | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.page, a["href"]))
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a and not self._select.value:
                self._select.value = a.get("value", "")
        elif tag == "form":
            action = urljoin(self.page, a.get("action") or a.get("hx-post") or self.page)
            method = (a.get("method") or "get").lower()
            if a.get("hx-post"):
                method = "post"
            self._form = FoundForm(page=self.page, action=action, method=method, fields={})
        elif self._form is None or not a.get("name"):
            return
        elif tag in ("input", "button"):
            self._input(a, tag)
        elif tag == "select":
            kind = "multiple" if "multiple" in a else "choice"
            self._select = self._form.fields.setdefault(a["name"], FormField(a["name"], kind))
        elif tag == "textarea":
            self._textarea = self._form.fields.setdefault(a["name"], FormField(a["name"], "text"))

    def _input(self, a: dict[str, str], tag: str) -> None:
        name, kind = a["name"], (a.get("type") or ("submit" if tag == "button" else "text"))
        fields = self._form.fields
        if kind in ("checkbox", "radio", "submit"):
            spec = fields.setdefault(
                name, FormField(name, "multiple" if kind == "checkbox" else "choice")
            )
            spec.options.append(a.get("value", "on"))
            if "checked" in a or kind == "submit":
                spec.value = spec.value or a.get("value", "on")
        elif kind == "file":
            fields[name] = FormField(name, "file")
        elif kind in ("date", "number", "hidden"):
            fields[name] = FormField(name, kind, a.get("value", ""))
        else:
            fields[name] = FormField(name, "text", a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def route_of(url: str) -> str | None:
    """The URL name a path resolves to, or None for anything outside the app."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


def url_names() -> Iterator[tuple[str, URLPattern]]:
    """Every named route of the URLconf, as 'namespace:name'."""

    def walk(patterns, namespace: str):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                if pattern.namespace in SKIPPED_NAMESPACES:
                    continue
                yield from walk(pattern.url_patterns, inner)
            elif pattern.name:
                yield f"{namespace}{pattern.name}", pattern

    yield from walk(get_resolver().url_patterns, "")


def _wanted(url: str) -> bool:
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver") or parts.path.endswith(SKIPPED_SUFFIXES):
        return False
    name = route_of(url)
    return (
        name is not None
        and name not in SKIPPED_NAMES
        and name.split(":")[0] not in SKIPPED_NAMESPACES
    )


def discover(client: Client) -> tuple[list[FoundForm], int]:
    """The distinct forms of every page reachable from the URLconf, and the pages read."""
    from django.urls import reverse

    queue: list[str] = []
    for name, _pattern in url_names():
        if name in SKIPPED_NAMES:
            continue
        try:
            queue.append("http://testserver" + reverse(name))
        except NoReverseMatch:
            continue  # needs arguments: reached through the links of other pages
    seen_urls: set[str] = set()
    per_route: dict[str, int] = {}
    forms: dict[tuple, FoundForm] = {}
    pages = 0
    while queue:
        url = queue.pop(0)
        path = urlsplit(url).path
        name = route_of(url)
        if path in seen_urls or not _wanted(url) or per_route.get(name, 0) >= PAGES_PER_ROUTE:
            continue
        seen_urls.add(path)
        per_route[name] = per_route.get(name, 0) + 1
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        reader = _FormReader(url)
        reader.feed(response.content.decode())
        for form in reader.forms:
            if _wanted(form.action):
                forms.setdefault(form.key, form)
        queue.extend(link for link in reader.links if urlsplit(link).path not in seen_urls)
    return list(forms.values()), pages


def _long_text() -> st.SearchStrategy[str]:
    return st.integers(90, 12_000).flatmap(
        lambda n: st.sampled_from(["x", "é", "😀", "a "]).map(lambda c: (c * n)[:n])
    )


def _with_nul(value: str) -> st.SearchStrategy[str]:
    """The field's own value with a NUL somewhere in it: what PostgreSQL refuses."""
    return st.integers(0, len(value)).map(lambda i: value[:i] + "\x00" + value[i:])


def value_for(spec: FormField) -> st.SearchStrategy:
    """What might be sent for one field: its own value, or something hostile."""
    texts = (
        st.sampled_from(SPECIAL_TEXT)
        | st.text(TEXT, max_size=40)
        | _long_text()
        | _with_nul(spec.value)
    )
    if spec.kind == "file":
        return st.sampled_from(SPECIAL_FILES) | st.binary(max_size=300)
    if spec.kind == "date":
        dates = st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}")
        return st.sampled_from(SPECIAL_DATES) | dates | texts
    if spec.kind == "number":
        numbers = st.integers().map(str) | st.floats().map(str)
        return st.sampled_from(SPECIAL_NUMBERS) | numbers | texts
    if spec.kind in ("choice", "multiple"):
        invalid = st.sampled_from(["", "9999999", "-1", "x\x00", "9" * 30, "0", "None"])
        one = st.sampled_from(spec.options) | invalid | texts if spec.options else invalid | texts
        if spec.kind == "multiple":
            return st.lists(one, max_size=4)
        return one
    if spec.kind == "hidden":
        return st.just(spec.value) | texts | st.sampled_from(SPECIAL_NUMBERS)
    return texts | st.just(spec.value)


def payload(form: FoundForm) -> st.SearchStrategy[dict]:
    """Every field of the form, each either left out, as found, or generated."""
    return st.fixed_dictionaries(
        {},
        optional={name: value_for(spec) for name, spec in form.fields.items()},
    )


def _encoded(form: FoundForm, data: dict) -> dict:
    out = {}
    for name, value in data.items():
        if form.fields[name].kind == "file":
            out[name] = SimpleUploadedFile("upload.yaml", value)
        else:
            out[name] = value
    return out


def _submit(client: Client, form: FoundForm, data: dict) -> int:
    path = urlsplit(form.action).path
    with transaction.atomic():
        if form.method == "post":
            response = client.post(path, _encoded(form, data))
        else:
            plain = {k: v for k, v in data.items() if form.fields[k].kind != "file"}
            response = client.get(path, plain)
        transaction.set_rollback(True)
    return response.status_code


def fuzz_forms(
    client: Client,
    *,
    sign_in,
    requests: int,
    seed_value: int | None = None,
    report_path: Path | None = None,
) -> FuzzReport:
    """Post `requests` generated submissions into the forms a signed-in client can see.

    `sign_in()` signs the client in (again): a form that rotates the session key (a new
    password) would otherwise leave the rest of the run signed out.
    """
    sign_in()
    found, pages = discover(client)
    report = FuzzReport(database=connection.vendor, forms=len(found), pages=pages)
    if not found:
        raise AssertionError("no form found: the owner is not signed in, or the pages changed")
    cookie = django_settings.SESSION_COOKIE_NAME

    @settings(
        max_examples=requests,
        deadline=None,
        database=None,
        derandomize=seed_value is None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data):
        form = found[data.draw(st.integers(0, len(found) - 1), label="form")]
        values = data.draw(payload(form), label="values")
        before = client.cookies.get(cookie)
        status = _submit(client, form, values)
        report.requests += 1
        report.statuses[status] = report.statuses.get(status, 0) + 1
        if status >= 500:
            shown = {
                k: (v if len(repr(v)) < 120 else f"{repr(v)[:80]}…") for k, v in values.items()
            }
            report.server_errors.append(f"{form.method.upper()} {form.action} {shown!r}")
        after = client.cookies.get(cookie)
        if before is None or after is None or before.value != after.value:
            sign_in()

    if seed_value is not None:
        run = seed(seed_value)(run)
    run()
    if report_path is not None:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(json.dumps(report.as_dict(), indent=2) + "\n")
    return report


def report_path_from_environment() -> Path | None:
    """Where the test writes its figures, for scripts/faults.py (unset: nowhere)."""
    folder = os.environ.get("WAYFINDER_FUZZ_REPORT_DIR")
    return Path(folder) / f"form-fuzz-{connection.vendor}.json" if folder else None
