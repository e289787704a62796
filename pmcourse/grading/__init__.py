"""Instructor tooling on top of nbgrader: course access, the course self-test and grading plug-ins."""
