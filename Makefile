# The two commands of the README, and a few conveniences.
VENV ?= .venv
CLI = $(VENV)/bin/anci-mailintake

.PHONY: run test bench lint clean

run:  ## set up, ingest samples/ into the default SQLite store, show what was found and the report
	@scripts/setup.sh
	$(CLI) ingest samples/
	$(CLI) status
	$(CLI) report --view regions
	$(CLI) report --view answered

test:  ## install what the tests need (apt-get as root), then run the whole suite
	@scripts/test.sh

bench:  ## the benchmarks of benchmarks/ (figures in the README)
	@for b in benchmarks/bench_*.py; do $(VENV)/bin/python $$b; done

clean:
	rm -rf $(VENV) .pytest_cache
