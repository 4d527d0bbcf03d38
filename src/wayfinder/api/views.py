"""Settings → API tokens: make a token (shown once), see each one's last use, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from wayfinder.api.forms import TokenForm
from wayfinder.api.selectors import token_of_owner, tokens_of_owner
from wayfinder.api.services import TokenError, token_create, token_revoke
from wayfinder.core.clock import today_for
from wayfinder.core.errors import sentence
from wayfinder.core.web import owner_of, posted, render_page


def tokens(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    today = today_for(owner)
    form = TokenForm(posted(request))
    secret = ""
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = token_create(
                owner=owner,
                name=form.cleaned_data["name"],
                scopes=form.scopes(),
                expires_on=form.cleaned_data["expires_on"],
                today=today,
            )
        except TokenError as error:
            form.add_error(None, sentence(error))
        else:
            messages.success(request, f"Token '{token.name}' made. Copy it now: it is shown once.")
            form = TokenForm()
    status = 400 if request.method == "POST" and not secret else 200
    context = {
        "form": form,
        "secret": secret,
        "rows": [(token, token.state_on(today)) for token in tokens_of_owner(owner=owner)],
    }
    return render_page(request, "api/tokens.html", context, status=status)


@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    token = token_of_owner(owner=owner, token_id=pk)
    if token is None:
        raise Http404("No such token.")
    token_revoke(owner=owner, token=token, now=timezone.now())
    messages.success(request, f"Token '{token.name}' is revoked: it opens nothing any more.")
    return redirect("tokens:tokens")
