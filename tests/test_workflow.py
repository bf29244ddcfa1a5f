"""The GitHub Actions workflow that tests the course and publishes the book
(.github/workflows/book.yml): what it does on a push to main and on a pull request, pinned
actions, least privileges; and the linters of ``make test-lint`` catch what they should.
"""
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"
BIN = Path(sys.executable).parent
SHA_PIN = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")

FLOW = yaml.safe_load(WORKFLOW.read_text())
TRIGGERS = FLOW[True]  # YAML 1.1 reads the key `on` as True
JOBS = FLOW["jobs"]


def steps(job):
    return JOBS[job]["steps"]


def uses(job):
    return [s["uses"] for s in steps(job) if "uses" in s]


def test_triggers_are_pushes_to_main_and_pull_requests():
    assert TRIGGERS == {"push": {"branches": ["main"]}, "pull_request": None}


def test_every_job_runs_make_test_or_deploys_after_it():
    assert [s["run"] for s in steps("test") if "run" in s] == ["make test"]
    assert JOBS["deploy"]["needs"] == "test"


def test_pull_requests_keep_the_built_book_and_main_publishes_it():
    by_action = {s["uses"].split("@")[0]: s for s in steps("test") if "uses" in s}
    artifact = by_action["actions/upload-artifact"]
    assert artifact["if"] == "github.event_name == 'pull_request'"
    assert artifact["with"]["path"] == "_build/html"
    pages = by_action["actions/upload-pages-artifact"]
    main_push = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert pages["if"] == main_push and pages["with"]["path"] == "_build/html"
    assert JOBS["deploy"]["if"] == main_push
    assert [u.split("@")[0] for u in uses("deploy")] == ["actions/deploy-pages"]
    assert JOBS["deploy"]["environment"]["name"] == "github-pages"


def test_actions_are_pinned_to_commit_shas():
    for job in JOBS:
        for action in uses(job):
            assert SHA_PIN.fullmatch(action), f"{job}: {action} is not pinned to a commit SHA"
    # and each pin says which release it is, for the reader
    for line in WORKFLOW.read_text().splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40}\s+# v\d+\.\d+\.\d+$", line), line


def test_least_privileges():
    assert FLOW["permissions"] == {}  # nothing unless a job asks
    assert JOBS["test"]["permissions"] == {"contents": "read"}
    assert JOBS["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = [s for s in steps("test") if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout[0]["with"]["persist-credentials"] is False


# -- the linters of `make test-lint` -------------------------------------------------------
def lint(tool, path):
    args = {"actionlint": [str(BIN / "actionlint"), "-shellcheck", str(BIN / "shellcheck")],
            "zizmor": [str(BIN / "zizmor"), "--offline", "--persona=pedantic"]}[tool]
    return subprocess.run(args + [str(path)], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("tool", ["actionlint", "zizmor"])
def test_our_workflow_lints_clean(tool):
    result = lint(tool, WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


BAD_WORKFLOW = """\
name: bad
on: pull_request
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v5
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo $UNQUOTED
"""


@pytest.mark.parametrize("tool, finding", [
    ("actionlint", "github.event.pull_request.title"),  # untrusted input in a script
    ("actionlint", "SC2086"),                            # ShellCheck: unquoted variable
    ("zizmor", "unpinned-uses"),                         # an action by tag, not by SHA
    ("zizmor", "template-injection"),
    ("zizmor", "artipacked"),                            # checkout keeps the token
])
def test_the_linters_catch_a_bad_workflow(tool, finding, tmp_path):
    path = tmp_path / ".github" / "workflows" / "bad.yml"
    path.parent.mkdir(parents=True)
    path.write_text(BAD_WORKFLOW)
    result = lint(tool, path)
    assert result.returncode != 0 and finding in result.stdout + result.stderr, (
        result.stdout + result.stderr)
