#!/usr/bin/env python3
"""Scale-out end to end: the shipped GitHub workflow and Kubernetes manifests
grade a class in shards, in parallel processes, and merge it into what one
unsharded `grader batch` gives.

  scaleout_test.py --grader BUILD/bin/grader --source COURSE --work DIR

The shard and merge commands are not copied here: they are read from
templates/github/workflows/batch-shards.yml and deploy/k8s/*.yaml and run as
GitHub and Kubernetes would run them (actions_runner.py, k8s_runner.py), with
the built grader and a generated class of pipe_ping_pong submissions, graded
on two quick tests. Checked, for the workflow and for the manifests:

- every shard job / pod succeeds, and each shard holds the students that
  FNV-1a(name) mod N + 1 puts there;
- the merged gradebook.csv, summary.json, summary.md and report.html are the
  bytes one batch over the whole class writes, and every student's grade.json
  and feedback.md the same but for timings and the workspace's path;
- the merge refuses when one shard's output is missing.

Needs PyYAML (Debian: python3-yaml). Exit 0 on success, 1 with the reason.
"""
import argparse
import difflib
import json
import re
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

try:
    import yaml
except ImportError:
    sys.exit("scaleout: the yaml module is missing: apt-get install python3-yaml")

from actions_runner import ActionsRunner, WorkflowError
from k8s_runner import Cluster, ManifestError, find

WORKFLOW = "templates/github/workflows/batch-shards.yml"
K8S = "deploy/k8s"
OPTIONS = "-e pipe_ping_pong -t wire_format -t end_of_stream"
SHARDS = 3  # the workflow's input; the manifests say their own N
IMAGE_COURSE = "/opt/ipclab"  # where deploy/Dockerfile puts the course
TIMING_KEYS = {"duration_ms"}
# What differs with the machine and the time, in feedback.md and grade.json:
# a test's duration, and the student's driver in the workspace of the grader
# that built it (the `rerun` command).
VARYING = [(re.compile(r"\| \d+ ms \|"), "| <time> |"),
           (re.compile(r"IPCLAB_STUDENT_DRIVER=\S+"), "IPCLAB_STUDENT_DRIVER=<workspace>")]


class Failure(Exception):
    pass


_log_lock = threading.Lock()  # jobs and pods log from several threads


def log(message):
    with _log_lock:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def shard_of(student, count):
    """grader/batch/store/shard.cpp: 1 + FNV-1a-64(name) mod N."""
    value = 14695981039346656037
    for byte in student.encode():
        value = ((value ^ byte) * 1099511628211) % 2**64
    return value % count + 1


def make_class(grader, source, into):
    """Five students, every shard of 3 non-empty: model answers, the stub, a mistake, a zip."""
    # tests/mistakes stores each mistake as edits of the model answer: the grader writes it out
    mistakes = into.parent / "mistakes"
    subprocess.run([str(grader), "--course", str(source), "selftest", "--write-mistakes",
                    str(mistakes), "pipe_ping_pong"], check=True, capture_output=True)
    model = source / "solutions/pipe_ping_pong"
    stub = source / "exercises/pipe_ping_pong"
    files = ["connection.cpp", "ping_pong.cpp"]

    def put(folder, origin, names=files):
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copyfile(origin / name, folder / name)

    put(into / "ann/pipe_ping_pong", model)
    put(into / "cat/pipe_ping_pong", stub)
    put(into / "ned/exercises/pipe_ping_pong", model)  # a clone of the course
    (into / "ned/assignments.yaml").write_text("# a clone\n")
    put(into / "dan/pipe_ping_pong", model)
    put(into / "dan/pipe_ping_pong", mistakes / "pipe_ping_pong/host_byte_order",
        ["connection.cpp"])
    with zipfile.ZipFile(into / "eve.zip", "w") as archive:  # one top folder, as GitHub zips
        for name in files:
            archive.write(model / name, f"eve-main/pipe_ping_pong/{name}")
    return ["ann", "cat", "dan", "eve", "ned"]


def normalized(path):
    text = path.read_text()
    for pattern, replacement in VARYING:
        text = pattern.sub(replacement, text)
    return text


