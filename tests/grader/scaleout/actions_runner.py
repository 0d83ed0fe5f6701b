"""Runs a GitHub Actions workflow's grading steps locally, as GitHub would.

Jobs run in `needs` order; a matrix job runs one process per entry, all at
once. Each job gets its own runner folder (RUNNER_TEMP, GITHUB_OUTPUT,
GITHUB_STEP_SUMMARY) and the environment of the workflow, the job and the step,
with their `${{ }}` expressions evaluated. Which steps run:

- `run:` steps whose `id` is in `run_ids`: run with `bash -e`, as GitHub runs
  them, in GITHUB_WORKSPACE;
- actions/upload-artifact, actions/download-artifact: done on local folders
  with the semantics of v4 (unique names, hidden files left out, one folder
  per artifact when a pattern is downloaded);
- actions/cache: its `with:` (key evaluated) is recorded in `caches`;
- everything else (checkout, packages, build, cache) is set-up that the caller
  provides with `prepare_runner(runner_temp)`: it is skipped, and listed.

Expressions: context lookups (`a.b.c`), `fromJSON(...)`, `x || 'default'`
(an unset repository variable is empty), and `a == b` in a job's `if:` (a job
whose condition is false is skipped). The caller may give a `github` context
(event, refs) and `vars` (repository variables).

Anything this runner does not understand (an expression, an action, a matrix
with include/exclude) is an error, never silently ignored.
"""
import concurrent.futures
import fnmatch
import itertools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

EXPRESSION = re.compile(r"\$\{\{\s*((?:(?!\}\}).)*?)\s*\}\}")  # one ${{ ... }}
STEP_TIMEOUT = 1200  # seconds; a grading step on a loaded 2-core machine


class WorkflowError(Exception):
    """The workflow could not be run: a step failed or something is unknown."""

    def __init__(self, message, stderr=""):
        super().__init__(message)
        self.stderr = stderr


def evaluate(value, context):
    """Substitutes `${{ expr }}` in value; a string that is one expression keeps its type."""
    if isinstance(value, dict):
        return {key: evaluate(item, context) for key, item in value.items()}
    if not isinstance(value, str):
        return value
    whole = EXPRESSION.fullmatch(value.strip())
    if whole:
        return _expression(whole.group(1), context)
    return EXPRESSION.sub(lambda m: str(_expression(m.group(1), context)), value)


def _expression(text, context):
    if "||" in text:  # the first operand that is not empty
        for operand in text.split("||"):
            value = _expression(operand.strip(), context)
            if value not in (None, ""):
                return value
        return value
    if "==" in text:
        left, right = (_expression(side.strip(), context) for side in text.split("==", 1))
        return left == right
    literal = re.fullmatch(r"'([^']*)'", text)
    if literal:
        return literal.group(1)
    call = re.fullmatch(r"fromJSON\((.*)\)", text)
    if call:
        return json.loads(str(_expression(call.group(1).strip(), context)))
    node = context
    parts = text.split(".")
    for i, part in enumerate(parts):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif i > 0 and parts[i - 1] == "outputs" and isinstance(node, dict):
            return ""  # GitHub: an output nobody set is the empty string
        elif parts[0] == "vars" and i == 1:
            return ""  # GitHub: an unset repository variable is empty
        else:
            raise WorkflowError(f"cannot evaluate ${{{{ {text} }}}} (unknown '{part}')")
    return node


def _as_env(mapping, context):
    return {key: str(evaluate(value, context)) for key, value in (mapping or {}).items()}


