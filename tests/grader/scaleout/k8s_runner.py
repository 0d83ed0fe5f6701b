"""Runs the pods of Kubernetes Jobs locally, as the kubelet would start them.

A pod's container runs its `command` + `args` with the manifest's `env`, and,
for an Indexed Job, JOB_COMPLETION_INDEX; `completions` pods run, at most
`parallelism` at once. Paths inside the container are mapped to local
folders: every volumeMount (a persistentVolumeClaim is one folder per claim,
shared by every pod; an emptyDir is one folder per pod) and the image's own
paths given by the caller (the course, the folder of `grader`). Only what
the manifests here use is supported; anything else is an error.
"""
import concurrent.futures
import re
import subprocess
from pathlib import Path

POD_TIMEOUT = 1200  # seconds; one shard on a loaded 2-core machine


class ManifestError(Exception):
    pass


def find(documents, kind, name=None):
    """The one document of `kind` (and `name`) in a list of manifests."""
    found = [d for d in documents if d and d.get("kind") == kind
             and (name is None or d["metadata"]["name"] == name)]
    if len(found) != 1:
        raise ManifestError(f"expected one {kind} {name or ''}, found {len(found)}")
    return found[0]


class Cluster:
    def __init__(self, root, image, log):
        """image: "paths" {path in the image: local path}, its "PATH" and "workdir"."""
        self.root = Path(root)
        self.image = image
        self.log = log

    def claim_dir(self, claim):
        return self.root / "pvc" / claim

    def run_job(self, job, pod_env=None):
        """Runs every pod of `job`, pod_env overriding the manifest's env; returns
        [(index, exit code, stderr)] in index order."""
        spec = job["spec"]
        name = job["metadata"]["name"]
        completions = spec.get("completions", 1)
        indexed = spec.get("completionMode") == "Indexed"
        parallelism = min(spec.get("parallelism", 1), completions)
        self.log(f"job {name}: {completions} pods, {parallelism} at once, indexed={indexed}")
        with concurrent.futures.ThreadPoolExecutor(parallelism) as pool:
            runs = [pool.submit(self._run_pod, name, spec["template"]["spec"], index,
                                dict(pod_env or {}, **({"JOB_COMPLETION_INDEX": str(index)}
                                                       if indexed else {})))
                    for index in range(completions)]
            return [run.result() for run in runs]

    def _run_pod(self, job_name, pod, index, extra_env):
        (container,) = pod["containers"]  # one container per pod here
        pod_dir = self.root / "pods" / f"{job_name}-{index}"
        mapping = dict(self.image["paths"])
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        for mount in container.get("volumeMounts", []):
            volume = volumes[mount["name"]]
            if "persistentVolumeClaim" in volume:
                local = self.claim_dir(volume["persistentVolumeClaim"]["claimName"])
            elif "emptyDir" in volume:
                local = pod_dir / "volumes" / mount["name"]
            else:
                raise ManifestError(f"{job_name}: volume {mount['name']}: unsupported kind")
            local.mkdir(parents=True, exist_ok=True)
            mapping[mount["mountPath"]] = local

        # One pass, longest first: a path is mapped once, never again inside its result.
        inside = "|".join(re.escape(p) for p in sorted(mapping, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w./-])(?:{inside})(?![\w.-])")

        def local(text):
            return pattern.sub(lambda m: str(mapping[m.group(0)]), text)

        env = {"PATH": self.image["PATH"], "HOME": str(pod_dir), "LANG": "C.UTF-8"}
        for item in container.get("env", []):
            if "value" not in item:
                raise ManifestError(f"{job_name}: env {item['name']}: only value: is supported")
            env[item["name"]] = local(str(item["value"]))
        env.update(extra_env)
        argv = [local(part) for part in container.get("command", []) + container.get("args", [])]
        workdir = Path(local(container.get("workingDir", self.image["workdir"])))
        self.log(f"pod {job_name}-{index}: running")
        result = subprocess.run(argv, cwd=workdir, env=env, capture_output=True, text=True,
                                timeout=POD_TIMEOUT)
        self.log(f"pod {job_name}-{index}: exit {result.returncode}")
        return index, result.returncode, result.stderr