def without_timings(value):
    if isinstance(value, dict):
        return {k: without_timings(v) for k, v in value.items() if k not in TIMING_KEYS}
    if isinstance(value, list):
        return [without_timings(v) for v in value]
    return value


def compare(merged, full, students, label):
    """The class outputs of `merged` equal those of `full`, timings aside."""
    def same(relative, parse):
        a, b = merged / relative, full / relative
        if not a.is_file():
            raise Failure(f"{label}: no {relative} in the merged output {merged}")
        if parse(a) != parse(b):
            diff = difflib.unified_diff(b.read_text().splitlines(), a.read_text().splitlines(),
                                        "one batch", "merged", lineterm="")
            raise Failure(f"{label}: {relative} differs from one batch's:\n"
                          + "\n".join(list(diff)[:60]))

    def as_json(path):
        return without_timings(json.loads(normalized(path)))

    for name in ("gradebook.csv", "summary.json", "summary.md", "report.html"):
        same(name, Path.read_bytes)  # the class outputs: the same bytes
    for student in students:
        same(f"students/{student}/grade.json", as_json)
        same(f"students/{student}/feedback.md", normalized)
    found = sorted(p.name for p in (merged / "students").iterdir())
    if found != students:
        raise Failure(f"{label}: merged students {found}, expected {students}")
    log(f"{label}: merged outputs equal one batch's")


def check_shards(dirs, students, count, label):
    for index, folder in enumerate(dirs, start=1):
        marker = json.loads((folder / "shard.json").read_text())
        expected = sorted(s for s in students if shard_of(s, count) == index)
        graded = sorted(marker["students"])
        if (marker["shard"], marker["of"]) != (index, count) or graded != expected:
            raise Failure(f"{label}: {folder}/shard.json is shard {marker['shard']}/{marker['of']} "
                          f"with {marker['students']}; expected {index}/{count} with {expected}")


def expect_missing_refused(stderr, label):
    # merge speaks the course's language (Spanish here) unless --lang, whatever the
    # locale; the shipped workflow passes none, so either wording is right.
    if "is missing" not in stderr and "falta la parte" not in stderr:
        raise Failure(f"{label}: merge without one shard did not say a shard is missing:\n{stderr}")
    log(f"{label}: merge refuses a missing shard")


def run_workflow(args, students, full):
    root = args.work / "github"
    workspace = root / "workspace"
    shutil.copytree(args.work / "class", workspace / "submissions")

    def prepare_runner(temp):  # what checkout, the course extraction and the build give
        (temp / "course").symlink_to(args.source)
        (temp / "build/bin").mkdir(parents=True)
        (temp / "build/bin/grader").symlink_to(args.wrapper)

    workflow = yaml.safe_load((args.source / WORKFLOW).read_text())
    inputs = {"submissions": "submissions", "shards": str(SHARDS), "options": OPTIONS}
    runner = ActionsRunner(workflow, root, workspace, inputs, ["shards", "grade", "merge"],
                           prepare_runner, log)
    runner.run()
    if runner.ran_ids != {"shards", "grade", "merge"}:
        raise Failure(f"workflow: ran the steps {sorted(runner.ran_ids)}: renamed ids?")
    shard_dirs = [root / "artifacts" / f"shard-{i}" for i in range(1, SHARDS + 1)]
    check_shards(shard_dirs, students, SHARDS, "workflow")
    compare(root / "artifacts/gradebook", full, students, "workflow")
    summary = (root / "runners/merge-0/step-summary.md").read_text()
    if summary != (full / "summary.md").read_text():
        raise Failure("workflow: the step summary is not the class's summary.md")

    shutil.move(shard_dirs[-1], root / "held-back")  # merge again without the last shard
    try:
        runner.run(only={"merge"})
        raise Failure("workflow: merge succeeded with a shard missing")
    except WorkflowError as error:
        expect_missing_refused(error.stderr, "workflow")


