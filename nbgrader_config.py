"""nbgrader configuration for PM Analytics Lab: run nbgrader's own commands from this folder.

solutions/ holds the instructor masters (nbgrader's source), notebooks/ the generated student versions
(nbgrader's release). The gradebook and the exchange live in .nbgrader/, which git ignores.
"""

from pathlib import Path

c = get_config()

ROOT = Path(__file__).resolve().parent
STATE = ROOT / ".nbgrader"
(STATE / "exchange").mkdir(parents=True, exist_ok=True)

c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.course_id = "pm-analytics-lab"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"
c.CourseDirectory.db_url = f"sqlite:///{STATE / 'gradebook.db'}"
c.Exchange.root = str(STATE / "exchange")

# Every notebook runs in seconds; a cell that needs more than a minute is stuck, not slow.
c.Execute.timeout = 60
c.Execute.startup_timeout = 60
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# A copy-pasted graded cell (a duplicate grade id) must not stop the whole batch (nbgrader #1083),
# a deleted test cell is put back from the gradebook instead of silently scoring nothing, and a learner
# cell that tampers with the grader is replaced, before anything runs, by one that fails with the reason.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "pmcourse.grading.preprocessors.DropDuplicateGradeIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
    "pmcourse.grading.preprocessors.LintSubmission",
]
c.OverwriteCells.add_missing_cells = True
# nbgrader's defaults, plus a cap on the characters a cell may print (LimitOutput counts only lines).
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "pmcourse.grading.preprocessors.CapOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Feedback shows what each hidden test checked and whether it passed, never its code (nbgrader #917).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "pmcourse.grading.preprocessors.HideHiddenTests",
    "pmcourse.grading.preprocessors.PlotlyAsHTML",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# Instructors may keep machine-specific settings (a shared exchange, a class roster) out of git.
local = ROOT / "nbgrader_config.local.py"
if local.exists():
    load_subconfig(str(local))
