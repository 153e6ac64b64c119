"""The project-built spaCy pipeline: loads by path, lemmatizes, and matches the spaCy runtime."""
import spacy
from spacy.util import get_minor_version_range

from spacy_pipeline.build import build_pipeline


def test_built_pipeline_round_trips_and_lemmatizes(tmp_path):
    build_pipeline().to_disk(tmp_path)
    nlp = spacy.load(tmp_path)
    lemmas = [token.lemma_ for token in nlp("running hurts my backs after hills")]
    assert lemmas[0] == "run"
    assert lemmas[1] == "hurt"
    assert lemmas[3] == "back"
    assert lemmas[5] == "hill"


def test_pipeline_meta_pins_the_runtime_spacy_version(tmp_path):
    # SpacyNLP refuses a model whose meta.json names another spaCy version.
    build_pipeline().to_disk(tmp_path)
    nlp = spacy.load(tmp_path)
    assert nlp.meta["spacy_version"] == get_minor_version_range(spacy.__version__)
    assert nlp.pipe_names == ["lemmatizer"]


def test_rasa_spacy_nlp_loads_the_pipeline_by_path(tmp_path):
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    build_pipeline().to_disk(tmp_path)
    loaded = SpacyNLP.load_model(str(tmp_path))
    assert loaded.model("Ice or heat?")[0].text == "Ice"
