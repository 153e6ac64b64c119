"""The trained model, loaded in-process: buttons and key questions reach the right answer."""
import asyncio

import pytest
import yaml

from conftest import ROOT
from test_faq_data import CANONICAL


def faq_topic(agent, text: str) -> str:
    parsed = asyncio.run(agent.parse_message(text))
    if parsed["intent"]["name"] != "faq":
        return parsed["intent"]["name"]
    return parsed["response_selector"]["faq"]["response"]["intent_response_key"].split("/", 1)[1]


@pytest.mark.parametrize("question, topic", sorted(CANONICAL.items()))
def test_every_follow_up_button_payload_reaches_its_topic(agent, question, topic):
    assert faq_topic(agent, question) == topic


def test_main_option_buttons_in_the_domain_reach_their_topics(agent):
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    buttons = domain["responses"]["utter_greet"][0]["buttons"]
    assert len(buttons) >= 3
    for button in buttons:
        assert faq_topic(agent, button["payload"]) == CANONICAL[button["payload"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("how long does a back strain take to heal?", "strain_healing_time"),
        ("ice or heat?", "ice_or_heat"),
        ("is it a disc or just a muscle", "muscle_or_disc"),
        ("I lost control of my bladder", "emergency"),
        ("I want to end my life", "self_harm"),
        ("what can you do", "help"),
    ],
)
def test_key_messages_are_understood(agent, text, expected):
    assert faq_topic(agent, text) == expected