class ActionsRunner:
    def __init__(self, workflow, root, workspace, inputs, run_ids, prepare_runner, log,
                 github=None, variables=None):
        self.workflow = workflow
        self.root = Path(root)
        self.workspace = Path(workspace)
        self.inputs = inputs
        self.run_ids = set(run_ids)
        self.prepare_runner = prepare_runner
        self.log = log
        self.artifacts = self.root / "artifacts"
        self.artifacts.mkdir(parents=True, exist_ok=True)
        self.ran_ids = set()
        self.github = dict(github or {}, workspace=str(self.workspace))
        self.variables = dict(variables or {})
        self.caches = []  # the evaluated `with:` of every actions/cache step, in order
        self.skipped_jobs = []
        self.outputs = {}  # job name -> its outputs, kept between run() calls

    def run(self, only=None):
        """Runs every job (or only the named ones, with earlier outputs); returns the outputs."""
        jobs = self.workflow["jobs"]
        done = self.outputs
        pending = [name for name in jobs if only is None or name in only]
        while pending:
            ready = [n for n in pending if all(d in done for d in _needs(jobs[n]))]
            if not ready:
                raise WorkflowError(f"jobs {pending} need jobs that never ran")
            for name in ready:
                pending.remove(name)
                if not self._condition(name, jobs[name]):
                    self.skipped_jobs.append(name)
                    self.log(f"job {name}: skipped (if: {jobs[name]['if']})")
                    done[name] = {}
                    continue
                done[name] = self._run_job(name, jobs[name], done)
        return done

    def _condition(self, name, job):
        if "if" not in job:
            return True
        value = _expression(str(job["if"]).strip(), {"github": self.github,
                                                     "vars": self.variables})
        if not isinstance(value, bool):
            raise WorkflowError(f"{name}: if: {job['if']} is not a comparison")
        return value

    def _run_job(self, name, job, done):
        needs = {dep: {"outputs": done[dep]} for dep in _needs(job)}
        base = {"inputs": self.inputs, "needs": needs, "github": self.github,
                "vars": self.variables}
        entries = [{}]
        if "strategy" in job:
            matrix = evaluate(job["strategy"]["matrix"], base)
            if set(matrix) & {"include", "exclude"}:
                raise WorkflowError(f"{name}: matrix include/exclude is not supported here")
            keys = sorted(matrix)
            combos = itertools.product(*(matrix[key] for key in keys))
            entries = [dict(zip(keys, combo)) for combo in combos]
            self.log(f"job {name}: matrix of {len(entries)}: {entries}")
        with concurrent.futures.ThreadPoolExecutor(len(entries)) as pool:
            runs = [pool.submit(self._run_instance, name, job, base, entry, i)
                    for i, entry in enumerate(entries)]
            outputs = [run.result() for run in runs]
        return outputs[-1]

    def _run_instance(self, name, job, base, matrix, index):
        runner = self.root / "runners" / f"{name}-{index}"
        shutil.rmtree(runner, ignore_errors=True)
        temp = runner / "temp"
        temp.mkdir(parents=True)
        self.prepare_runner(temp)
        context = dict(base, matrix=matrix, steps={}, runner={"temp": str(temp), "os": "Linux"})
        env = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", "HOME": str(runner),
               "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(self.workspace),
               "RUNNER_TEMP": str(temp), "RUNNER_OS": "Linux",
               "GITHUB_STEP_SUMMARY": str(runner / "step-summary.md")}
        env.update(_as_env(self.workflow.get("env"), context))
        env.update(_as_env(job.get("env"), context))
        skipped = []
        for number, step in enumerate(job["steps"]):
            label = f"{name}{matrix or ''} step {number} ({step.get('name') or step.get('uses')})"
            outputs = self._run_step(step, label, env, context, runner / f"output-{number}")
            if outputs is None:
                skipped.append(number)
            if "id" in step:
                context["steps"][step["id"]] = {"outputs": outputs or {}}
        self.log(f"{name}{matrix or ''}: steps {skipped}: set-up, provided by the test")
        return {key: str(evaluate(value, context)) for key, value in job.get("outputs", {}).items()}

    def _run_step(self, step, label, env, context, output_file):
        """Runs or emulates one step; returns its outputs, or None for a set-up step."""
        if "uses" in step:
            action = step["uses"].split("@")[0]
            with_ = evaluate(step.get("with", {}), context)
            if action == "actions/upload-artifact":
                self._upload(with_, label)
            elif action == "actions/download-artifact":
                self._download(with_, label)
            elif action == "actions/cache":
                self.caches.append(with_)
                return None  # set-up
            elif action == "actions/checkout":
                return None  # set-up
            else:
                raise WorkflowError(f"{label}: unknown action {action}")
            return {}
        script = step["run"]
        if "${{" in script:
            raise WorkflowError(f"{label}: an expression spliced into run: (use env:)")
        if step.get("id") not in self.run_ids:
            return None  # set-up
        self.ran_ids.add(step["id"])
        step_env = dict(env, **_as_env(step.get("env"), context), GITHUB_OUTPUT=str(output_file))
        script_file = output_file.with_suffix(".sh")
        script_file.write_text(script)
        output_file.touch()
        self.log(f"{label}: running")
        result = subprocess.run(["bash", "--noprofile", "--norc", "-e", str(script_file)],
                                cwd=self.workspace, env=step_env, capture_output=True, text=True,
                                timeout=STEP_TIMEOUT)
        if result.returncode != 0:
            raise WorkflowError(f"{label}: exit {result.returncode}\n{result.stderr[-3000:]}",
                                result.stderr)
        last = result.stderr.strip().splitlines()[-1:]
        self.log(f"{label}: done{': ' + last[0] if last else ''}")
        lines = output_file.read_text().splitlines()
        return dict(line.split("=", 1) for line in lines if "=" in line)

    def _upload(self, with_, label):
        name, source = with_["name"], Path(with_["path"])
        target = self.artifacts / name
        if target.exists():
            raise WorkflowError(f"{label}: artifact '{name}' uploaded twice (names must be unique)")
        if source.is_file():  # one file: the artifact holds it
            target.mkdir()
            shutil.copyfile(source, target / source.name)
        elif source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*"))  # v4: no hidden
        elif with_.get("if-no-files-found") == "ignore":
            self.log(f"{label}: nothing at {source}: ignored")
            return
        else:
            raise WorkflowError(f"{label}: nothing to upload at {source}")
        self.log(f"{label}: uploaded artifact {name}")

    def _download(self, with_, label):
        dest = Path(with_["path"])
        if "name" in with_:
            shutil.copytree(self.artifacts / with_["name"], dest, dirs_exist_ok=True)
            return
        names = sorted(n.name for n in self.artifacts.iterdir()
                       if fnmatch.fnmatch(n.name, with_.get("pattern", "*")))
        merge = str(with_.get("merge-multiple", "false")).lower() == "true"
        for name in names:
            into = dest if merge else dest / name
            shutil.copytree(self.artifacts / name, into, dirs_exist_ok=True)
        self.log(f"{label}: downloaded {names}")


def _needs(job):
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)
