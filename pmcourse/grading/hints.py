"""Compute the fingerprints of wrong answers from the variant files, for the hint tables of test cells.

A misconception hint recognises a wrong value by its fingerprint. Rather than typing hashes by hand,
write the mistake as a `lose` variant in tests/variants/<assignment>.toml and run

    python -m pmcourse.grading.hints 00-orientation

It runs each lose variant (the solution with that cell rewritten) from the assignment's folder and
prints the fingerprint of every name the rewritten cell assigns, computed from the frozen data. The
tables are in pmcourse/known_mistakes/<assignment>.toml, under the test cell's grade id.
"""

from __future__ import annotations

import argparse
import ast
import sys

import nbformat

from pmcourse.grading.cells import grade_id, nbgrader_meta, replace_cell_source, strip_solution_markers
from pmcourse.grading.course import COURSE_ROOT, notebook_client, notebook_names
from pmcourse.grading.variants import Variant, load_variants


def assigned_names(code: str) -> list[str]:
    """Top-level names a cell assigns (tuple unpacking included), in order: the values a hint can recognise."""
    names: list[str] = []

    def collect(target: ast.expr) -> None:
        if isinstance(target, ast.Name) and target.id not in names:
            names.append(target.id)
        elif isinstance(target, ast.Tuple | ast.List):
            for item in target.elts:
                collect(item)

    for node in ast.parse(code).body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                collect(target)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            collect(node.target)
    return names


def variant_fingerprints(assignment: str, variant: Variant) -> dict[str, str]:
    """Run the solution master with the variant's cell (tests left out) and fingerprint what it assigns."""
    folder = COURSE_ROOT / "solutions" / assignment
    nb = nbformat.read(str(folder / f"{variant.notebook}.ipynb"), as_version=4)
    nb = replace_cell_source(nb, variant.cell, variant.code)
    stop = [grade_id(cell) for cell in nb.cells].index(variant.cell)
    nb.cells = [cell for cell in nb.cells[: stop + 1] if not nbgrader_meta(cell).get("grade")]
    for cell in nb.cells:
        cell.source = strip_solution_markers(cell.source)
    names = assigned_names(variant.code)
    # Intermediate tables (millions of rows) are never a graded answer: fingerprinting them only costs time.
    probe = ("from pmcourse.checks import fingerprint as _fp\n"
             f"for _n in {names!r}:\n"
             "    _v = globals()[_n]\n"
             "    if not (hasattr(_v, '__len__') and not isinstance(_v, str) and len(_v) > 100_000):\n"
             "        print(_n, _fp(_v))\n")
    nb.cells.append(nbformat.v4.new_code_cell(probe))
    notebook_client(nb, folder).execute()
    printed = "".join(out.get("text", "") for out in nb.cells[-1].outputs if out.output_type == "stream")
    return dict(line.split(" ", 1) for line in printed.splitlines() if " " in line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignment")
    args = parser.parse_args(argv)
    variants = load_variants(COURSE_ROOT / "tests" / "variants" / f"{args.assignment}.toml",
                             notebook_names(args.assignment, COURSE_ROOT))
    for variant in variants:
        if variant.expect == "lose":
            for name, key in variant_fingerprints(args.assignment, variant).items():
                print(f"{variant.name}: {name} -> {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
