"""The experiment choices in the knowledge base (issue 17): schema-checked like the rest."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from liptwitch_desktop.core.experiment import KNOWN_TIMINGS
from liptwitch_desktop.core.knowledge import load_knowledge, load_knowledge_from
from liptwitch_desktop.core.knowledge.model import KnowledgeError
from liptwitch_desktop.core.resources import knowledge_dir


def test_every_change_the_design_times_is_offered_with_its_texts_and_sources() -> None:
    kb = load_knowledge()
    ids = {c.id for c in kb.experiments}
    assert ids == set(KNOWN_TIMINGS)
    cutoff = kb.experiment("caffeine_cutoff")
    assert cutoff.phrase_with({"cutoff": "12:00"}) == "no caffeine after 12:00"
    assert cutoff.reminder == "caffeine_cutoff" and cutoff.cause == "caffeine"
    mg = kb.experiment("magnesium_evening")
    assert mg.adult_only and "250 mg" in mg.kept and "kidney" in mg.kept
    assert set(mg.sources) >= {"nih-ods-mg", "efsa-mg"}
    for c in kb.experiments:
        assert c.sources and all(s in kb.sources for s in c.sources)
        assert "{" not in c.kept_with({"cutoff": "12:00", "mg": 200, "food": "cheese"})


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(knowledge_dir(), target)
    return target


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('judge = "magnesium_logged"', 'judge = "vibes"', "unknown judge 'vibes'"),
        ('cause = "sleep_loss"', 'cause = "sleepiness"', "unknown cause id 'sleepiness'"),
        ('reminder = "checkin"', 'reminder = "hydration"', "reminder must be one of"),
        ('phrase = "no {food}"', 'phrase = "no {drink}"', "unknown placeholder(s) ['drink']"),
        ('judge = "food_not_logged"\n', "", "missing 'judge'"),
        ('id = "sleep_7h"\n', 'id = "sleep_7h"\ncolour = "blue"\n', "unknown key(s) colour"),
        (
            'sources = ["article", "studyme-2022", "studyu-2022"]\n',
            'sources = ["blog"]\n',
            "unknown source id 'blog'",
        ),
    ],
)
def test_a_broken_choice_fails_to_load(kb_copy: Path, old: str, new: str, message: str) -> None:
    path = kb_copy / "experiments.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=re.escape(message)):
        load_knowledge_from(kb_copy)
