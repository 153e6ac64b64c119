"""Input channels of the assistant (referenced by module path in credentials.yml)."""
