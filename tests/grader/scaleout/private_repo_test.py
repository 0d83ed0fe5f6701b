#!/usr/bin/env python3
"""The student workflows in a private repository, as GitHub runs them.

  private_repo_test.py --grader BUILD/bin/grader --source COURSE --work DIR

GitHub Classroom's repositories are private: actions/checkout with
`persist-credentials: false` leaves no credentials behind, so a later
`git fetch origin` fails. Here the repository is a local bare "origin" (the
course, trimmed to pipe_ping_pong, on `main`, and a pull request with the
model answers as refs/pull/1/merge). The checkout is done as actions/checkout
does it (fetch-depth 0: every branch), then origin is moved away, so any
fetch after it fails as it would without credentials. Then the `run:` steps
of templates/github/workflows/grade.yml that extract the base and grade run
as GitHub runs them (actions_runner.py), with the built grader standing in for
the build step. Checked:

- the pull request is graded: every test passed, no tampered file, a JUnit file;
- warm-cache.yml (push to the default branch) runs only on the default branch,
  saves under the key grade.yml restores for a pull request on that branch,
  with the same paths and the same build commands, so a new pull request
  starts with a warm build.

Needs PyYAML (Debian: python3-yaml) and git. Exit 0 on success, 1 with the reason.
"""
import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

try:
    import yaml
except ImportError:
    sys.exit("private_repo: the yaml module is missing: apt-get install python3-yaml")

from actions_runner import ActionsRunner, WorkflowError

GRADE = "templates/github/workflows/grade.yml"
WARM = "templates/github/workflows/warm-cache.yml"
EXERCISE = "pipe_ping_pong"
STUDENT_FILES = ["connection.cpp", "ping_pong.cpp"]
LEFT_OUT = shutil.ignore_patterns("build", "build-*", ".git", ".grader", ".ipclab", "__pycache__")


class Failure(Exception):
    pass


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def git(*args, cwd=None):
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout.strip()


def make_origin(source, work):
    """A bare origin: main = the course (pipe_ping_pong only), refs/pull/1/merge = answers."""
    tree = work / "author"
    shutil.copytree(source, tree, ignore=LEFT_OUT)
    course = yaml.safe_load((tree / "assignments.yaml").read_text())
    course["exercises"] = [e for e in course["exercises"] if e["id"] == EXERCISE]
    (tree / "assignments.yaml").write_text(yaml.safe_dump(course, sort_keys=False))
    git("init", "-q", "-b", "main", cwd=tree)
    git("add", "-A", cwd=tree)
    git("commit", "-q", "-m", "the course", cwd=tree)
    git("checkout", "-q", "-b", "answers", cwd=tree)
    for name in STUDENT_FILES:
        shutil.copyfile(source / "solutions" / EXERCISE / name, tree / "exercises" / EXERCISE / name)
    git("commit", "-q", "-am", "my answers", cwd=tree)
    git("checkout", "-q", "-b", "merge", "main", cwd=tree)
    git("merge", "-q", "--no-ff", "-m", "Merge answers into main", "answers", cwd=tree)
    origin = work / "origin.git"
    git("init", "-q", "--bare", str(origin))
    git("push", "-q", str(origin), "main:refs/heads/main", "answers:refs/heads/answers",
        "merge:refs/pull/1/merge", cwd=tree)
    return origin


def checkout(origin, workspace, ref, depth):
    """What actions/checkout@v4 runs (persist-credentials: false: no credentials kept)."""
    workspace.mkdir(parents=True)
    git("init", "-q", cwd=workspace)
    git("remote", "add", "origin", origin.as_uri(), cwd=workspace)
    if depth == 0:
        git("fetch", "-q", "--prune", "--no-recurse-submodules", "origin",
            "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*", cwd=workspace)
    git("fetch", "-q", "--no-tags", *(["--depth", str(depth)] if depth else []), "origin",
        f"+{ref}:refs/remotes/checkout", cwd=workspace)
    git("checkout", "-q", "--force", "refs/remotes/checkout", cwd=workspace)


def step_with(workflow, job, uses):
    (step,) = [s for s in workflow["jobs"][job]["steps"] if s.get("uses", "").startswith(uses)]
    return step


def step_run(workflow, job, step_id):
    (step,) = [s for s in workflow["jobs"][job]["steps"] if s.get("id") == step_id]
    return step["run"]


def check_checkout(workflow, job, label):
    options = step_with(workflow, job, "actions/checkout").get("with", {})
    if options.get("persist-credentials") is not False:
        raise Failure(f"{label}: actions/checkout keeps credentials (persist-credentials)")
    return options.get("fetch-depth", 1)


