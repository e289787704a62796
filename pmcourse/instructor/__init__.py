"""Instructor tooling on top of nbgrader: batch autograde, feedback, export, item analysis and a demo class.

Run from the course folder: `python3 course.py grade --help` (or `python -m pmcourse.instructor --help`).
"""
