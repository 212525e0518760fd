"""RewardClient against a fake worker that misbehaves in each way (see fake_worker.py). For every
mode: the error (type and first line), how long the call took, and the worker restarts. argv[1] is a
scratch folder. Prints one JSON object; the worst time goes to stderr."""

import json
import os
import sys
import time

from _common import abstain_reward

HERE = os.path.dirname(os.path.abspath(__file__))
FAKE = os.path.join(HERE, "fake_worker.py")
scratch = sys.argv[1]
TIMEOUT = 1.0


def samples(count, size=0):
    return [{"id": f"s{i}", "response": "x" * size, "answerable": True, "goldAnswer": "1"} for i in range(count)]


def run(mode, batch, **client_args):
    marker = os.path.join(scratch, f"{mode}.died")
    client = abstain_reward.RewardClient(
        [sys.executable, FAKE, mode, marker], timeout=TIMEOUT, max_retries=1, startup_timeout=3, **client_args
    )
    started = time.monotonic()
    outcome = {}
    try:
        outcome["rewards"] = client.rewards(batch)
        outcome["error"] = None
    except (abstain_reward.RewardWorkerError, abstain_reward.RewardInputError) as error:
        outcome["error"] = f"{type(error).__name__}: {error}"
    outcome["seconds"] = round(time.monotonic() - started, 3)
    outcome["restarts"] = client.restarts
    if outcome["error"] is not None and mode not in ("never_ready", "exits_at_start"):
        # After a failure the same client must still work against a healthy worker.
        client.command = [sys.executable, FAKE, "ok"]
        try:
            outcome["after"] = client.rewards(samples(2))
        except abstain_reward.RewardWorkerError as error:
            outcome["after"] = f"{type(error).__name__}: {error}"
    client.close(timeout=2)
    return outcome


out = {}
for mode in ("ok", "too_few", "too_many", "garbage", "nan", "inf", "out_of_range", "wrong_order", "no_results",
             "no_components", "null_id_error", "silence", "dies_mid_batch", "never_ready", "exits_at_start"):
    # Two samples per request, so a worker can die between the requests of one call.
    out[mode] = run(mode, samples(10), chunk_size=2)
# A batch far larger than the pipe buffer, to a worker that stopped reading: the write itself would block.
out["stops_reading"] = run("stops_reading", samples(40, 20_000), chunk_size=40)

MISSING = "/nonexistent/abstain-reward/dist/cli.js"
for name, make in (
    ("missing_cli", lambda: abstain_reward.RewardClient(cli_path=MISSING)),
    ("missing_cli_env", lambda: abstain_reward.RewardClient(env={})),
):
    os.environ["ABSTAIN_REWARD_CLI"] = MISSING
    started = time.monotonic()
    try:
        make().start()
        out[name] = {"error": None}
    except abstain_reward.RewardWorkerError as error:
        out[name] = {"error": f"{type(error).__name__}: {error}", "seconds": round(time.monotonic() - started, 3)}

real_which = abstain_reward.shutil.which
abstain_reward.shutil.which = lambda _name: None
try:
    abstain_reward.RewardClient(["node", "cli.js", "worker"]).start()
    out["no_node"] = {"error": None}
except abstain_reward.RewardWorkerError as error:
    out["no_node"] = {"error": f"{type(error).__name__}: {error}"}
finally:
    abstain_reward.shutil.which = real_which

worst = max((value.get("seconds", 0), key) for key, value in out.items())
sys.stderr.write(f"misbehaving-worker table: worst {worst[0]:.3f} s ({worst[1]})\n")
print(json.dumps(out))