def run_kubernetes(args, students, full):
    root = args.work / "k8s"
    manifests = {name: list(yaml.safe_load_all((args.source / K8S / name).read_text()))
                 for name in ("batch-volume.yaml", "batch-shards.yaml", "batch-merge.yaml")}
    claim = find(manifests["batch-volume.yaml"], "PersistentVolumeClaim")["metadata"]["name"]
    shards = find(manifests["batch-shards.yaml"], "Job")
    merge = find(manifests["batch-merge.yaml"], "Job")
    for job in (shards, merge):
        volumes = job["spec"]["template"]["spec"]["volumes"]
        claims = [v["persistentVolumeClaim"]["claimName"]
                  for v in volumes if "persistentVolumeClaim" in v]
        if claims != [claim]:
            raise Failure(f"k8s: {job['metadata']['name']} mounts {claims}, not the claim {claim}")
    (root / "bin").mkdir(parents=True)
    (root / "bin/grader").symlink_to(args.wrapper)
    image = {"paths": {IMAGE_COURSE: args.source}, "workdir": IMAGE_COURSE,
             "PATH": f"{root / 'bin'}:/usr/local/bin:/usr/bin:/bin"}
    cluster = Cluster(root, image, log)

    (container,) = shards["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e.get("value") for e in container["env"]}
    if "GRADER_OPTIONS" not in env:
        raise Failure("k8s: the shard container has no GRADER_OPTIONS to select exercises with")
    data = cluster.claim_dir(claim)
    shutil.copytree(args.work / "class", data / _on_volume(container, env["SUBMISSIONS"]))
    count = shards["spec"]["completions"]
    for index, status, stderr in cluster.run_job(shards, {"GRADER_OPTIONS": OPTIONS}):
        if status != 0:
            raise Failure(f"k8s: shard pod {index} exited {status}:\n{stderr[-3000:]}")
    out = data / _on_volume(container, env["OUT"])
    check_shards([out / f"shard-{i}" for i in range(1, count + 1)], students, count, "k8s")

    ((_, status, stderr),) = cluster.run_job(merge)
    if status != 0:
        raise Failure(f"k8s: the merge pod exited {status}:\n{stderr[-3000:]}")
    (merge_container,) = merge["spec"]["template"]["spec"]["containers"]
    merged_in_pod = {e["name"]: e["value"] for e in merge_container["env"]}["MERGED"]
    compare(data / _on_volume(merge_container, merged_in_pod), full, students, "k8s")

    shutil.move(out / f"shard-{count}", root / "held-back")
    ((_, status, stderr),) = cluster.run_job(merge)
    if status == 0:
        raise Failure("k8s: the merge pod succeeded with a shard missing")
    expect_missing_refused(stderr, "k8s")


def _on_volume(container, path):
    """`path` in the container, relative to the volume it is on (the shared one here)."""
    mounts = [m["mountPath"] for m in container["volumeMounts"]
              if (path + "/").startswith(m["mountPath"].rstrip("/") + "/")]
    if not mounts:
        raise Failure(f"k8s: {path} is on no volume of {container['name']}")
    return Path(path).relative_to(max(mounts, key=len))


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

    # The grader as the workflow and the pods call it: with --allow-advisory
    # only where this machine has no sandbox (`grader doctor` exits 1).
    doctor = subprocess.run([args.grader, "doctor"], capture_output=True, text=True)
    advisory = "--allow-advisory " if doctor.returncode == 1 else ""
    log(f"sandbox: {'advisory only: --allow-advisory' if advisory else 'bubblewrap'}")
    args.wrapper = args.work / "grader"
    args.wrapper.write_text(f'#!/bin/sh\nexec "{args.grader.resolve()}" {advisory}"$@"\n')
    args.wrapper.chmod(0o755)

    students = make_class(args.grader, args.source, args.work / "class")
    if {shard_of(s, SHARDS) for s in students} != set(range(1, SHARDS + 1)):
        raise Failure("the class leaves a shard empty: choose other names")
    full = args.work / "one-batch"
    log(f"one batch over the class: {OPTIONS}")
    subprocess.run([str(args.wrapper), "--course", str(args.source), "--work-dir",
                    str(args.work / "one-batch-work"), "batch", str(args.work / "class"),
                    "--out", str(full), *OPTIONS.split()], check=True, timeout=1200)

    run_workflow(args, students, full)
    run_kubernetes(args, students, full)
    log(f"passed in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    try:
        main()
    except (Failure, WorkflowError, ManifestError, subprocess.SubprocessError) as error:
        print(f"scaleout: FAILED: {error}", file=sys.stderr)
        sys.exit(1)
