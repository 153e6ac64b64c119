"""The real servers over HTTP: answers, safety actions, bad input, and stored conversations."""
import json
import sqlite3
import urllib.error
import urllib.request
import uuid

import pytest


def post(stack, body: bytes, content_type: str = "application/json"):
    request = urllib.request.Request(
        f"{stack.rasa_url}/webhooks/rest/webhook", data=body, headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def say(stack, message: str, sender: str = None):
    status, replies = post(stack, json.dumps({"sender": sender or uuid.uuid4().hex, "message": message}).encode())
    assert status == 200, replies
    return replies


def test_healing_time_question_gets_the_healing_times(stack):
    (reply,) = say(stack, "how long does a back strain take to heal?")
    text = reply["text"].lower()
    assert "two weeks" in text or "2 weeks" in text
    assert "six weeks" in text or "6 weeks" in text
    assert 2 <= len(reply["buttons"]) <= 3


def test_greeting_says_it_is_not_a_clinician_and_offers_options(stack):
    (reply,) = say(stack, "hello")
    assert "not a clinician" in reply["text"]
    assert len(reply["buttons"]) >= 3


def test_emergency_statement_gets_emergency_advice_from_the_action_server(stack):
    (reply,) = say(stack, "I suddenly can't control my bladder and my back hurts")
    assert "emergency department" in reply["text"]
    assert "911" in reply["text"]


def test_self_harm_statement_gets_crisis_support_first(stack):
    replies = say(stack, "honestly I want to kill myself")
    assert "988" in replies[0]["text"]


def test_gibberish_gets_the_fallback_with_options(stack):
    (reply,) = say(stack, "qwzx plorp vvv")
    assert "didn't quite catch" in reply["text"]
    assert len(reply["buttons"]) >= 3


@pytest.mark.parametrize("message", ["", "   ", "🏃‍♀️🔥", "x" * 5000, "<script>alert(1)</script>"])
def test_odd_messages_get_a_polite_reply_not_an_error(stack, message):
    replies = say(stack, message)
    assert isinstance(replies, list)


@pytest.mark.parametrize(
    "body",
    [b"{not json", b'{"sender": "a"}', b"[]", b'{"sender": "", "message": "hi"}', b'{"sender": "a", "message": 5}'],
)
def test_malformed_requests_get_a_clear_http_error(stack, body):
    status, _ = post(stack, body)
    assert 400 <= status < 500


def test_conversation_is_stored_in_the_sql_tracker_store(stack):
    sender = "stored-" + uuid.uuid4().hex
    say(stack, "should I stop running?", sender)
    with sqlite3.connect(stack.tracker_db) as db:
        texts = [json.loads(row[0]).get("text") for row in db.execute(
            "select data from events where sender_id = ? and type_name = 'user'", (sender,))]
    assert texts == ["should I stop running?"]
