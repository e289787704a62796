"""The tamper lint: what it flags, what it leaves alone, and that no correct answer in the course trips it."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from conftest import ASSIGNMENTS

from pmcourse.grading.cells import nbgrader_meta
from pmcourse.grading.course import COURSE_ROOT, notebook_names
from pmcourse.grading.lint import imported_names, lint_source
from pmcourse.grading.variants import load_variants

PROTECTED = imported_names(["import numpy as np\nimport pandas as pd\nfrom pmcourse import checks\n"
                            "from pmcourse.data import load"])

TAMPERING = {
    "IPython exception hook": ("get_ipython().set_custom_exc((Exception,), lambda *a: None)", "forbidden-name"),
    "hidden traceback": ("ip = get_ipython()\nip.showtraceback = lambda *a, **k: None", "forbidden-attribute"),
    "AST transformer by magic": ("%config InteractiveShell.ast_node_interactivity = 'none'", "magic"),
    "shell escape": ("!echo hi", "magic"),
    "builtins module": ("import builtins\nbuiltins.isinstance = lambda *a: True", "forbidden-import"),
    "__builtins__": ("__builtins__.abs = lambda x: 0", "forbidden-name"),
    "builtin redefined": ("def isinstance(value, kind):\n    return True", "shadowed-builtin"),
    "builtin lambda": ("type = lambda value: float", "shadowed-builtin"),
    "check helper patched": ("checks.assert_close = lambda *a, **k: None", "patched-module"),
    "numpy patched": ("np.isclose = lambda *a, **k: True", "patched-module"),
    "module rebound": ("checks = None", "rebound-module"),
    "module re-imported as another": ("import math as np", "rebound-module"),
    "data loader replaced": ("load = lambda name: None", "rebound-module"),
    "lying equality": ("class A(float):\n    def __eq__(self, other):\n        return True", "lying-value"),
    "lying isinstance": ("class M(type):\n    def __instancecheck__(cls, x):\n        return True", "lying-value"),
    "eval": ("x = eval('1 + 1')", "forbidden-name"),
    "exec": ("exec('x = 1')", "forbidden-name"),
    "globals": ("globals()['share'] = 0.5", "forbidden-name"),
    "setattr": ("setattr(checks, 'assert_close', print)", "forbidden-name"),
    "sys.modules": ("import sys\nsys.modules['pmcourse.checks'].assert_equal = print", "forbidden-attribute"),
    "inspect frames": ("import inspect\ninspect.currentframe().f_back", "forbidden-import"),
    "class internals": ("(0).__class__.__subclasses__()", "forbidden-attribute"),
}

HONEST = {
    "pandas": "confirmed = calendar[calendar['status'] == 'confirmed']\nn = len(confirmed)\n"
              "share = float(confirmed['duration_min'].sum() / 60)",
    "a variable called sum": "sum = 3\ntotal = sum + 1",
    "a column called type": "kinds = df['type'].value_counts()\nfirst = df.type.iloc[0]",
    "calling type and isinstance": "ok = type(x) is float and isinstance(y, int)",
    "pandas options": "pd.options.display.max_rows = 20\npd.set_option('display.precision', 3)",
    "matplotlib inline": "%matplotlib inline\nimport matplotlib.pyplot as plt",
    "re-import the same module": "import numpy as np\nfrom pmcourse import checks",
    "a class without tricks": "class Item:\n    def __init__(self, score):\n        self.score = score",
    "a syntax error is the kernel's business": "x = (1 +",
}


@pytest.mark.parametrize("name", list(TAMPERING))
def test_tampering_is_flagged_with_its_rule(name):
    source, rule = TAMPERING[name]
    findings = lint_source(source, PROTECTED)
    assert rule in {finding.rule for finding in findings}, findings
    assert all(finding.line >= 1 and finding.message for finding in findings)


@pytest.mark.parametrize("name", list(HONEST))
def test_honest_code_is_left_alone(name):
    assert lint_source(HONEST[name], PROTECTED) == []


def learner_code(assignment: str) -> list[tuple[str, str, dict[str, str]]]:
    """(where, code, protected names) for every answer a learner could write: solutions and variants."""
    found = []
    for notebook in notebook_names(assignment, COURSE_ROOT):
        nb = nbformat.read(str(COURSE_ROOT / "solutions" / assignment / f"{notebook}.ipynb"), as_version=4)
        protected = imported_names([c.source for c in nb.cells if c.cell_type == "code"
                                    and nbgrader_meta(c).get("locked")])
        found += [(f"{notebook}/{nbgrader_meta(c).get('grade_id')}", c.source, protected)
                  for c in nb.cells if c.cell_type == "code" and not nbgrader_meta(c).get("locked")]
        variants = load_variants(Path(COURSE_ROOT / "tests" / "variants" / f"{assignment}.toml"),
                                 notebook_names(assignment, COURSE_ROOT))
        found += [(f"variant {v.name!r}", v.code, protected) for v in variants if v.notebook == notebook]
    return found


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_correct_answer_or_variant_in_the_course_is_flagged(assignment):
    flagged = {where: [str(f) for f in lint_source(code, protected)]
               for where, code, protected in learner_code(assignment)}
    assert {where: found for where, found in flagged.items() if found} == {}
