# The two commands of the README. Everything else here is what they need.
#   make serve   builds the site and serves it at http://127.0.0.1:8000 (reloads on edits)
#   make test    runs every page's code blocks, the harness's tests, the strict build and the
#                browser tests (these need Chromium: see the README)

VENV  ?= .venv
STAMP := $(VENV)/.installed

.PHONY: serve test
serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve

test: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/python -m pytest $(PYTEST_ARGS)

$(STAMP): pyproject.toml tools/setup-venv.sh
	VENV=$(VENV) tools/setup-venv.sh
	touch $@
