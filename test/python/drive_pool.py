"""RewardPool and fork/spawn/pickle safety against the real worker (argv: cli path). Prints one JSON
object of observations; test/python-pool.test.ts asserts on them.

* a batch split across 3 workers returns exactly the results one RewardClient returns;
* a worker SIGKILLed mid-batch is restarted and every sample still gets its one right answer;
* a pickled pool/client carries no process and starts its own on first use;
* multiprocessing ``fork``: a child that uses the parent's (started) pool or client starts its own
  workers, and the parent's workers keep serving the parent;
* multiprocessing ``spawn``: the pool travels pickled and works in the child;
* ``ABSTAIN_REWARD_WORKERS=2`` makes the default client a pool;
* what Ray does to OpenRLHF's ``--remote_rm_url file.py``: the module is loaded from its path (not
  importable by name), ``reward_func`` is pickled by value with cloudpickle, after the driver used
  it, and called in a fresh interpreter.
"""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "docs", "integrations", "python"))

import abstain_reward  # noqa: E402

RIGHT = "3 boxes of 4 is 12.\n</thinking>\n<answer>\n\\boxed{12}\n</answer>"
WRONG = "3 + 4 = 7.\n</thinking>\n<answer>\n\\boxed{7}\n</answer>"
IDK = "The speed is not given.\n</thinking>\n<answer>\n\\boxed{I don't know.} The speed of the train is not given.\n</answer>"
IDK_BARE = "Hmm.\n</thinking>\n<answer>\n\\boxed{I don't know.}\n</answer>"


def samples(count: int, tag: str = "s") -> list[dict[str, Any]]:
    """Mixed samples whose rewards differ (2, 1, 2, 1.3, 0), each with an id to check the order."""
    out = []
    for i in range(count):
        kind = i % 5
        if kind == 0:
            out.append({"id": f"{tag}{i}", "response": RIGHT, "answerable": True, "goldAnswer": "12"})
        elif kind == 1:
            out.append({"id": f"{tag}{i}", "response": WRONG, "answerable": True, "goldAnswer": "12"})
        elif kind == 2:
            out.append({"id": f"{tag}{i}", "response": f"{IDK} ({i})", "answerable": False, "missingFacts": ["the speed of the train"]})
        elif kind == 3:
            out.append({"id": f"{tag}{i}", "response": IDK_BARE, "answerable": False, "missingFacts": ["the speed of the train"]})
        else:
            out.append({"id": f"{tag}{i}", "response": "no tags at all", "answerable": True, "goldAnswer": "12"})
    return out


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def child_uses(thing: Any, batch: list[dict[str, Any]], out: Any) -> None:
    """Runs in the child process (fork or spawn): scores with the object it was given or inherited."""
    try:
        results = thing.score(batch)
        pids = list(thing.pids) if isinstance(thing, abstain_reward.RewardPool) else [thing.pid]
        thing.close()
        out.put({"pid": os.getpid(), "results": results, "worker_pids": pids, "error": None})
    except BaseException as error:  # noqa: BLE001 - reported to the parent
        out.put({"pid": os.getpid(), "results": None, "worker_pids": [], "error": f"{type(error).__name__}: {error}"})


def call_pickled(blob: bytes, args: tuple[Any, ...], out: Any) -> None:
    """A fresh interpreter, as a Ray worker: unpickle the function and call it."""
    try:
        func = pickle.loads(blob)
        out.put({"result": func(*args), "error": None})
    except BaseException as error:  # noqa: BLE001 - reported to the parent
        out.put({"result": None, "error": f"{type(error).__name__}: {error}"})


