"""For learners studying on their own: a working copy that survives course updates, and a progress report."""
