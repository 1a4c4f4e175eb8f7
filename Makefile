# The project's commands. Each creates .venv on first use (python3 -m venv) and installs the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The app's port. Servers listen on 127.0.0.1 only: the page holds private financial data.
PORT ?= 8866
# JupyterLab refuses to start as root without --allow-root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: run app test bench lint clean

# The announcements extension shows a news toast and asks jupyter.org for news: the planner makes no outside calls.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/jupyter labextension disable "@jupyterlab/apputils-extension:announcements" >/dev/null
	touch $(STAMP)

## make run: set up, audit and plan the example case (notebooks/example-case.json, the file the app opens), then
## open the planner notebook in JupyterLab (127.0.0.1 only)
run: $(STAMP)
	@test -f notebooks/example-case.json || $(BIN)/planner example -o notebooks/example-case.json
	$(BIN)/planner check notebooks/example-case.json
	$(BIN)/planner plan notebooks/example-case.json --fit
	$(BIN)/jupyter lab notebooks/planner.ipynb --ServerApp.ip=127.0.0.1 $(ALLOW_ROOT)

## make app: serve the planner notebook as an app with Voila (code hidden), on 127.0.0.1 only; Ctrl+C stops it
app: $(STAMP)
	@echo "The planner: http://127.0.0.1:$(PORT)/  (this machine only; do not expose the port; Ctrl+C stops it)"
	$(BIN)/voila notebooks/planner.ipynb --no-browser --Voila.ip=127.0.0.1 --port=$(PORT)

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
