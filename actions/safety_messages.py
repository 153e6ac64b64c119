"""Emergency and crisis wording, with the phone numbers configurable per deployment.

Plain Python (no Rasa imports) so the wording and its configuration are easy to test.
A clinic sets its local numbers with the environment variables below; the defaults name
the common ones so the advice is useful anywhere.
"""
from __future__ import annotations

import os

DEFAULT_EMERGENCY_CONTACT = (
    "your local emergency number (911 in the US and Canada, 999 in the UK, 112 in the EU)"
)
DEFAULT_CRISIS_CONTACT = (
    "a crisis line: call or text 988 in the US and Canada, call Samaritans on 116 123 in the UK, "
    "or your local emergency number"
)


def emergency_contact() -> str:
    return os.environ.get("EMERGENCY_CONTACT", "").strip() or DEFAULT_EMERGENCY_CONTACT


def crisis_contact() -> str:
    return os.environ.get("CRISIS_CONTACT", "").strip() or DEFAULT_CRISIS_CONTACT


def emergency_advice() -> str:
    """Advice for symptoms that can mean nerve compression or another emergency."""
    return (
        "What you describe can be a sign of a serious problem that needs a doctor **now**. "
        f"Please go to an emergency department or call {emergency_contact()} straight away.\n\n"
        "Don't wait to see whether it settles, and don't run until you have been checked."
    )


def crisis_support() -> str:
    """Support for a person who mentions self-harm or suicide; comes before anything else."""
    return (
        "I'm really sorry you're feeling this way, and I'm glad you said it. "
        f"You deserve support from a person right now: please contact {crisis_contact()}.\n\n"
        f"If you might act on these thoughts, call {emergency_contact()} now, "
        "and if you can, tell someone near you how you're feeling."
    )
