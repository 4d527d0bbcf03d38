"""scripts/faults.py, which writes docs/reliability.md, runs and keeps its promises."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "faults.py"


def faults_module():
    spec = importlib.util.spec_from_file_location("faults", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["faults"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_a_quick_run_writes_the_report_and_loses_no_acknowledged_write(tmp_path):
    output, figures = tmp_path / "reliability.md", tmp_path / "figures.json"
    command = [sys.executable, str(SCRIPT), "--quick", "--postgres", ""]
    result = subprocess.run(
        [*command, "--output", str(output), "--json", str(figures)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    summary = json.loads(figures.read_text())
    assert {key: value for key, value in summary.items() if key != "figures"} == {
        "acknowledged_writes_lost": 0,
        "integrity_failures": 0,
        "partial_imports": 0,
        "bad_import_tracebacks": 0,
        "bad_imports_that_changed_data": 0,
        "form_fuzz_server_errors": 0,
    }
    kills = summary["figures"]["kills"]
    assert [figures["runs"] for figures in kills.values()] == [3, 1, 2]
    assert sum(figures["acknowledged"] for figures in kills.values()) > 0
    (mixed,) = summary["figures"]["mixed"]
    assert mixed["cli_writes"] + mixed["web_writes"] > 0
    assert mixed["backups"] > 0
    assert len(summary["figures"]["bad_imports"]) == 4
    report = output.read_text()
    for heading in ("What is promised", "kill -9", "A mixed load", "Bad imports", "Machine"):
        assert f"## {heading}" in report
    assert "acknowledged writes lost" in report
    # The figures are printed as well as written.
    assert "mixed run on SQLite" in result.stdout


def test_every_security_item_finds_its_tests_by_node_id():
    faults = faults_module()
    nodes = [
        "src/wayfinder/core/tests/test_private_files.py::test_a_new_data_directory_is_private",
        "tests/test_linear_parsers.py::test_brag_doc_parse_is_linear",
        "src/wayfinder/accounts/tests/test_throttle.py::test_concurrent_guesses_evaluate_at_most",
        "src/wayfinder/advocacy/tests/test_pdf.py::test_the_pdf_export_fetches_nothing[http]",
        "src/wayfinder/core/tests/test_logs.py::test_a_server_error_is_logged_with_its_traceback",
        "tests/test_admin.py::test_view_on_site_never_confirms_an_owners_object",
        "src/wayfinder/core/tests/test_request_size.py::test_an_upload_over_the_limit_is_refused",
        "src/wayfinder/core/tests/test_small_leaks.py::test_every_signed_in_page_says_no_store[/]",
        # Not security tests, though their names share words with some.
        "src/wayfinder/wins/tests/test_log.py::test_win_list_is_newest_first_and_only_yours",
        "src/wayfinder/advocacy/tests/test_views_ladders.py::test_upload_a_csv_file",
        "src/wayfinder/search/tests/test_views.py::test_search_finds_a_win",
    ]
    items = faults.security_matches(nodes)
    assert len(items) == len(faults.SECURITY_ITEMS) == 8
    assert [item["tests"] for item in items] == [[node] for node in nodes[:8]]


def test_junit_results_are_matched_to_node_ids():
    faults = faults_module()
    outcome = {"src.wayfinder.core.tests.test_x.test_y[a]": "passed"}
    assert faults.outcome_of("src/wayfinder/core/tests/test_x.py::test_y[a]", outcome) == "passed"
    assert faults.outcome_of("tests/test_z.py::test_w", outcome) == "not run"
