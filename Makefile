# The project's commands. Each creates .venv on first use (python3 -m venv) and installs the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## make run: set up, audit and plan the example case, then open JupyterLab on notebooks/ once it has a notebook
run: $(STAMP)
	@test -f example-case.json || $(BIN)/planner example -o example-case.json
	$(BIN)/planner check example-case.json
	$(BIN)/planner plan example-case.json --fit
	@if ls notebooks/*.ipynb >/dev/null 2>&1; then $(BIN)/jupyter lab notebooks/; \
	else echo "(The planner notebook arrives with the notebook issue; until then the CLI above is the app.)"; fi

## make test: set up if needed, then run every test and doctest, and type-check planner/ (mypy --strict)
test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/mypy

## make bench: engine benchmarks (figures and ratios)
bench: $(STAMP)
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
