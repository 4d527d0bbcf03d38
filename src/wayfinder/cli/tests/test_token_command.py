"""`wayfinder token create|list|revoke` (issue 11 §3)."""

from __future__ import annotations

import hashlib
import json

from wayfinder.cli.tests.conftest import database, wayfinder


def test_create_prints_the_token_last_and_keeps_only_its_hash(data_dir):
    done = wayfinder(
        data_dir, "token", "create", "--name", "phone", "--scopes", "read:wins,write:wins"
    )

    assert done.returncode == 0, done.stderr
    secret = done.stdout.strip().splitlines()[-1]
    assert secret.startswith("wf_")
    with database(data_dir) as db:
        stored = db.execute("select token_hash, scopes from api_accesstoken").fetchall()
    assert stored == [(hashlib.sha256(secret.encode()).hexdigest(), '["read:wins", "write:wins"]')]


def test_all_grants_every_scope_and_list_shows_it(data_dir):
    wayfinder(data_dir, "token", "create", "--name", "laptop", "--scopes", "all")
    listed = json.loads(wayfinder(data_dir, "token", "list", "--json").stdout)
    assert listed[0]["name"] == "laptop"
    assert "private" in listed[0]["scopes"] and "write:reflection" in listed[0]["scopes"]
    assert listed[0]["state"] == "live" and listed[0]["last_used_at"] is None


def test_revoke_and_mistakes_are_one_line(data_dir):
    wayfinder(data_dir, "token", "create", "--name", "phone", "--scopes", "read:wins")
    revoked = wayfinder(data_dir, "token", "revoke", "1")
    assert revoked.returncode == 0, revoked.stderr
    assert json.loads(wayfinder(data_dir, "token", "list", "--json").stdout)[0]["state"] == (
        "revoked"
    )
    for argv in (
        ("revoke", "7"),
        ("create", "--name", "x", "--scopes", "read:nothing"),
        ("create", "--name", "x", "--scopes", "read:wins", "--expires", "2001-01-01"),
    ):
        failed = wayfinder(data_dir, "token", *argv)
        assert failed.returncode == 1, argv
        assert len(failed.stderr.strip().splitlines()) == 1, failed.stderr
        assert "Traceback" not in failed.stderr
