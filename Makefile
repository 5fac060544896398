# Targets keep pelican-quickstart's names; each sets up the virtual environment it needs.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PORT ?= 8000
ARCHIVEDIR := luu-tru
PUBLISHED_URLS := tests/published_urls.txt
RUN := PYTHONPATH=plugins $(BIN)/python -m emulation_blocs

.PHONY: help venv html regenerate devserver editor editor-config serve publish archive published-urls check new test test-fast lint clean

help:
	@echo "make html       dựng trang vào $(OUTPUTDIR)/ (bản xem thử)"
	@echo "make devserver  xem thử tại http://localhost:$(PORT): tự dựng lại và tải lại trang khi lưu tệp"
	@echo "make publish    dựng bản phát hành (dừng lại nếu nội dung có lỗi)"
	@echo "make archive    dựng bản lưu trữ mở được từ ổ đĩa và gói từng năm vào $(ARCHIVEDIR)/"
	@echo "make editor     như devserver, thêm trình biên tập tại http://localhost:$(PORT)/admin/"
	@echo "make check      chỉ kiểm tra nội dung"
	@echo "make new        tạo tệp bài mới (hỏi tỉnh, khối, loại hội nghị, ngày; hoặc ARGS=\"--province … \")"
	@echo "make test       chạy toàn bộ kiểm thử"
	@echo "make test-fast  chạy các kiểm thử không cần trình duyệt, Node hay Java (song song)"
	@echo "make lint       kiểm tra mã (ruff, mypy)"

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Cần Python 3.11 ($(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

# The quality gates' tools (axe-core CLI, Nu HTML checker, Lighthouse), pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	CHROMEDRIVER_SKIP_DOWNLOAD=true npm ci --ignore-scripts --no-audit --no-fund

html: venv
	$(RUN) build -s $(CONFFILE) -o $(OUTPUTDIR)

regenerate: venv
	PYTHONPATH=plugins $(BIN)/pelican $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --autoreload

# Rebuilds on every save under content/, theme/ and plugins/, and reloads the open pages.
devserver: venv
	$(RUN) serve -s $(CONFFILE) -o $(OUTPUTDIR) --port $(PORT)

# The preview plus the browser editor (Decap CMS, from node_modules) and its local proxy, which
# writes into content/; all on 127.0.0.1.
editor: venv node_modules/.package-lock.json
	$(RUN) serve --editor -s $(CONFFILE) -o $(OUTPUTDIR) --port $(PORT)

editor-config: venv
	$(RUN) editor-config -s $(CONFFILE) $(ARGS)

serve: venv
	PYTHONPATH=plugins $(BIN)/pelican --listen -o $(OUTPUTDIR) --port $(PORT)

publish: venv
	$(RUN) build -s $(PUBLISHCONF) -o $(OUTPUTDIR)

archive: venv
	$(RUN) archive -s $(PUBLISHCONF) -o $(ARCHIVEDIR)

# Adds the URLs of a fresh production build (feeds, sitemap included) to the list the tests
# keep; never removes one.
published-urls: publish
	{ grep '^#' $(PUBLISHED_URLS); { grep -v '^#' $(PUBLISHED_URLS); $(RUN) urls -s $(PUBLISHCONF) $(OUTPUTDIR); } | LC_ALL=C sort -u; } \
		> $(PUBLISHED_URLS).new && mv $(PUBLISHED_URLS).new $(PUBLISHED_URLS)

check: venv
	$(RUN) check -s $(CONFFILE)

new: venv
	$(RUN) new -s $(CONFFILE) $(ARGS)

lint: venv
	$(BIN)/ruff check plugins tests tools bench pelicanconf.py publishconf.py
	$(BIN)/mypy

test: venv node_modules/.package-lock.json
	$(BIN)/python -m pytest

# Everything that needs no browser, Node or Java, on every core: the loop while writing code.
# --dist loadscope: each test module runs in one worker, so that a module's shared builds
# (module-scoped fixtures) are made once, not once per worker. --hypothesis-profile=fast:
# property tests try a fifth of their examples (tests/conftest.py); make test tries them all.
test-fast: venv
	$(BIN)/python -m pytest -m "not browser and not node and not java" -n auto --dist loadscope \
		--hypothesis-profile=fast

# Also what a build killed midway leaves: its fresh folder and former output beside the output
# (.output-*), Pagefind's scratch folders and temporary cache files (in cache/).
clean:
	rm -rf $(OUTPUTDIR) $(ARCHIVEDIR) .$(OUTPUTDIR)-* .$(ARCHIVEDIR)-* cache __pycache__ .pytest_cache
