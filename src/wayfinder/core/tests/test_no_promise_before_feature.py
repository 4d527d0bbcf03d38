"""No page promises a feature before it exists: sharing (shares, viewers) is not built yet,
so no template, footer or private-field hint may speak of it as present."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

APPS = Path(__file__).resolve().parents[2]
SHARING = re.compile(r"\b(shar(e|es|ed|ing)|viewers?)\b", re.IGNORECASE)


def test_no_template_speaks_of_sharing():
    templates = [*APPS.glob("*/templates/**/*.html"), *APPS.glob("*/templates/**/*.txt")]
    assert len(templates) > 50  # the glob found the templates
    promises = [
        f"{path.relative_to(APPS)}:{number}: {line.strip()}"
        for path in templates
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if SHARING.search(line)
    ]
    assert promises == []


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "core:profile",
        "wins:win-new",
        "network:person-new",
        "conversations:conversation-new",
        "reflection:entry-new",
        "reflection:private",
        "reflection:note-new",
    ],
)
def test_the_footer_and_the_private_hints_promise_no_sharing(client, owner, name):
    client.force_login(owner.user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    content = response.content.decode()
    footer = content[content.index('<footer class="site-footer">') :]
    assert "leaves only when you export it" in footer
    assert SHARING.findall(content) == []