def ray_like(cli: str) -> dict[str, Any]:
    try:
        import cloudpickle  # type: ignore[import-not-found]
    except ImportError:
        return {"skipped": "cloudpickle is not installed"}
    path = os.path.join(HERE, "..", "..", "docs", "integrations", "python", "abstain_reward.py")
    spec = importlib.util.spec_from_file_location("reward_module_from_path", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # not in sys.modules: cloudpickle must pickle by value
    module.configure(cli_path=cli)
    prompt = "Q: 3 boxes of 4?<thinking>"
    label = json.dumps({"answerable": True, "goldAnswer": "12"})
    args = ([prompt + RIGHT, prompt + WRONG], [prompt, prompt], [label, label])
    driver = module.reward_func(*args)  # the driver's default client is now running
    try:
        blob = cloudpickle.dumps(module.reward_func)
    except Exception as error:  # noqa: BLE001 - the observation
        return {"error": f"{type(error).__name__}: {error}"}
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    process = context.Process(target=call_pickled, args=(blob, args, out))
    process.start()
    try:
        report = out.get(timeout=120)
    finally:
        process.join(timeout=30)
    module.get_client().close()
    return {"error": report["error"], "driver": driver["rewards"], "worker": (report["result"] or {}).get("rewards"), "exitcode": process.exitcode}


def in_child(method: str, thing: Any, batch: list[dict[str, Any]]) -> dict[str, Any]:
    context = multiprocessing.get_context(method)
    out = context.Queue()
    process = context.Process(target=child_uses, args=(thing, batch, out))
    process.start()
    try:
        report = out.get(timeout=120)
    finally:
        process.join(timeout=30)
    report["exitcode"] = process.exitcode
    return report


def main() -> None:
    cli = sys.argv[1]
    report: dict[str, Any] = {}
    batch = samples(600)
    started = time.monotonic()

    single = abstain_reward.RewardClient(cli_path=cli)
    expected = single.score(batch)
    single_pid = single.pid
    report["reward_set"] = sorted({result["reward"] for result in expected})

    pool = abstain_reward.RewardPool(workers=3, cli_path=cli, chunk_size=64)
    got = pool.score(batch)
    report["pool_equal"] = got == expected
    report["pool_ids_in_order"] = [r["id"] for r in got] == [s["id"] for s in batch]
    parent_pids = pool.pids
    report["pool_pids"] = len(set(parent_pids))

    # A worker SIGKILLed while a large batch is in flight.
    big = batch * 6
    victim = parent_pids[1]
    def killer() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            client = pool._clients[1]
            if any(p.response is None for p in list(client._pending.values())):
                break
            time.sleep(0.001)
        os.kill(victim, signal.SIGKILL)
    thread = threading.Thread(target=killer)
    thread.start()
    got_big = pool.score(big)
    thread.join()
    report["killed"] = {
        "equal": got_big == expected * 6,
        "restarts": pool.restarts,
        "victim_replaced": victim not in pool.pids and len(pool.pids) == 3,
    }
    parent_pids = pool.pids

    # Per-sample calls from many threads at once (verl's reward threads call compute_score per sample).
    singles: list[Any] = [None] * 200
    def one(index: int) -> None:
        singles[index] = pool.score([batch[index]])[0]
    callers = [threading.Thread(target=one, args=(index,)) for index in range(200)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    report["per_sample_threads_equal"] = singles == expected[:200]

    # Pickling: settings only; the copy starts its own workers on first use.
    blob = pickle.dumps(pool)
    copy = pickle.loads(blob)
    client_copy = pickle.loads(pickle.dumps(single))
    report["pickle"] = {
        "bytes": len(blob),
        "copy_pids_before_use": copy.pids,
        "client_copy_pid_before_use": client_copy.pid,
        "copy_equal": copy.score(batch[:100]) == expected[:100],
        "client_copy_equal": client_copy.score(batch[:20]) == expected[:20],
        "copy_pids_disjoint": not set(copy.pids) & set(parent_pids),
    }
    copy.close()
    client_copy.close()

    # fork: the child inherits the parent's started pool and client.
    forked = in_child("fork", pool, batch[:200])
    forked_client = in_child("fork", single, batch[:50])
    report["fork"] = {
        "error": forked["error"] or forked_client["error"],
        "pool_equal": forked["results"] == expected[:200],
        "client_equal": forked_client["results"] == expected[:50],
        "child_pids_disjoint": not set(forked["worker_pids"]) & set(parent_pids) and forked_client["worker_pids"] != [single_pid],
        "exitcodes": [forked["exitcode"], forked_client["exitcode"]],
    }
    # The parent's workers were neither used nor disturbed by the children.
    report["parent_after_fork"] = {
        "pool_pids_unchanged": pool.pids == parent_pids,
        "client_pid_unchanged": single.pid == single_pid,
        "pool_equal": pool.score(batch) == expected,
        "client_equal": single.score(batch[:50]) == expected[:50],
    }

    # spawn: the pool travels pickled.
    spawned = in_child("spawn", pool, batch[:200])
    report["spawn"] = {
        "error": spawned["error"],
        "pool_equal": spawned["results"] == expected[:200],
        "child_pids_disjoint": not set(spawned["worker_pids"]) & set(parent_pids),
        "exitcode": spawned["exitcode"],
    }

    # The default client becomes a pool with ABSTAIN_REWARD_WORKERS.
    os.environ["ABSTAIN_REWARD_WORKERS"] = "2"
    abstain_reward.configure(cli_path=cli)
    default = abstain_reward.get_client()
    report["default"] = {
        "kind": type(default).__name__,
        "workers": getattr(default, "workers", 1),
        "equal": default.score(batch[:40]) == expected[:40],
    }
    os.environ["ABSTAIN_REWARD_WORKERS"] = "zero"
    abstain_reward.configure(cli_path=cli)
    try:
        abstain_reward.get_client()
        report["bad_env"] = "no error"
    except abstain_reward.RewardWorkerError as error:
        report["bad_env"] = str(error)
    del os.environ["ABSTAIN_REWARD_WORKERS"]

    report["ray_like"] = ray_like(cli)

    everyone = pool.pids + [single.pid or 0] + list(getattr(default, "pids", []))
    pool.close()
    single.close()
    default.close()
    time.sleep(0.2)
    report["left_running"] = [pid for pid in everyone if pid and alive(pid)]
    report["seconds"] = round(time.monotonic() - started, 1)
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()
