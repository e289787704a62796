"""PM Analytics Lab's course package: the Kanbo world, data helpers, learner checks and grading tools.

Learners receive this package too, so it holds no reference answer to any graded exercise.
"""

__version__ = "0.1.0"
