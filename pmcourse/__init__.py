"""PM Analytics Lab's course package: the Kanbo world, data helpers, learner checks and grading tools.

Learners receive this package too, so it holds no reference answer to any graded exercise.
"""

import sys

__version__ = "0.1.0"

# plotly's renderers import nbformat, whose jsonschema then imports rfc3987_syntax if it is installed
# (it is, as an extra of jupyter-events); that module compiles a grammar on import and adds about 2 s
# to the first chart of every notebook and every autograde. Kernels never validate IRIs, so the
# course's kernels skip it: jsonschema treats it as absent.
if "rfc3987_syntax" not in sys.modules:
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]

# In a notebook kernel studying from a clone of the course, show a verdict under each test cell
# (self-paced mode, see pmcourse.learner.mode); in graded mode this registers nothing.
# In every notebook kernel, a failing assert with a message shows the message (pmcourse.assert_messages).
if "IPython" in sys.modules:
    try:
        from pmcourse.learner.tutor import install

        install()
    except Exception:  # feedback is a courtesy: the course must load whatever happens
        pass
    try:
        from IPython import get_ipython

        from pmcourse import assert_messages

        assert_messages.install(get_ipython())
    except Exception:
        pass
