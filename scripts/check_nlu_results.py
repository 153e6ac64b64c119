"""Fail when intent F1 or FAQ response-selection accuracy on the NLU test set drop below 0.95.

Reads the reports `rasa test nlu` writes and prints the misclassified examples, so a failing
build says which phrasings were confused with what.

Usage: python scripts/check_nlu_results.py RESULTS_DIR
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

MIN_INTENT_F1 = 0.95
MIN_RESPONSE_ACCURACY = 0.95


def _load(path: Path):
    if not path.exists():
        raise SystemExit(f"error: {path} is missing: did `rasa test nlu` run?")
    return json.loads(path.read_text())


def main(argv: list[str]) -> int:
    results = Path(argv[1] if len(argv) > 1 else "results/nlu")
    intent_f1 = _load(results / "intent_report.json")["weighted avg"]["f1-score"]
    response_accuracy = _load(results / "response_selection_report.json")["accuracy"]

    for name in ("intent_errors.json", "response_selection_errors.json"):
        errors = _load(results / name) if (results / name).exists() else []
        for error in errors:
            predicted = error.get("intent_prediction") or error.get("response_selection_prediction") or {}
            gold = error.get("intent") or error.get("intent_response_key_target")
            print(f"  confused: {error['text']!r}: expected {gold}, got {predicted.get('name') or predicted.get('intent_response_key')}")

    print(f"intent F1 (weighted): {intent_f1:.3f} (minimum {MIN_INTENT_F1})")
    print(f"FAQ response selection accuracy: {response_accuracy:.3f} (minimum {MIN_RESPONSE_ACCURACY})")
    ok = intent_f1 >= MIN_INTENT_F1 and response_accuracy >= MIN_RESPONSE_ACCURACY
    print("NLU quality: " + ("ok" if ok else "BELOW THRESHOLD"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
