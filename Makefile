# The two set-up commands: `make serve` (build and serve on 127.0.0.1:8001) and `make test`.
PYTHON ?= python3
# One stamp per interpreter: a new virtual environment gets its own install.
PYENV_ID := $(shell $(PYTHON) -c 'import hashlib, sys; print(hashlib.sha1(sys.prefix.encode()).hexdigest()[:12])')
STAMP := .make/install-$(PYENV_ID).stamp
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install build docs changelog lint typecheck check-docs check-build validate pytest test serve db export dist bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m pip install -q -e '.[dev]'
	@mkdir -p .make && touch $@

install: $(STAMP)

build: install            ## rebuild data/*.csv and datapackage.json from data/curated/
	$(PYTHON) scripts/build.py

docs: install             ## regenerate the generated README blocks
	$(PYTHON) scripts/generate_docs.py

changelog: install        ## regenerate the CHANGELOG's data sections (fr-az-crisis diff between releases)
	$(PYTHON) scripts/generate_changelog.py

lint: install
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .

typecheck: install       ## mypy --strict on the package (settings in pyproject.toml)
	$(PYTHON) -m mypy --cache-dir .make/mypy src/fr_az_crisis

check-docs: install       ## README data dictionary etc. up to date
	$(PYTHON) scripts/generate_docs.py --check

check-build: install      ## a rebuild gives byte-identical published files
	$(PYTHON) scripts/build.py --check

validate: install         ## every check, frictionless included
	$(PYTHON) -m fr_az_crisis validate
	$(PYTHON) -m frictionless validate datapackage.json

pytest: install
	$(PYTHON) -m pytest -q

test: lint typecheck check-docs check-build validate pytest

serve: build              ## build the tables and the database, serve on 127.0.0.1:8001
	$(PYTHON) -m fr_az_crisis serve --dir build --host 127.0.0.1 --port 8001

db: install
	$(PYTHON) -m fr_az_crisis build-db --output build/fr_az_crisis.db

export: install
	$(PYTHON) -m fr_az_crisis export --out build/export

dist: install             ## the wheel, the sdist, the data package zip and the formats for other tools, into dist/
	rm -rf dist
	$(PYTHON) -m build --no-isolation --outdir dist .
	$(PYTHON) scripts/make_zip.py --out dist
	$(PYTHON) scripts/make_exports.py --out dist

BENCH_WORK ?= /tmp/fr-az-crisis-bench
BENCH_1M := $(BENCH_WORK)/syn1000000

bench: install            ## benchmarks (not part of make test; about 30 minutes)
	$(PYTHON) benchmarks/run_all.py --work $(BENCH_WORK)
	$(PYTHON) benchmarks/latency.py --package . --label real --clients 2
	$(PYTHON) benchmarks/latency.py --package $(BENCH_1M) --db $(BENCH_1M).db --label synthetic-1m --clients 2
	$(PYTHON) benchmarks/import_load.py --package . --package $(BENCH_1M)
	$(PYTHON) benchmarks/profile_checks.py $(BENCH_1M)

clean:
	rm -rf build dist .make .pytest_cache .ruff_cache
