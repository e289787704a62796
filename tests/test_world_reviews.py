"""The planted truths of `app_reviews`, recovered from the frozen file with plain pandas.

None of this calls the generator: each test is the analysis a learner or instructor would run.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from kanbo_measures import LEXICON

from pmcourse.data import load
from pmcourse.grading.course import COURSE_ROOT

INCIDENT = pd.Timestamp("2026-01-20")  # Android 5.4.0 release
TOPICS = {"sync", "crash", "performance", "pricing", "ui", "notifications", "collaboration", "integrations",
          "offline", "praise"}


@pytest.fixture(scope="module")
def reviews() -> pd.DataFrame:
    frame = load("app_reviews", start=COURSE_ROOT)
    words = (frame["title"].fillna("") + " " + frame["text"].fillna("")).str.lower()
    return frame.assign(words=words)


@pytest.fixture(scope="module")
def clean(reviews) -> pd.DataFrame:
    """Reviews with the same reviewer's repeated post dropped."""
    return reviews.drop_duplicates(["reviewer", "text", "rating"])


def windows(frame: pd.DataFrame, platform: str) -> tuple[pd.DataFrame, pd.DataFrame, float, float]:
    """A platform's reviews in a quiet window before the incident (Nov to mid-Dec) and after it, with day counts."""
    mine = frame[frame["platform"] == platform]
    before = mine[mine["date"].between("2025-11-01", "2025-12-21")]
    after = mine[mine["date"] > INCIDENT]
    return before, after, 51.0, float((mine["date"].max() - INCIDENT).days)


def topic_share(frame: pd.DataFrame, topic: str) -> float:
    return frame["gold_topics"].str.split(";").apply(lambda t: topic in t).mean()


def test_the_named_dirt_is_really_there(reviews):
    twice = reviews.duplicated(["reviewer", "text", "rating"], keep=False) & reviews["text"].notna()
    assert 30 <= twice.sum() <= 70, "the same reviewer's review posted twice"
    pairs = reviews[twice].groupby(["reviewer", "text"])["date"].agg(lambda d: (d.max() - d.min()).days)
    assert pairs.max() <= 1 and reviews.loc[twice, "review_id"].is_unique
    empty = reviews["text"].isna()
    assert 8 <= empty.sum() <= 40 and set(reviews.loc[empty, "platform"]) == {"android"}, "star-only reviews"
    assert reviews.loc[reviews["platform"] == "android", "title"].isna().all(), "Google Play has no titles"
    assert reviews.loc[reviews["platform"] == "ios", "title"].notna().all()
    no_version = reviews["app_version"].isna()
    assert 10 <= no_version.sum() <= 50 and set(reviews.loc[no_version, "platform"]) == {"android"}
    foreign = reviews["text"].fillna("").str.contains(
        r"(?i)[àáâãçéèêíñóôõöúüäß]|\b(?:und|nicht|der|ich|unseren|pour|les|muy|para|sem|muito|uso|trava)\b")
    assert 25 <= foreign.sum() <= 60, "a few reviews are not in English"


def test_volume_grows_with_a_weekday_rhythm(clean):
    quiet = clean[clean["date"] < "2026-01-14"]
    per_day = quiet.groupby("date").size().reindex(pd.date_range("2025-03-01", "2026-01-13"), fill_value=0)
    weekend = per_day.index.day_of_week >= 5
    assert per_day[~weekend].mean() > 1.15 * per_day[weekend].mean()
    assert per_day["2025-09":"2025-11"].mean() > 1.15 * per_day["2025-04":"2025-06"].mean()
    assert 1800 <= len(clean) <= 2300


def test_ratings_are_j_shaped(clean):
    share = clean["rating"].value_counts(normalize=True)
    assert share[5] > 0.45 and share[5] > share[4] > share[3]
    assert share[1] > share[2] and share[1] > share[3], "more 1s than 2s or 3s: the J"


def test_android_reviews_spike_and_sour_after_5_4_0(clean):
    before, after, days_before, days_after = windows(clean, "android")
    assert len(after) / days_after > 2.0 * len(before) / days_before
    assert before["rating"].mean() > 3.8 and after["rating"].mean() < 2.8
    assert before["rating"].mean() - after["rating"].mean() > 1.2
    assert (after["app_version"] == "5.4.0").mean() > 0.75


def test_ios_does_not_change_over_the_same_period(clean):
    before, after, days_before, days_after = windows(clean, "ios")
    ratio = (len(after) / days_after) / (len(before) / days_before)
    assert 0.75 < ratio < 1.4
    assert abs(before["rating"].mean() - after["rating"].mean()) < 0.35
    sync_before, sync_after = (frame["words"].str.contains("sync").mean() for frame in (before, after))
    assert sync_after < 0.15 and sync_after < sync_before + 0.08
    assert after["words"].str.contains(r"5\.4").mean() < 0.05, "iOS 5.4.0 shipped quietly"


