"""The course where learners meet it: JupyterLab in headless Chromium, nbgrader's Validate and Formgrader.

A private JupyterLab serves a throw-away copy of the course on 127.0.0.1. Screenshots of every step go
to test-artifacts/browser/ (ignored by git) and stay there after a failing run.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import ASSIGNMENTS
from labserver import running_lab

from pmcourse.grading.cells import autograded_test_cells
from pmcourse.grading.course import COURSE_ROOT, notebook_names, open_api
from pmcourse.grading.sandbox import CourseSandbox
from pmcourse.grading.selftest import solution_notebooks, variant_notebooks
from pmcourse.grading.variants import load_variants
from pmcourse.learner.workcopy import sync

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
ARTIFACTS = COURSE_ROOT / "test-artifacts" / "browser"
PAIRS = [(a, n) for a in ASSIGNMENTS for n in notebook_names(a, COURSE_ROOT)]
# Validate runs nbgrader's validator, the code path the self-test grades every notebook through (blank
# release: every test fails; solution: full marks); the browser adds the dialog, shown for one notebook.
VALIDATED = ("00-orientation", "pm_job_in_data")
TIMEOUT_MS = 90_000
POLL_MS = 250  # how often a wait re-checks the page; the default, every frame, keeps Chromium busy meanwhile
VERDICT = re.compile(r"^\s*(Correct|Not yet|Not attempted)\b")  # the first word of a self-paced verdict
CORRECT = re.compile(r"^\s*Correct\b")
pytestmark = pytest.mark.xdist_group("browser")  # one JupyterLab server for all browser tests

try:
    from playwright.sync_api import Page, sync_playwright
except ImportError:  # the suite's own environment has it; a bare install may not
    sync_playwright = None


def _require_browser() -> None:
    missing = []
    if sync_playwright is None:
        missing.append("the playwright package (pip install -r requirements-dev.txt)")
    if not CHROMIUM.exists():
        missing.append("Chromium (sudo apt-get install chromium)")
    if missing:
        message = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message + "; .ci/run installs both, so CI must have them")
        pytest.skip(message)


@pytest.fixture(scope="session")  # set up once per run, whatever order the tests come in
def lab(tmp_path_factory):
    """A JupyterLab server on a copy of the course, as an instructor has it: releases, Formgrader, a mistake."""
    _require_browser()
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "course"
    for name in ("solutions", "notebooks", "datasets"):
        shutil.copytree(COURSE_ROOT / name, root / name)
    shutil.copy2(COURSE_ROOT / "nbgrader_config.py", root)
    api = open_api(root)
    for assignment in ASSIGNMENTS:
        assert api.generate_assignment(assignment)["success"]
    mistake = wrong_answer()
    (root / "wrong").mkdir()
    nbformat.write(variant_notebooks(CourseSandbox(tmp / "scratch"), "00-orientation", mistake)[mistake.notebook],
                   str(root / "wrong" / f"{mistake.notebook}.ipynb"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_lab(root, tmp / "state") as url:
        yield url


@pytest.fixture(scope="session")  # set up once per run, whatever order the tests come in
def work_lab(tmp_path_factory):
    """JupyterLab as `python3 course.py lab` opens it: run from a clone, serving the working copy.

    Next to each release notebook sits `solved-<name>.ipynb`, the release with the master's answers typed in.
    """
    _require_browser()
    tmp = tmp_path_factory.mktemp("work-lab")
    root = tmp / "course"
    for name in ("solutions", "notebooks", "datasets"):  # a clone: the masters make feedback self-paced
        shutil.copytree(COURSE_ROOT / name, root / name)
    shutil.copy2(COURSE_ROOT / "nbgrader_config.py", root)
    work = sync(root).work
    scratch = CourseSandbox(tmp / "scratch")
    for assignment in ASSIGNMENTS:
        for name, nb in solution_notebooks(scratch, assignment).items():
            nbformat.write(nb, str(work / assignment / f"solved-{name}.ipynb"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_lab(root, tmp / "state", serve=work) as url:
        yield url


@pytest.fixture(scope="session")  # set up once per run, whatever order the tests come in
def browser():
    _require_browser()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")  # one context: after the first page, JupyterLab's scripts come from its cache
def context(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context, request):
    """A fresh page that records JavaScript errors; the test fails if any occurred."""
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.js_errors = []
    page.on("pageerror", lambda error: page.js_errors.append(f"uncaught: {error}"))
    page.on("console", lambda msg: page.js_errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.shot_prefix = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    yield page
    page.close()
    assert page.js_errors == [], "JavaScript errors on the page"


def shot(page: Page, step: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{page.shot_prefix}-{step}.png"))


def open_notebook(page: Page, url: str, path: str) -> None:
    page.goto(f"{url}/lab/tree/{path}?reset")  # ?reset: no tabs restored from an earlier test
    page.wait_for_selector(".jp-NotebookPanel-toolbar")
    page.wait_for_function("""() => {
        const status = document.querySelector('.jp-Notebook-ExecutionIndicator');
        return status && status.dataset.status === 'idle' && !document.body.innerText.includes('No Kernel');
    }""", polling=POLL_MS)
    shot(page, "opened")


def run_all(page: Page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    # Running cells show [*]; wait until the first code cell has run and none is running or queued.
    page.wait_for_function("""() => {
        const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent);
        return prompts.length > 0 && /\\d/.test(prompts[0]) && !prompts.some(p => p.includes('*'));
    }""", polling=POLL_MS)
    shot(page, "ran-all")


def validate(page: Page) -> str:
    page.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate", exact=True).click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for()
    page.wait_for_function("""() => {
        const d = document.querySelector('.jp-Dialog');
        return d && /(failed|Success)/i.test(d.innerText);
    }""", polling=POLL_MS)
    shot(page, "validated")
    text = dialog.inner_text()
    page.locator(".jp-Dialog").get_by_role("button", name="Ok").click()
    return text


def autograded_tests(assignment: str, notebook: str) -> int:
    nb = nbformat.read(str(COURSE_ROOT / "solutions" / assignment / f"{notebook}.ipynb"), as_version=4)
    return len(autograded_test_cells(nb))


def uses_matplotlib(assignment: str, notebook: str) -> bool:
    """Whether the solution draws a static matplotlib chart (not every notebook needs one)."""
    nb = nbformat.read(COURSE_ROOT / "solutions" / assignment / f"{notebook}.ipynb", as_version=4)
    return any("matplotlib" in cell.source for cell in nb.cells if cell.cell_type == "code")


def wrong_answer():
    """The first known mistake of 00-orientation whose visible test names it with a hint."""
    variants = load_variants(COURSE_ROOT / "tests" / "variants" / "00-orientation.toml",
                             notebook_names("00-orientation", COURSE_ROOT))
    return next(v for v in variants if v.expect == "lose" and v.hint)


@pytest.mark.parametrize(("assignment", "notebook"), PAIRS)
def test_a_solved_notebook_shows_its_charts_and_correct_under_every_test(work_lab, page, assignment, notebook):
    """A learner who has solved the notebook, in a clone: charts drawn, a Correct verdict under every test."""
    open_notebook(page, work_lab, f"{assignment}/solved-{notebook}.ipynb")
    run_all(page)
    assert page.locator(".jp-RenderedPlotly").count() >= 1, "no plotly chart in the page"
    page.locator(".jp-RenderedPlotly .main-svg").first.wait_for()  # plotly.js drew it
    page.locator(".jp-RenderedPlotly").first.scroll_into_view_if_needed()
    shot(page, "plotly-chart")
    image_sizes = page.eval_on_selector_all(
        ".jp-RenderedImage img", "imgs => imgs.map(i => [i.naturalWidth, i.naturalHeight])")
    assert all(w > 100 and h > 100 for w, h in image_sizes), image_sizes
    if uses_matplotlib(assignment, notebook):
        assert image_sizes, "the notebook draws with matplotlib but no image rendered"
        page.locator(".jp-RenderedImage img").first.scroll_into_view_if_needed()
        shot(page, "matplotlib-chart")
    verdicts = page.locator(".jp-OutputArea-output", has_text=VERDICT)
    assert verdicts.count() == autograded_tests(assignment, notebook)
    assert verdicts.filter(has_text=CORRECT).count() == verdicts.count(), verdicts.all_inner_texts()
    verdicts.first.scroll_into_view_if_needed()
    shot(page, "correct-verdict")
    if (assignment, notebook) == VALIDATED:
        report = validate(page)
        assert "Success! Your notebook passes all the tests." in report


def test_a_wrong_answer_shows_its_hint_in_validate_without_a_traceback(lab, page):
    mistake = wrong_answer()
    open_notebook(page, lab, f"wrong/{mistake.notebook}.ipynb")
    run_all(page)
    report = validate(page)
    assert " ".join(mistake.hint.split()).lower() in " ".join(report.split()).lower()
    assert report.count("The following cell failed") == len(mistake.lose)
    assert "Traceback" not in report and "CheckFailed" not in report


def test_formgrader_opens_from_the_nbgrader_menu_and_lists_the_assignments(lab, page):
    page.goto(f"{lab}/lab")
    page.wait_for_selector(".lm-MenuBar-itemLabel")
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel").get_by_text("Formgrader", exact=True).click()
    frame = page.frame_locator("iframe").first
    for assignment in ASSIGNMENTS:
        frame.get_by_text(assignment, exact=True).first.wait_for()
    shot(page, "formgrader")


def test_the_working_copy_opens_runs_and_validates_like_the_release(work_lab, page):
    page.goto(f"{work_lab}/lab?reset")
    listing = page.locator(".jp-DirListing-content")
    for assignment in ASSIGNMENTS:
        listing.get_by_text(assignment, exact=True).wait_for()
    assert listing.get_by_text("solutions", exact=True).count() == 0, "the learner's view shows the masters"
    shot(page, "working-copy")
    assignment, notebook = "00-orientation", notebook_names("00-orientation", COURSE_ROOT)[0]
    open_notebook(page, work_lab, f"{assignment}/{notebook}.ipynb")
    run_all(page)
    report = validate(page)
    assert "Success" not in report
    assert report.count("The following cell failed") == autograded_tests(assignment, notebook)
    assert "is not defined" in report or "NotImplementedError" in report
    assert "DatasetsNotFound" not in report and "FileNotFoundError" not in report  # the data loads from my-work/
