"""Find secret text (solutions, hidden tests, mark schemes, region markers) in a released notebook."""

from __future__ import annotations

from nbformat import NotebookNode

from pmcourse.grading.cells import MARKERS, split_secret_lines


def find_leaks(source: NotebookNode, release: NotebookNode) -> list[str]:
    """Lines of `release` that only appear inside a secret region of `source`, plus any region marker.

    A line that the source also shows publicly (an import, `pass`, a closing bracket) is not a leak.
    """
    secret: set[str] = set()
    public: set[str] = set()
    for cell in source.cells:
        shown, hidden = split_secret_lines(cell.source)
        public.update(line.strip() for line in shown)
        secret.update(line.strip() for line in hidden)
    secret -= public
    secret.discard("")
    problems = []
    for cell in release.cells:
        for number, line in enumerate(cell.source.splitlines(), start=1):
            text = line.strip()
            if any(marker in text for marker in MARKERS):
                problems.append(f"cell {cell.get('id')!r} line {number}: region marker {text!r}")
            elif text in secret:
                problems.append(f"cell {cell.get('id')!r} line {number}: secret line {text!r}")
    return problems
