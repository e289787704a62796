"""A simulated class run through the whole instructor pipeline: the first thing to try, and a test of it.

Each made-up student has an ability; able students hand in complete or differently-written correct
work, middling ones partial work or known misconceptions (the variant files), weak ones blank work,
and one submission in eight is broken or tampered with. Then: generate, batch autograde,
feedback, export, item-analysis report, in a throw-away copy of the course.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from pmcourse.grading.cells import cell_kind, grade_id
from pmcourse.grading.course import COURSE_ROOT, notebook_names
from pmcourse.grading.sandbox import CourseSandbox
from pmcourse.grading.selftest import release_notebooks, solution_notebooks, variant_notebooks
from pmcourse.grading.variants import Variant, load_variants
from pmcourse.instructor.submissions import BAD_KINDS, Submission, Target, exercises

DEFAULT_ASSIGNMENTS = ("00-orientation", "04-roadmap")
# Broken kinds the demo hands in; a submission that ignores interrupts is left to the test battery,
# because it holds a worker for the whole time limit.
DEMO_BAD_KINDS = [kind for kind in BAD_KINDS if kind != "ignores interrupts"]
BAD_EVERY = 8  # one submission in eight is broken or tampered with


def partial(sandbox: CourseSandbox, assignment: str, share: float) -> Submission:
    """The perfect submission with the last `share` of each notebook's answers left as the release's stub.

    Learners who run out of time stop part-way; later exercises often build on earlier ones.
    """
    solution = solution_notebooks(sandbox, assignment)
    release = release_notebooks(sandbox, assignment)
    for name, nb in solution.items():
        stubs = {grade_id(cell): cell.source for cell in release[name].cells if cell_kind(cell) == "autograded_answer"}
        answers = [cell for cell in nb.cells if grade_id(cell) in stubs]
        for cell in answers[len(answers) - round(share * len(answers)):]:
            cell.source = stubs[grade_id(cell)]
    return solution


def targets(sandbox: CourseSandbox, assignment: str) -> list[Target]:
    """Every exercise of the assignment, as a target for a bad submission."""
    return [Target(name, answer, tests) for name in sandbox.notebooks(assignment)
            for answer, tests in exercises(sandbox.source(assignment, name))]


def make_submission(sandbox: CourseSandbox, assignment: str, ability: float, variants: list[Variant],
                    rng: random.Random) -> tuple[str, Submission]:
    """(what kind it is, the notebooks) for one honest student of the given ability."""
    lose = [v for v in variants if v.expect == "lose"]
    full = [v for v in variants if v.expect == "full"]
    if ability > 0.7:
        if full and rng.random() < 0.35:
            variant = rng.choice(full)
            return f"correct, written another way ({variant.name})", variant_notebooks(sandbox, assignment, variant)
        return "complete", solution_notebooks(sandbox, assignment)
    if ability > 0.35:
        if lose and rng.random() < 0.6:
            variant = rng.choice(lose)
            return f"misconception ({variant.name})", variant_notebooks(sandbox, assignment, variant)
        return "partial", partial(sandbox, assignment, 0.3)
    if ability > 0.1:
        return "mostly unfinished", partial(sandbox, assignment, 0.7)
    return "blank", release_notebooks(sandbox, assignment)


def simulate_class(sandbox: CourseSandbox, assignments: list[str], students: int, seed: int) -> dict[str, str]:
    """Hand in every student's work for every assignment; return "student/assignment" -> kind."""
    rng = random.Random(seed)
    kinds = {}
    for assignment in assignments:
        sandbox.generate(assignment)
    variants = {a: load_variants(COURSE_ROOT / "tests" / "variants" / f"{a}.toml", notebook_names(a, sandbox.root))
                for a in assignments}
    handed_in = 0
    for number in range(1, students + 1):
        student = f"student-{number:02d}"
        ability = rng.random()
        for assignment in assignments:
            handed_in += 1
            if handed_in % BAD_EVERY == 0:  # the broken ones, taken in turn so a small class still has some
                kind = DEMO_BAD_KINDS[(handed_in // BAD_EVERY - 1) % len(DEMO_BAD_KINDS)]
                notebooks = BAD_KINDS[kind](solution_notebooks(sandbox, assignment),
                                            rng.choice(targets(sandbox, assignment)))
            else:
                kind, notebooks = make_submission(sandbox, assignment, ability, variants[assignment], rng)
            sandbox.submit(assignment, student, notebooks)
            kinds[f"{student}/{assignment}"] = kind
    return kinds


def run_demo(students: int = 40, assignments: list[str] | None = None, out: Path | None = None, seed: int = 2026,
             workers: int | None = None, timeout: float = 120, progress: bool = True) -> dict[str, Path]:
    """Simulate a class in `out` (default: a new temporary folder), grade it, and say where everything is."""
    from pmcourse.instructor.batch import autograde_batch
    from pmcourse.instructor.export import export_grades
    from pmcourse.instructor.feedback import generate_feedback
    from pmcourse.instructor.report import build_report
    from pmcourse.instructor.summary import format_summary, needs_manual_grading

    chosen = list(assignments or DEFAULT_ASSIGNMENTS)
    root = (out or Path(tempfile.mkdtemp(prefix="pmcourse-demo-"))).resolve()
    sandbox = CourseSandbox(root, configured_gradebook=True)
    db_url = sandbox.db_url
    print(f"Demo class: {students} students x {len(chosen)} assignments in {root}", flush=True)
    kinds = simulate_class(sandbox, chosen, students, seed)
    (root / "class.csv").write_text("submission,kind\n" + "".join(f"{k},\"{v}\"\n" for k, v in kinds.items()),
                                    encoding="utf-8")
    result = autograde_batch(root, chosen, workers=workers, timeout=timeout, db_url=db_url, progress=progress)
    print(format_summary(result.statuses, needs_manual_grading(db_url, result.statuses), result.seconds,
                         result.workers), flush=True)
    feedback = generate_feedback(root, chosen, db_url)
    outputs = export_grades(root, root / "exports", db_url)
    outputs["report"] = build_report(root, root / "exports" / "item-analysis.html", db_url)
    outputs["feedback"] = root / "feedback"
    outputs["class"] = root / "class.csv"
    print(f"\n{len(feedback)} feedback files in {root / 'feedback'}")
    print("\n".join(f"{name}: {path}" for name, path in outputs.items()))
    return outputs
