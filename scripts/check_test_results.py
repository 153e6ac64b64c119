"""Turn the reports of `rasa test` into a pass or fail, listing every failure.

`nlu DIR`: fails when weighted intent F1 or FAQ response-selection accuracy on the held-out
NLU test set drop below 0.95, printing each misclassified phrasing and what it became.
`stories DIR`: fails when any end-to-end test story failed, printing all of them (Rasa's own
`--fail-on-prediction-errors` stops at the first).

Usage: python scripts/check_test_results.py nlu|stories RESULTS_DIR
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

MIN_INTENT_F1 = 0.95
MIN_RESPONSE_ACCURACY = 0.95


def _load(path: Path):
    if not path.exists():
        raise SystemExit(f"error: {path} is missing: did `rasa test` run?")
    return json.loads(path.read_text())


def check_nlu(results: Path) -> bool:
    intent_f1 = _load(results / "intent_report.json")["weighted avg"]["f1-score"]
    response_accuracy = _load(results / "response_selection_report.json")["accuracy"]
    for error in _load(results / "intent_errors.json"):
        print(f"  intent:   {error['text']!r}: expected {error['intent']}, got {error['intent_prediction']['name']}")
    for error in _load(results / "response_selection_errors.json"):
        print(
            f"  response: {error['text']!r}: expected {error['intent_response_key_target']}, "
            f"got {error['intent_response_key_prediction']['name']}"
        )
    print(f"intent F1 (weighted): {intent_f1:.3f} (minimum {MIN_INTENT_F1})")
    print(f"FAQ response selection accuracy: {response_accuracy:.3f} (minimum {MIN_RESPONSE_ACCURACY})")
    return intent_f1 >= MIN_INTENT_F1 and response_accuracy >= MIN_RESPONSE_ACCURACY


def check_stories(results: Path) -> bool:
    failed_file = results / "failed_test_stories.yml"
    if not failed_file.exists():
        raise SystemExit(f"error: {failed_file} is missing: did `rasa test core` run?")
    failed = (yaml.safe_load(failed_file.read_text()) or {}).get("stories") or []
    for story in failed:
        print(f"  failed story: {story['story']}")
    if failed:
        print(f"Details in {failed_file}")
    print(f"end-to-end test stories failed: {len(failed)}")
    return not failed


def main(argv: list[str]) -> int:
    checks = {"nlu": check_nlu, "stories": check_stories}
    if len(argv) != 3 or argv[1] not in checks:
        print(__doc__, file=sys.stderr)
        return 2
    ok = checks[argv[1]](Path(argv[2]))
    print(f"{argv[1]}: " + ("ok" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
