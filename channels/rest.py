"""Rasa's REST channel with its request body checked before use.

Rasa 3.6's `RestInput` reads `request.json.get(...)` unguarded: a JSON array answers HTTP 500
and a body without `message` is processed as an empty turn. This subclass answers such
requests with HTTP 400 and a one-line reason, and keeps the webhook path
`/webhooks/rest/webhook`.
"""
from __future__ import annotations

from typing import Optional, Text

from rasa.core.channels.rest import RestInput
from sanic.exceptions import InvalidUsage
from sanic.request import Request


def validate_body(body: object) -> None:
    """Raise `InvalidUsage` (HTTP 400) unless the body is {"sender": str, "message": str, ...}."""
    if not isinstance(body, dict):
        raise InvalidUsage('The body must be a JSON object: {"sender": "...", "message": "..."}.')
    sender = body.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        raise InvalidUsage('"sender" must be a non-empty string (the conversation id).')
    if not isinstance(body.get("message"), str):
        raise InvalidUsage('"message" must be a string.')


class ValidatedRestInput(RestInput):
    async def _extract_sender(self, req: Request) -> Optional[Text]:
        validate_body(req.json)  # called first by RestInput's webhook handler
        return req.json["sender"]
