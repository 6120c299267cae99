"""Tests that share a fixture or a page's run are scheduled on one pytest-xdist worker."""

from helpers import ROOT
from primer_tools.scheduling import PAGE_RUN_TESTS, SHARED_FIXTURE_GROUPS, scheduling_group


def test_the_site_is_built_by_one_worker_only():
    """Two builds side by side race on mkdocs-jupyter's cache."""
    assert scheduling_group("tests/test_site_build.py::test_strict_build_has_no_warnings") == scheduling_group(
        "tests/test_browser.py::test_language_switcher_goes_to_the_same_page"
    )


def test_one_pages_checks_share_a_worker_and_other_pages_do_not():
    chapter_15 = {
        scheduling_group("docs/en/15-transfer-learning.md::line:40,column:1"),
        scheduling_group("docs/ko/15-transfer-learning.md::line:42,column:1"),
        scheduling_group(
            "tests/test_page_replay.py::test_page_replayed_as_one_script_prints_its_outputs[en/15-transfer-learning.md]"
        ),
        scheduling_group("tests/test_figures.py::test_page_figures_are_what_its_code_draws[ko/15-transfer-learning.md]"),
    }
    assert len(chapter_15) == 1
    assert scheduling_group("docs/en/16-watching-training.md::line:40,column:1") not in chapter_15


def test_other_tests_are_handed_out_one_by_one():
    first = "tests/test_examples.py::test_example_runs_as_a_script[examples/02_tensors/creating.py]"
    second = "tests/test_examples.py::test_example_runs_as_a_script[examples/02_tensors/operations.py]"
    assert scheduling_group(first) != scheduling_group(second)


def test_the_grouped_files_exist():
    for name in [*SHARED_FIXTURE_GROUPS, *PAGE_RUN_TESTS]:
        assert (ROOT / name).is_file(), f"{name} was renamed: update primer_tools/scheduling.py"
