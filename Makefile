# Kindred — every target sets up what it needs first, so a fresh clone needs one command.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup model retrain chat run test format clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch is pinned in the same call so pip takes the CPU wheel on local disk, never a CUDA build.
	$(BIN)/python -m pip install --quiet "torch==2.13.0" -e ".[ml,train,dev]"
	touch $(STAMP)

# The on-device classifier, trained from this repository's data on the CPU, is committed under
# data/model (22 MB): training takes 33-66 minutes on 2 cores, and the build is deterministic, so
# a fresh clone checks it in seconds. The build decides what a change needs (its fingerprints in
# meta.json): new training rows or training code train again; the policy, a lexicon, the Hebrew
# scorer or the data the thresholds are chosen on choose them again (5 to 9 minutes); anything
# else, nothing. Commit data/model after either: CI fails when its build changes the files.
MODEL := data/model/meta.json
$(MODEL): $(STAMP) $(wildcard bot/classifier/*.py) $(wildcard bot/classifier/data/*/*.tsv)
	$(BIN)/python -m bot.classifier.train

model: $(MODEL)

## Train the classifier from scratch whatever the fingerprints say; git then shows what changed
## (nothing, for the same code and data; outside a git checkout there is nothing to compare with).
retrain: $(STAMP)
	$(BIN)/python -m bot.classifier.train --force
	-git status --short data/model

setup: $(STAMP) $(MODEL)

## The offline terminal chat: local SQLite, no Telegram token needed.
chat: setup
	$(BIN)/python -m bot chat

## The bot on real Telegram (needs TELEGRAM_BOT_TOKEN in .env).
run: setup
	$(BIN)/python -m bot run

## Lint, type-check and test: exactly what CI runs.
test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
