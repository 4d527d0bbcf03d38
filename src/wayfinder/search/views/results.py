from __future__ import annotations

from django.http import HttpResponse

from wayfinder.core.web import HtmxHttpRequest, owner_of, render_page
from wayfinder.search.selectors import search


def results(request: HtmxHttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    hits = search(owner=owner_of(request), text=text) if text else []
    return render_page(
        request, "search/results.html", {"q": text, "hits": hits}, partial="search-results"
    )
