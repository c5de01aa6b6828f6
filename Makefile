# The two commands of the README. Everything else here is what they need.
#   make serve   builds the site and serves it at http://127.0.0.1:8000 (reloads on edits)
#   make test    runs every page's code blocks, the harness's tests, the strict build and the
#                browser tests, on every core
# For writers:
#   make test PAGE=docs/modules/hooks.md     one page and the snippets it embeds, in seconds
#   make test PYTEST_ARGS=--update-outputs   rewrite Output blocks from what the code printed

VENV  ?= .venv
STAMP := $(VENV)/.installed
PAGE  ?=
# Each page's blocks, and the tests that need the built site, stay together on one worker.
PARALLEL ?= -n auto --dist loadgroup

.PHONY: serve test
serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve

test: $(STAMP)
ifeq ($(PAGE),)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/python -m pytest $(PARALLEL) $(PYTEST_ARGS)
else
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/python -m pytest $(addprefix --page=,$(PAGE)) $(PAGE) tests/test_site.py $(PYTEST_ARGS)
endif

$(STAMP): pyproject.toml tools/setup-venv.sh
	VENV=$(VENV) tools/setup-venv.sh
	touch $@
