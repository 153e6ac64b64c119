# Runner back-pain assistant. `make run` and `make test` do every missing set-up step first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        := .venv
PY          := $(VENV)/bin/python
RASA        := $(VENV)/bin/rasa
SPACY_MODEL := build/spacy/en_runner_back
export TF_CPP_MIN_LOG_LEVEL ?= 2
export RASA_TELEMETRY_ENABLED ?= false
export PYTHONPATH := $(CURDIR)

.PHONY: help setup model run shell test test-data test-nlu test-stories test-python bench lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt constraints.txt scripts/find-python.sh
	@python310=$$(scripts/find-python.sh) || exit 1; \
	  [ -x $(PY) ] || $$python310 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==26.3"
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	@touch $@

$(SPACY_MODEL)/meta.json: $(VENV)/.installed spacy_pipeline/build.py
	$(PY) -m spacy_pipeline.build $(SPACY_MODEL)

setup: $(VENV)/.installed $(SPACY_MODEL)/meta.json  ## venv, pinned packages, spaCy pipeline

model: setup  ## train the model if config, domain or data changed
	@$(PY) scripts/model.py ensure

run: model  ## start the action server and Rasa (REST + socketio on :5005)
	@$(PY) scripts/stack.py run

shell: model  ## chat in the terminal
	@$(PY) scripts/stack.py shell

test: model test-data test-nlu test-stories test-python  ## set up, then run every test

test-data: setup
	$(RASA) data validate --fail-on-warnings --config config.yml --domain domain.yml --data data

test-nlu: model
	$(RASA) test nlu --model $$($(PY) scripts/model.py path) --nlu tests/nlu --out results/nlu
	$(PY) scripts/check_test_results.py nlu results/nlu

test-stories: model
	$(RASA) test core --e2e --model $$($(PY) scripts/model.py path) --stories tests/test_stories.yml \
	  --out results/stories
	$(PY) scripts/check_test_results.py stories results/stories

test-python: model
	$(PY) -m pytest -q tests

bench: model  ## measure training, start-up, memory, latency and throughput
	$(PY) scripts/bench.py

lock:  ## re-resolve requirements.txt and rewrite constraints.txt
	rm -rf build/lock-venv && $$(scripts/find-python.sh) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet -r requirements.txt
	{ echo "# Exact versions of every package in the venv (Python 3.10, Linux x86_64). Regenerate with 'make lock'."; \
	  build/lock-venv/bin/pip freeze; } > constraints.txt
	rm -rf build/lock-venv

clean:  ## remove venv, build products, models and results
	rm -rf $(VENV) build models results .rasa
