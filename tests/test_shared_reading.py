"""Reading shared with a helper process: every file read once, by one of the two processes, and
what the helper read handed back whole; a helper that fails leaves its files to this process.

Each case runs in a fresh interpreter, as a build does: the test process has threads of its own
(servers of other tests), and the plugin never forks beside other threads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from emulation_blocs.shared_reading import MIN_SHARED_FILES

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the helper process needs fork")

SCENARIO = '''
import json, logging, os, sys, time
from emulation_blocs.shared_reading import share_reading

here = os.getpid()
paths = [f"/content/articles/{number:04d}.md" for number in range(int(sys.argv[1]))]
helper_fails = sys.argv[2] == "fails"
read_here_calls = []
warnings = []

class Kept(logging.Handler):
    def emit(self, record):
        warnings.append(record.getMessage())

logging.getLogger().addHandler(Kept(logging.WARNING))

def read_here(path):
    if os.getpid() == here:
        read_here_calls.append(path)
    elif helper_fails:
        raise OSError("ổ đĩa hỏng")
    time.sleep(0.002)  # as long as a short report takes, so that the helper has time to start
    return f"<p>{path}</p>", {"read by": "here" if os.getpid() == here else "helper"}

shared = share_reading(paths, read_here, int(sys.argv[3]))
results = {}
for path in paths:  # as ReportReader.read does, in Pelican's order
    taken = shared.take(path) if shared else None
    results[path] = taken if taken is not None else read_here(path)
if shared:
    shared.close()
print(json.dumps({"shared": shared is not None, "paths": paths, "results": results,
                  "read_here_calls": read_here_calls, "warnings": warnings}))
'''


def run_scenario(tmp_path: Path, files: int, helper: str = "works", workers: int = 2) -> dict:
    script = tmp_path / "scenario.py"
    script.write_text(SCENARIO, encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    finished = subprocess.run([sys.executable, str(script), str(files), helper, str(workers)],
                              capture_output=True, text=True, env=environment, check=True)
    return json.loads(finished.stdout)


def test_each_file_is_read_once_by_one_of_the_two(tmp_path: Path) -> None:
    outcome = run_scenario(tmp_path, MIN_SHARED_FILES + 100)
    assert outcome["shared"]
    paths, results = outcome["paths"], outcome["results"]
    assert [results[path][0] for path in paths] == [f"<p>{path}</p>" for path in paths]
    readers = [results[path][1]["read by"] for path in paths]
    # This process read the files from the front, the helper the rest, from the back.
    first_of_helper = readers.index("helper")
    assert first_of_helper > 0 and set(readers[first_of_helper:]) == {"helper"}
    assert outcome["read_here_calls"] == paths[:first_of_helper]  # each once, here
    assert outcome["warnings"] == []


def test_a_failed_helper_leaves_its_files_to_this_process(tmp_path: Path) -> None:
    outcome = run_scenario(tmp_path, MIN_SHARED_FILES + 100, helper="fails")
    assert outcome["shared"]
    paths, results = outcome["paths"], outcome["results"]
    assert results == {path: [f"<p>{path}</p>", {"read by": "here"}] for path in paths}
    assert outcome["read_here_calls"] == paths
    assert len(outcome["warnings"]) == 1
    assert "Tiến trình phụ không đọc xong" in outcome["warnings"][0] and "ổ đĩa hỏng" in outcome["warnings"][0]


@pytest.mark.parametrize(("files", "workers"), [(MIN_SHARED_FILES - 1, 2), (MIN_SHARED_FILES, 1)])
def test_no_helper_for_few_files_or_one_core(tmp_path: Path, files: int, workers: int) -> None:
    outcome = run_scenario(tmp_path, files, workers=workers)
    assert not outcome["shared"]
    assert outcome["read_here_calls"] == outcome["paths"]
