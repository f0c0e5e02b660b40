# kkpdf: `make pdf` builds the book, `make test` runs every test.
# Both set the machine up first: Debian packages, then a virtual environment in .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
SOURCES ?= sources
LOCALE := kkpdf/locale
CATALOGS := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/kkpdf.po))
# Finnish hyphenation and spelling (libvoikko + its dictionary); Swedish spelling
# (Enchant's C library, which pyenchant loads, + Hunspell's sv_FI/sv_SE dictionary;
# Swedish hyphenation needs nothing here, pyphen carries its patterns); venv support.
DEBIAN_PACKAGES := libvoikko1 voikko-fi libenchant-2-2 hunspell-sv python3-venv
# For the tests only: PDF rendering, and Java with JAXB for veraPDF.
TEST_DEBIAN_PACKAGES := poppler-utils default-jdk-headless libjaxb-java

.PHONY: messages pdf test setup test-setup system test-system install-debian lint clean archive watch bench draft proof samebytes mutate

pdf: setup
	$(BIN)/kkpdf build $(SOURCES)

test: test-setup
	$(BIN)/ruff check kkpdf tests
	$(BIN)/ruff format --check kkpdf tests
	$(BIN)/pytest

# The signed book, its sources, check report and digests in output/archive/.
# The passphrase comes from KKPDF_P12_PASSPHRASE or a prompt.
archive: setup
	@test -n "$(P12)" || { echo "error: give the signer's certificate file: make archive P12=path/to/signer.p12" >&2; exit 2; }
	$(BIN)/kkpdf archive $(SOURCES) --p12 "$(P12)"

# A draft for proofreading: every problem marked where it stands, a report at the end.
draft: setup
	$(BIN)/kkpdf build $(SOURCES) --draft

# A draft that also marks what changed since a git revision: make proof BASE=v2023-1
proof: setup
	@test -n "$(BASE)" || { echo "error: give the revision to compare with: make proof BASE=<git revision>" >&2; exit 2; }
	$(BIN)/kkpdf build $(SOURCES) --draft --since "$(BASE)"

# Rebuild the book on every save (Ctrl-C stops).
watch: setup
	$(BIN)/kkpdf watch $(SOURCES)

# Wall and CPU time, memory, pages per second; writes output/bench.json.
bench: setup
	$(BIN)/python -m kkpdf.devtools.bench

# Mutation testing of the core (pyproject.toml [tool.mutmut]): small bugs put in one at
# a time, each run against the tests that reach it; the kill rate per module.
# Incremental: mutants/ keeps the results, and only changed functions run again.
mutate: test-setup
	$(BIN)/mutmut run --max-children $$(nproc)
	$(BIN)/python -m kkpdf.devtools.mutation

# Do the working tree and a git revision write the same PDFs? make samebytes BASE=main
samebytes: setup
	@test -n "$(BASE)" || { echo "error: give the revision to compare with: make samebytes BASE=<git revision>" >&2; exit 2; }
	$(BIN)/python -m kkpdf.devtools.samebytes "$(BASE)"

lint: test-setup
	$(BIN)/ruff check kkpdf tests
	$(BIN)/ruff format --check kkpdf tests

# Byte-compiles what changed since: with PYTHONDONTWRITEBYTECODE set (as on these
# machines) a stale module would otherwise be compiled again at every start.
setup: system $(STAMP) $(CATALOGS)
	@$(BIN)/python -m compileall -q kkpdf

# The message catalogs (kkpdf/messages.py): each translation compiled for gettext.
%/LC_MESSAGES/kkpdf.mo: %/LC_MESSAGES/kkpdf.po $(STAMP)
	$(BIN)/pybabel --quiet compile -i $< -o $@

# After changing a message in the code: the catalogs take in new texts and drop old
# ones; the translator fills in what is new (tests/test_messages.py lists it).
messages: $(STAMP)
	$(BIN)/pybabel --quiet extract --no-default-keywords -k tr -k tr_plural:1,2 --no-location --no-wrap \
	  --sort-output --project kkpdf -o $(LOCALE)/kkpdf.pot kkpdf
	$(BIN)/pybabel --quiet update --no-fuzzy-matching --ignore-obsolete --no-wrap -i $(LOCALE)/kkpdf.pot \
	  -d $(LOCALE) -D kkpdf
	rm $(LOCALE)/kkpdf.pot

test-setup: setup test-system $(TEST_STAMP)

system:
	@$(MAKE) --no-print-directory install-debian PACKAGES="$(DEBIAN_PACKAGES)"

test-system:
	@$(MAKE) --no-print-directory install-debian PACKAGES="$(TEST_DEBIAN_PACKAGES)"

# Installs only what is missing of PACKAGES; as root directly, otherwise through sudo.
install-debian:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; \
	  else echo "error: install these Debian packages as root:$$missing" >&2; exit 2; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null \
	    || { echo "error: apt-get could not install:$$missing" >&2; exit 2; }; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) output/*.pdf .pytest_cache .ruff_cache .hypothesis mutants
