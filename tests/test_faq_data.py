"""The FAQ knowledge as data: coverage, answer shape, buttons, and a clean train/test split."""
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, examples_by_intent, load_yaml_dir

TRAIN = examples_by_intent(ROOT / "data" / "nlu")
TEST = examples_by_intent(ROOT / "tests" / "nlu")
RESPONSES = {}
for path in sorted((ROOT / "data" / "responses").glob("*.yml")):
    RESPONSES.update(yaml.safe_load(path.read_text())["responses"])
TOPICS = sorted(name.split("/", 1)[1] for name in TRAIN if name.startswith("faq/"))
CANONICAL = {}  # canonical question -> topic, from docs/faq-topics.md
for row in (ROOT / "docs" / "faq-topics.md").read_text().splitlines():
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    if len(cells) == 3 and re.fullmatch(r"[a-z_]+", cells[0]) and cells[0] != "topic":
        CANONICAL[cells[2]] = cells[0]
# Names from the source articles' marketing that must never appear in answers.
FORBIDDEN_NAMES = [
    "holistica", "elite pain", "rocktape", "belly bandit", "peloton", "kardashian", "vancouver",
    "alexandra", "amanda", "jordan", "running monkey", "runtothefinish", "grouse grind", "seawall",
    "nguyen", "mark,", "bmo",
]


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text.strip()))


def test_at_least_35_topics_each_with_an_answer():
    assert len(TOPICS) >= 35
    assert sorted(name.split("/", 1)[1] for name in RESPONSES) == TOPICS


def test_topic_table_in_docs_matches_the_data():
    assert sorted(CANONICAL.values()) == TOPICS


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_has_varied_training_and_unseen_test_examples(topic):
    train, test = TRAIN[f"faq/{topic}"], TEST.get(f"faq/{topic}", [])
    assert len(train) >= 12
    assert len(test) >= 4
    assert len({normalise(e) for e in train}) == len(train), "duplicate training examples"


def test_no_test_phrasing_is_in_the_training_data():
    seen = {normalise(e) for examples in TRAIN.values() for e in examples}
    leaked = [e for examples in TEST.values() for e in examples if normalise(e) in seen]
    stories = load_yaml_dir(ROOT / "tests", "stories")
    leaked += [s["user"] for story in stories for s in story["steps"] if "user" in s and normalise(s["user"]) in seen]
    assert leaked == []


def test_no_example_is_shared_by_two_intents():
    owner = {}
    clashes = []
    for intent, examples in TRAIN.items():
        for example in examples:
            if owner.setdefault(normalise(example), intent) != intent:
                clashes.append((example, owner[normalise(example)], intent))
    assert clashes == []


@pytest.mark.parametrize("topic", TOPICS)
def test_answer_is_short_own_words_and_offers_related_topics(topic):
    (answer,) = RESPONSES[f"utter_faq/{topic}"]
    assert 2 <= sentences(answer["text"]) <= 5
    assert not any(name in answer["text"].lower() for name in FORBIDDEN_NAMES)
    buttons = answer["buttons"]
    assert 2 <= len(buttons) <= 3
    for button in buttons:
        target = CANONICAL[button["payload"]]
        assert target != topic
        assert button["payload"] in TRAIN[f"faq/{target}"], "button payload must be a training example"
        assert len(button["payload"].encode()) <= 64, "Telegram callback data is limited to 64 bytes"


@pytest.mark.parametrize("question, topic", sorted(CANONICAL.items()))
def test_canonical_question_is_a_training_example(question, topic):
    assert question in TRAIN[f"faq/{topic}"]
