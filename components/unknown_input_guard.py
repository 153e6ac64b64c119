"""Turns input the assistant cannot really understand into `nlu_fallback`.

`FallbackClassifier` only looks at the intent confidence. Gibberish such as
"qwzx plorp" is often classified as `faq` with high confidence, and the
ResponseSelector then answers its best (meaningless) guess. This component
stops that with two checks, placed after the ResponseSelector:

* no word of the message is known from the training data, not even with one
  typo (numbers count as known, so "7" or "4 days" still work in forms);
* the message is an FAQ but the best FAQ answer is too unsure.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Iterable, List, Optional, Set, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import RESPONSE_SELECTOR_PREDICTION_KEY, RESPONSE_SELECTOR_PROPERTY_NAME
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT_TOKENS,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
import rasa.shared.utils.io

logger = logging.getLogger(__name__)

VOCABULARY_FILE = "vocabulary.json"
MIN_FUZZY_LENGTH = 5


def _deletions(word: Text) -> Set[Text]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Vocabulary:
    """Known words, matched exactly or within one typo (SymSpell-style deletions)."""

    def __init__(self, words: Iterable[Text]) -> None:
        self.words = {w.lower() for w in words if w.strip()}
        self._long_words = {w for w in self.words if len(w) >= MIN_FUZZY_LENGTH}
        self._deleted = set()
        for word in self._long_words:
            self._deleted |= _deletions(word)

    def knows(self, word: Text) -> bool:
        word = word.lower()
        if word in self.words or any(ch.isdigit() for ch in word):
            return True
        if len(word) < MIN_FUZZY_LENGTH:
            return False
        deletions = _deletions(word)
        return (
            word in self._deleted  # one letter missing
            or bool(deletions & self._long_words)  # one letter too many
            or bool(deletions & self._deleted)  # one letter wrong or swapped
        )


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class UnknownInputGuard(GraphComponent, IntentClassifier):
    """Replaces guessed intents for unintelligible or unsure input with `nlu_fallback`."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"retrieval_intent": "faq", "min_response_confidence": 0.08}

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vocabulary: Optional[Vocabulary] = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._vocabulary = vocabulary or Vocabulary([])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> UnknownInputGuard:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> UnknownInputGuard:
        try:
            with model_storage.read_from(resource) as model_dir:
                words = rasa.shared.utils.io.read_json_file(model_dir / VOCABULARY_FILE)
        except ValueError:
            logger.warning("UnknownInputGuard has no stored vocabulary; every word is unknown.")
            words = []
        return cls(config, model_storage, resource, Vocabulary(words))

    def train(self, training_data: TrainingData) -> Resource:
        words: Set[Text] = set()
        for example in training_data.training_examples:
            for token in example.get(TEXT_TOKENS) or []:
                words.add(token.text.lower())
                words.add((token.lemma or token.text).lower())
        self._vocabulary = Vocabulary(words)
        with self._model_storage.write_to(self._resource) as model_dir:
            rasa.shared.utils.io.dump_obj_as_json_to_file(
                model_dir / VOCABULARY_FILE, sorted(self._vocabulary.words)
            )
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            reason = self._reason_to_fall_back(message)
            if reason:
                logger.debug(f"UnknownInputGuard: nlu_fallback because {reason}.")
                fallback = {
                    INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME,
                    PREDICTED_CONFIDENCE_KEY: 1.0,
                }
                message.data[INTENT] = fallback
                message.data.setdefault(INTENT_RANKING_KEY, []).insert(0, fallback)
        return messages

    def _reason_to_fall_back(self, message: Message) -> Optional[Text]:
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        if intent in (None, DEFAULT_NLU_FALLBACK_INTENT_NAME):
            return None
        words = [t for t in message.get(TEXT_TOKENS) or [] if any(c.isalnum() for c in t.text)]
        if not any(self._vocabulary.knows(t.text) or self._vocabulary.knows(t.lemma or "") for t in words):
            return "no word of the message is known"
        retrieval_intent = self._config["retrieval_intent"]
        if intent == retrieval_intent:
            selected = (message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}).get(retrieval_intent, {})
            confidence = selected.get(RESPONSE_SELECTOR_PREDICTION_KEY, {}).get(PREDICTED_CONFIDENCE_KEY, 0.0)
            if confidence < self._config["min_response_confidence"]:
                return f"the best {retrieval_intent} answer has confidence {confidence:.3f}"
        return None
