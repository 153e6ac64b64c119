"""Emergency and crisis wording, its configuration, and the actions that send it."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.safety import ActionCrisisSupport, ActionEmergencyAdvice
from actions.safety_messages import crisis_support, emergency_advice


def test_emergency_advice_names_the_default_numbers(monkeypatch):
    monkeypatch.delenv("EMERGENCY_CONTACT", raising=False)
    text = emergency_advice()
    assert "emergency department" in text
    for number in ("911", "999", "112"):
        assert number in text


def test_emergency_contact_is_configurable(monkeypatch):
    monkeypatch.setenv("EMERGENCY_CONTACT", "000 (Australia)")
    assert "000 (Australia)" in emergency_advice()
    assert "911" not in emergency_advice()


def test_blank_contact_falls_back_to_default(monkeypatch):
    monkeypatch.setenv("EMERGENCY_CONTACT", "   ")
    assert "911" in emergency_advice()


def test_crisis_support_names_crisis_lines(monkeypatch):
    monkeypatch.delenv("CRISIS_CONTACT", raising=False)
    text = crisis_support()
    assert "988" in text and "116 123" in text
    monkeypatch.setenv("CRISIS_CONTACT", "Lifeline on 13 11 14")
    assert "13 11 14" in crisis_support()


def _run(action):
    dispatcher = CollectingDispatcher()
    tracker = Tracker.from_dict({"sender_id": "t", "events": [], "slots": {}, "latest_message": {}})
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


@pytest.mark.parametrize(
    "action, expected",
    [(ActionEmergencyAdvice(), "emergency department"), (ActionCrisisSupport(), "988")],
)
def test_safety_actions_send_only_the_advice(action, expected):
    messages, events = _run(action)
    assert events == []
    assert len(messages) == 1
    assert expected in messages[0]["text"]


def test_emergency_advice_offers_only_a_restart():
    messages, _ = _run(ActionEmergencyAdvice())
    assert messages[0]["buttons"] == [{"title": "Start over", "payload": "/restart"}]
