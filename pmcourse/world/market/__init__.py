"""Kanbo's market research, one module per table: the survey, the competitor grid and the market-sizing inputs."""

from __future__ import annotations

from pmcourse.world.market import competitors, sizing, survey

TABLES = (survey.TABLE, competitors.TABLE, sizing.TABLE)
