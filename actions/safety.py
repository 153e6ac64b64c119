"""Actions that answer emergencies and crisis statements, ahead of anything else."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.safety_messages import crisis_support, emergency_advice

START_OVER_BUTTON = {"title": "Start over", "payload": "/restart"}


class ActionEmergencyAdvice(Action):
    def name(self) -> Text:
        return "action_emergency_advice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text=emergency_advice(), buttons=[START_OVER_BUTTON])
        return []


class ActionCrisisSupport(Action):
    def name(self) -> Text:
        return "action_crisis_support"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text=crisis_support())
        return []
