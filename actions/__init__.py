"""Custom actions for the runner back-pain assistant, run by `rasa run actions`."""
