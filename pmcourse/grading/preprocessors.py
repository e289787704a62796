"""nbgrader preprocessors the course plugs into autograde (see nbgrader_config.py)."""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import DeduplicateIds


class DropDuplicateGradeIds(DeduplicateIds):
    """Keep the last cell of each grade id, as nbgrader does, but remove the copies' metadata entirely.

    nbgrader's DeduplicateIds leaves `metadata.nbgrader = {}` on a copy, and OverwriteCells with
    add_missing_cells then fails on the missing grade_id and stops the whole batch (nbgrader #1083).
    Without the key the copy is an ordinary cell: it still runs but earns and costs nothing.
    """

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict,
                        cell_index: int) -> tuple[NotebookNode, ResourcesDict]:
        if not (utils.is_grade(cell) or utils.is_solution(cell) or utils.is_locked(cell)):
            return cell, resources
        gid = cell.metadata.nbgrader.get("grade_id")
        if gid in self.grade_ids:
            self.log.warning("Grade id %r appears more than once; the earlier copy is graded as a plain cell.",
                             gid)
            del cell.metadata["nbgrader"]
        else:
            self.grade_ids.add(gid)
        return cell, resources
