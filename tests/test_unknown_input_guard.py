"""UnknownInputGuard: gibberish and unsure FAQ guesses become `nlu_fallback`, real questions do not."""
import asyncio

import pytest

from components.unknown_input_guard import Vocabulary

VOCABULARY = Vocabulary(["stretching", "back", "heal", "running", "door", "ice"])


@pytest.mark.parametrize(
    "word, known",
    [
        ("back", True),
        ("BACK", True),
        ("streching", True),  # one letter missing
        ("strettching", True),  # one letter too many
        ("strechting", True),  # two letters swapped
        ("runnimg", True),  # one letter wrong
        ("7", True),  # numbers answer form questions
        ("10/10", True),
        ("bakc", False),  # words under five letters must match exactly
        ("dolor", False),  # ... so short nonsense does not pass as "door"
        ("plorp", False),
        ("strtchng", False),  # two letters missing
    ],
)
def test_vocabulary_matches_exactly_or_within_one_typo(word, known):
    assert VOCABULARY.knows(word) is known


def parse(agent, text: str) -> dict:
    return asyncio.run(agent.parse_message(text))


@pytest.mark.parametrize(
    "text", ["qwzx plorp vvv", "lorem ipsum dolor", "jjjj kkkk", "asdf", "🏃‍♀️🔥", "zzzzzzzzzzzz"]
)
def test_gibberish_falls_back_instead_of_guessing_an_answer(agent, text):
    assert parse(agent, text)["intent"]["name"] == "nlu_fallback"


@pytest.mark.parametrize(
    "text, topic",
    [
        ("how long does a bak strain take to heel", "strain_healing_time"),
        ("streching after a run?", "post_run_stretching"),
        ("pilates?", "yoga"),
    ],
)
def test_questions_with_typos_still_get_their_answer(agent, text, topic):
    parsed = parse(agent, text)
    assert parsed["intent"]["name"] == "faq"
    assert parsed["response_selector"]["faq"]["response"]["intent_response_key"] == f"faq/{topic}"