def test_android_reviews_turn_to_sync_after_5_4_0(clean):
    _, after, _, _ = windows(clean, "android")
    all_before = clean[(clean["platform"] == "android") & (clean["date"] < INCIDENT)]
    assert all_before["words"].str.contains("sync").mean() < 0.10
    assert after["words"].str.contains("sync").mean() > 0.35, "an obvious keyword count"
    keyword_counts = {t: after["words"].str.contains("|".join(map(re.escape, w))).sum() for t, w in LEXICON.items()
                      if t != "praise"}
    assert max(keyword_counts, key=keyword_counts.get) == "sync"
    gold_after = after[after["is_gold"]]
    gold_before = all_before[all_before["is_gold"]]
    assert len(gold_after) >= 30 and topic_share(gold_after, "sync") > 0.5
    assert topic_share(gold_before, "sync") < 0.1
    counts = gold_after["gold_topics"].str.split(";").explode().value_counts()
    assert counts.index[0] == "sync"
    ios_gold_after = clean[(clean["platform"] == "ios") & (clean["date"] > INCIDENT) & clean["is_gold"]]
    assert topic_share(ios_gold_after, "sync") < 0.2


def test_android_reviews_cite_5_4_0(clean):
    _, after, _, _ = windows(clean, "android")
    assert after["words"].str.contains(r"5\.4").mean() > 0.2
    before = clean[clean["date"] < INCIDENT]
    assert not before["words"].str.contains(r"5\.4").any()


def test_ios_5_1_0_had_a_crash_bug(clean):
    ios = clean[clean["platform"] == "ios"]
    crashy = ios["words"].str.contains("crash|closes|quit")
    on_510 = ios["app_version"] == "5.1.0"
    assert crashy[on_510].mean() > 2 * crashy[~on_510].mean()
    assert ios.loc[on_510, "rating"].mean() < ios.loc[~on_510, "rating"].mean() - 0.4


def test_app_version_is_mostly_current_with_late_updaters(reviews):
    releases = {"ios": ["2025-02-25", "2025-05-13", "2025-06-03", "2025-08-19", "2025-10-28", "2025-11-18",
                        "2026-01-14"],
                "android": ["2025-02-26", "2025-05-14", "2025-06-10", "2025-08-20", "2025-10-29", "2025-11-25",
                            "2026-01-20"]}
    versions = ["5.0.0", "5.1.0", "5.1.1", "5.2.0", "5.3.0", "5.3.1", "5.4.0"]
    known = reviews[reviews["app_version"].notna()]
    newest = [versions[sum(pd.Timestamp(r) <= d for r in releases[p]) - 1]
              for p, d in zip(known["platform"], known["date"], strict=True)]
    rank = known["app_version"].map(versions.index)
    newest_rank = pd.Series([versions.index(v) for v in newest], index=known.index)
    assert (rank <= newest_rank).all(), "no review runs a version before its release"
    assert 0.75 < (rank == newest_rank).mean() < 0.95


def test_gold_subset_is_random_and_follows_the_labelling_rules(reviews):
    gold = reviews[reviews["is_gold"]]
    assert 300 <= len(gold) <= 400
    assert reviews.loc[~reviews["is_gold"], "gold_topics"].isna().all() and gold["gold_topics"].notna().all()
    labels = gold["gold_topics"].str.split(";")
    assert set(labels.explode()) == TOPICS | {"none"}
    assert all(lab == sorted(set(lab)) and ("none" not in lab or lab == ["none"]) for lab in labels)
    assert (gold.loc[gold["text"].isna(), "gold_topics"] == "none").all()
    assert set(gold["platform"]) == {"ios", "android"} and set(gold["rating"]) == {1, 2, 3, 4, 5}
    assert gold["date"].dt.quarter.nunique() == 4
    assert (labels.str.len() > 1).mean() > 0.15, "multi-topic reviews"


def test_a_keyword_lexicon_works_but_imperfectly(reviews):
    gold = reviews[reviews["is_gold"]]
    truth = gold["gold_topics"].str.split(";")
    tp = fp = fn = 0
    per_topic = {}
    for topic, words in LEXICON.items():
        pattern = r"\b(?:" + "|".join(map(re.escape, words)) + ")"
        predicted = gold["words"].str.contains(pattern)
        actual = truth.apply(lambda t, topic=topic: topic in t)
        hits = (predicted & actual).sum()
        tp, fp, fn = tp + hits, fp + (predicted & ~actual).sum(), fn + (~predicted & actual).sum()
        per_topic[topic] = (hits / max(predicted.sum(), 1), hits / max(actual.sum(), 1))
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert 0.55 < precision < 0.9 and 0.5 < recall < 0.9
    assert per_topic["sync"][0] < 0.95 and per_topic["sync"][1] < 0.9, "sync is neither perfectly precise nor complete"
    sync_word = gold["words"].str.contains("sync")
    labelled_sync = truth.apply(lambda t: "sync" in t)
    assert (sync_word & ~labelled_sync).sum() >= 3, "mentions like 'no sync issues' that are not complaints"
    assert (~sync_word & labelled_sync).sum() >= 5, "sync complaints in other words"