def run_pull_request(args, origin, workflow):
    root = args.work / "pull-request"
    workspace = root / "workspace"
    depth = check_checkout(workflow, "grade", "grade.yml")
    checkout(origin, workspace, "refs/pull/1/merge", depth)
    gone = origin.with_name("origin-moved.git")
    origin.rename(gone)  # from here on, a fetch fails as it would without credentials
    try:
        runner = ActionsRunner(workflow, root, workspace, {}, ["base", "grade"],
                               lambda temp: prepare(args, temp), log,
                               github={"base_ref": "main", "event_name": "pull_request"})
        runner.run()
    finally:
        gone.rename(origin)
    outputs = parse_outputs(root / "runners/grade-0")
    if outputs.get("passed") != "true" or outputs.get("tampered") != "0":
        raise Failure(f"grade.yml: the model answers were graded {outputs}")
    if not (root / "runners/grade-0/temp/junit.xml").is_file():
        raise Failure("grade.yml: no JUnit file")
    log(f"grade.yml: graded in a private repository: score {outputs['score']}/"
        f"{outputs['max_score']}, nothing fetched after the checkout")
    return runner


def run_default_branch(args, origin, workflow, ref_name):
    root = args.work / f"push-{ref_name}"
    workspace = root / "workspace"
    checkout(origin, workspace, "refs/heads/main", check_checkout(workflow, "warm", "warm-cache"))
    runner = ActionsRunner(workflow, root, workspace, {}, ["base"],
                           lambda temp: prepare(args, temp), log,
                           github={"ref_name": ref_name, "event_name": "push",
                                   "event": {"repository": {"default_branch": "main"}}})
    runner.run()
    return runner


def prepare(args, temp):
    """What the build step gives: the grader built from the base."""
    (temp / "build/bin").mkdir(parents=True)
    (temp / "build/bin/grader").symlink_to(args.wrapper)


def parse_outputs(runner_dir):
    outputs = {}
    for file in sorted(runner_dir.glob("output-*")):
        if file.suffix:
            continue
        for line in file.read_text().splitlines():
            if "=" in line:
                key, value = line.split("=", 1)
                outputs[key] = value
    return outputs


def check_warm_cache(args, origin, grade, pull_request):
    warm = yaml.safe_load((args.source / WARM).read_text())
    on_main = run_default_branch(args, origin, warm, "main")
    if on_main.skipped_jobs or not on_main.caches:
        raise Failure("warm-cache.yml: did not run on a push to the default branch")
    elsewhere = run_default_branch(args, origin, warm, "answers")
    if elsewhere.skipped_jobs != ["warm"]:
        raise Failure("warm-cache.yml: ran on a push to another branch (a cache PRs cannot read)")
    (saved,), (restored,) = on_main.caches, pull_request.caches
    if saved["key"] != restored["key"] or not saved["key"].endswith(git(
            "rev-parse", "main^{tree}", cwd=origin)):
        raise Failure(f"warm-cache.yml saves {saved['key']}, grade.yml restores {restored['key']}")
    for label, raw in (("paths", lambda w, j: step_with(w, j, "actions/cache")["with"]["path"]),
                       ("build commands", lambda w, j: step_run(w, j, "build"))):
        if raw(warm, "warm") != raw(grade, "grade"):
            raise Failure(f"warm-cache.yml and grade.yml differ in their {label}")
    log(f"warm-cache.yml: saves {saved['key']} on the default branch, as grade.yml restores it")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grader", type=Path, required=True)
    parser.add_argument("--source", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True, help="emptied first")
    args = parser.parse_args()
    args.source = args.source.resolve()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    started = time.monotonic()
    # As the workflow calls it: with --allow-advisory only where this machine
    # has no sandbox (`grader doctor` exits 1).
    doctor = subprocess.run([args.grader, "doctor"], capture_output=True, text=True)
    advisory = "--allow-advisory " if doctor.returncode == 1 else ""
    args.wrapper = args.work / "grader"
    args.wrapper.write_text(f'#!/bin/sh\nexec "{args.grader.resolve()}" {advisory}"$@"\n')
    args.wrapper.chmod(0o755)

    origin = make_origin(args.source, args.work)
    grade = yaml.safe_load((args.source / GRADE).read_text())
    pull_request = run_pull_request(args, origin, grade)
    check_warm_cache(args, origin, grade, pull_request)
    log(f"passed in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    try:
        main()
    except (Failure, WorkflowError, subprocess.SubprocessError) as error:
        print(f"private_repo: FAILED: {error}", file=sys.stderr)
        sys.exit(1)
