# kemitraan-toolkit: two commands do everything.
#   make lab   - set up (first time) and start the workshop in JupyterLab
#   make test  - set up (first time) and run the whole test suite
SHELL := /bin/bash
# The pins in constraints.txt were resolved on Python 3.11: prefer it, accept 3.12+.
ifndef PYTHON
PYTHON := $(shell for p in python3.11 python3.12 python3.13 python3; do \
	if $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then echo $$p; break; fi; done)
endif
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
BASE_STAMP := $(VENV)/.stamp-base
TEST_STAMP := $(VENV)/.stamp-test

.PHONY: lab test bench lint i18n schema lock nbref worksheets clean-venv help

help:
	@echo "make lab    - start the workshop in JupyterLab (Indonesian UI)"
	@echo "make test   - run all tests (unit, notebooks, real browser)"
	@echo "make bench  - run the benchmarks in bench/ and print ratios"

$(BASE_STAMP): pyproject.toml constraints.txt
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.11 or newer is needed (python3.11 / python3)."; exit 1; fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q -c constraints.txt -e .
	$(BIN)/kemitraan setup-lab
	@touch $@

$(TEST_STAMP): $(BASE_STAMP)
	$(PIP) install -q -c constraints.txt -e '.[test]'
	@touch $@

lab: $(BASE_STAMP)
	$(BIN)/kemitraan lab

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

bench: $(BASE_STAMP)
	$(BIN)/python bench/run.py

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

# Developer targets
i18n: $(TEST_STAMP)
	$(BIN)/python -m toolkit.i18n update
	$(BIN)/python -m toolkit.i18n compile

schema: $(BASE_STAMP)
	$(BIN)/kemitraan schema --out toolkit/schema

# Printable worksheets in worksheets/: the blank ones (Indonesian) in kosong/, and the
# sample group's exported plan in every format in contoh/ (from a throw-away sample).
SAMPLE_GROUP := lkp-jahit-cempaka-mandiri
worksheets: $(BASE_STAMP)
	$(BIN)/python -m toolkit.cli blank-worksheets --out worksheets/kosong --lang id --format all
	@mkdir -p worksheets/contoh
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(BIN)/python -m toolkit.cli sample "$$tmp/ws" --lang id && \
	for ext in xlsx docx html pdf; do \
		$(BIN)/python -m toolkit.cli export "$$tmp/ws" --group $(SAMPLE_GROUP) --format $$ext \
			--lang id --out worksheets/contoh/$(SAMPLE_GROUP)-rencana.$$ext || exit 1; \
	done

clean-venv:
	rm -rf $(VENV)

# Regenerate the exact pins after changing dependencies in pyproject.toml.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install -q -e '.[test]'
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
	.venv-lock/bin/python tools/make_environment.py constraints.txt > environment.yml
	rm -rf .venv-lock

# Re-execute the notebooks on the sample and store the expected outputs for nbval.
nbref: $(TEST_STAMP)
	$(BIN)/python tools/make_nbref.py
