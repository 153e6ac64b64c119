"""Build the project's spaCy pipeline: blank English plus the lookup lemmatizer.

Pretrained spaCy models are downloaded from outside the package registries, so the
project builds its own small pipeline from `spacy.blank("en")` and the lemma tables in
`spacy-lookups-data`. Rasa's `SpacyNLP` loads it by path (see `config.yml`). Lemmas let
the count-vector featurizer treat "running"/"runs"/"ran" as one word.

Usage: python -m spacy_pipeline.build [OUTPUT_DIR]
"""
from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.language import Language

PIPELINE_NAME = "runner_back"
PIPELINE_VERSION = "1.0.0"
DEFAULT_OUTPUT = Path("build/spacy/en_runner_back")


def build_pipeline() -> Language:
    """Return a blank English pipeline with a lookup-table lemmatizer, initialised."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data into the vocab
    nlp.meta["name"] = PIPELINE_NAME
    nlp.meta["version"] = PIPELINE_VERSION
    nlp.meta["description"] = "Blank English tokenizer with lookup lemmatizer for the runner back-pain assistant."
    return nlp


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    output.mkdir(parents=True, exist_ok=True)
    build_pipeline().to_disk(output)
    print(f"spaCy pipeline written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
