"""Reliability of RewardClient: the worker is SIGKILLed mid-stream (argv: cli path, count) and every
request must still be answered exactly once with the right reward."""

import json
import os
import signal
import sys
import threading
import time

from _common import RESPONSE, abstain_reward

cli, count = sys.argv[1], int(sys.argv[2])
samples = [
    {"id": f"s{i}", "response": RESPONSE["right"] if i % 3 else RESPONSE["wrong"], "answerable": True, "goldAnswer": "12"}
    for i in range(count)
]
expected = [2.0 if i % 3 else 1.0 for i in range(count)]
client = abstain_reward.RewardClient(cli_path=cli, chunk_size=16, timeout=60)
client.start()
first_pid = client.pid
kills = []


done = threading.Event()


def killer() -> None:
    # Twice: wait until requests are in flight and some (not all) are answered, then SIGKILL the worker.
    for _ in range(2):
        while not done.is_set():
            pending = list(client._pending.values())
            answered = sum(p.response is not None for p in pending)
            if 0 < answered < len(pending):
                break
            time.sleep(0.0005)
        pid = client.pid
        if done.is_set() or pid is None:
            return
        os.kill(pid, signal.SIGKILL)
        kills.append(pid)
        while client.pid in (None, pid) and not done.is_set():
            time.sleep(0.001)


threading.Thread(target=killer, daemon=True).start()
results = client.score(samples)
done.set()
client.close()
ids = [result["id"] for result in results]
print(json.dumps({
    "ok": [result["reward"] for result in results] == expected and ids == [s["id"] for s in samples],
    "count": len(results),
    "kills": len(kills),
    "restarts": client.restarts,
    "first_pid_killed": first_pid in kills,
}))
