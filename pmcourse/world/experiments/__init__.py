"""Kanbo's experiment exports (`experiments/*`): one module per experiment, each planting one lesson.

Sized to Kanbo (≈ 1,200–2,000 daily actives, ≈ 80 sign-ups a day), so only large effects are detectable.

- signup_form: an inline sign-up form on the pricing page, a real effect on sign-ups (SRM clean, CUPED,
  guardrail).
- onboarding: a redirect bug in the mobile apps loses treatment users: sample ratio mismatch and a spurious win.
- board_view: a redesigned board view whose early lift is novelty that fades.
- reminders: an uneven ramp makes the pooled result reverse the per-segment ones (Simpson).
- pricing_page: a 20-metric scorecard where raw tests find false wins, and Benjamini–Hochberg keeps real
  effects that Bonferroni and Holm (family-wise corrections) miss.
- quick_add: the capstone's test that ran through the Android 5.4.0 sync incident.

Ids are pseudonymised per experiment (e.g. "vis-548213") and never join to `users`.
"""

from __future__ import annotations

from pmcourse.world.experiments import board_view, onboarding, pricing_page, quick_add, reminders, signup_form

TABLES = (
    *signup_form.TABLES,
    *onboarding.TABLES,
    *board_view.TABLES,
    *reminders.TABLES,
    *pricing_page.TABLES,
    *quick_add.TABLES,
)
