"""The project's own spaCy pipeline, built at set-up instead of downloading a pretrained model."""
