"""Request bodies are capped before they are read.

`RequestSizeMiddleware` (core/middleware.py) refuses a request whose Content-Length is over
the limit before a byte of its body is read: uploads (multipart) up to
WAYFINDER_MAX_UPLOAD_BYTES, other form bodies up to DATA_UPLOAD_MAX_MEMORY_SIZE. The upload
handler below holds uploads to the same limit while they stream in, whatever the header
said, so no oversized file is ever written to disk; the middleware then answers with the
same page.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from django.template.defaultfilters import filesizeformat

# Set on a request refused by the upload handler: the limit it went over.
LIMIT_EXCEEDED = "wayfinder_body_limit_exceeded"


class RequestTooLarge(MultiPartParserError):
    """An upload went over the limit: nothing of it is kept."""


def body_limit(request: HttpRequest) -> int:
    """The most this request's body may hold, in bytes."""
    if request.content_type == "multipart/form-data":
        return settings.WAYFINDER_MAX_UPLOAD_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def too_large_message(*, limit: int, uploading: bool) -> str:
    what = "Uploads" if uploading else "Forms"
    size = filesizeformat(limit).replace("\xa0", " ")
    return f"{what} may hold at most {size}. Nothing was saved."


class LimitedUploadHandler(FileUploadHandler):
    """Stops an upload at WAYFINDER_MAX_UPLOAD_BYTES: before reading when the declared
    length is over it, and as soon as the bytes received go over it."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = settings.WAYFINDER_MAX_UPLOAD_BYTES
        self.received = 0

    def _refuse(self) -> None:
        if self.request is not None:
            setattr(self.request, LIMIT_EXCEEDED, self.limit)
        raise RequestTooLarge(too_large_message(limit=self.limit, uploading=True))

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > self.limit:
            self._refuse()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self._refuse()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
