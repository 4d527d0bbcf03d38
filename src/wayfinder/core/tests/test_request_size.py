"""Uploads and form bodies over the limit are refused before they are read, with a page
naming the limit, and nothing is written to disk or to the database."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from wayfinder.advocacy.models import Ladder
from wayfinder.core.middleware import RequestSizeMiddleware
from wayfinder.core.uploads import LIMIT_EXCEEDED, LimitedUploadHandler, RequestTooLarge
from wayfinder.wins.models import Win

pytestmark = pytest.mark.django_db

CSV = b"level,level_name,competency,competency_name,expectation\nA,First,x,X,Do x.\n"


class CountingInput(io.BytesIO):
    """A request body that remembers how much of it the server read."""

    bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        data = super().readline(size)
        self.bytes_read += len(data)
        return data


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


@pytest.fixture
def upload_dir(tmp_path, settings):
    """Every uploaded byte would land on disk here."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


def post(client, url: str, body: bytes, content_type: str):
    stream = CountingInput(body)
    response = client.generic("POST", url, body, content_type, **{"wsgi.input": stream})
    return response, stream


def ladder_upload_body(size: int) -> bytes:
    """A ladder upload: the CSV file, padded to `size` bytes with a comment line."""
    padding = b"# " + b"x" * max(size - len(CSV) - 3, 0) + b"\n" if size > len(CSV) else b""
    upload = SimpleUploadedFile("ladder.csv", CSV + padding)
    return encode_multipart(BOUNDARY, {"file": upload, "name": "Big"})


@override_settings(WAYFINDER_MAX_UPLOAD_BYTES=4096)
def test_an_upload_over_the_limit_is_refused_unread_with_the_limit_named(
    signed_in, owner, upload_dir
):
    response, body = post(
        signed_in,
        reverse("advocacy:ladder-upload"),
        ladder_upload_body(10_000),
        MULTIPART_CONTENT,
    )

    assert response.status_code == 413
    assert "Uploads may hold at most 4.0 KB. Nothing was saved." in response.content.decode()
    assert body.bytes_read == 0
    assert list(upload_dir.iterdir()) == []
    assert not Ladder.objects.for_owner(owner).exists()


@override_settings(WAYFINDER_MAX_UPLOAD_BYTES=4096)
def test_an_upload_under_the_limit_goes_through(signed_in, owner):
    response, _ = post(
        signed_in, reverse("advocacy:ladder-upload"), ladder_upload_body(0), MULTIPART_CONTENT
    )

    assert response.status_code == 302
    assert Ladder.objects.for_owner(owner).get().name == "Big"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2000)
def test_a_form_body_over_the_limit_is_refused_unread_with_the_limit_named(signed_in, owner):
    document = "## 2026 Q3\n" + "- Launched the partner programme\n" * 200
    body = urlencode({"document": document, "confirm": "1"}).encode()

    response, stream = post(
        signed_in, reverse("portability:brag-doc"), body, "application/x-www-form-urlencoded"
    )

    assert response.status_code == 413
    assert "Forms may hold at most 2.0 KB. Nothing was saved." in response.content.decode()
    assert stream.bytes_read == 0
    assert not Win.objects.for_owner(owner).exists()


@override_settings(WAYFINDER_MAX_UPLOAD_BYTES=4096)
def test_the_upload_handler_alone_stops_before_reading(signed_in, owner, settings, upload_dir):
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if not m.endswith("RequestSizeMiddleware")
    ]

    response, body = post(
        signed_in,
        reverse("advocacy:ladder-upload"),
        ladder_upload_body(10_000),
        MULTIPART_CONTENT,
    )

    assert response.status_code == 400
    assert body.bytes_read == 0
    assert list(upload_dir.iterdir()) == []
    assert not Ladder.objects.for_owner(owner).exists()


@override_settings(WAYFINDER_MAX_UPLOAD_BYTES=100)
def test_the_upload_handler_stops_a_stream_longer_than_declared():
    request = RequestFactory().post("/advocacy/ladders/upload/")
    handler = LimitedUploadHandler(request)
    handler.handle_raw_input(None, request.META, 50, BOUNDARY)
    handler.new_file("file", "ladder.csv", "text/csv", None)

    assert handler.receive_data_chunk(b"x" * 60, 0) == b"x" * 60
    with pytest.raises(RequestTooLarge, match="at most 100 bytes"):
        handler.receive_data_chunk(b"x" * 60, 60)
    assert getattr(request, LIMIT_EXCEEDED) == 100


def test_a_request_the_upload_handler_stopped_gets_the_page_naming_the_limit(owner):
    def stopped_by_the_handler(request):
        setattr(request, LIMIT_EXCEEDED, 20 * 1024 * 1024)
        return HttpResponse("Bad Request", status=400)

    request = RequestFactory().post("/advocacy/ladders/upload/", {"file": io.BytesIO(CSV)})
    request.user = owner.user

    response = RequestSizeMiddleware(stopped_by_the_handler)(request)

    assert response.status_code == 413
    assert "Uploads may hold at most 20.0 MB." in response.content.decode()
