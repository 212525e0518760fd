"""RewardClient failure modes with fake workers: one that never starts, one that hangs after its
ready line (timeouts, bounded retries), and a worker-side error answer."""

import json
import sys

from _common import abstain_reward

HUNG = [sys.executable, "-c", "import sys, time; print('{\"ready\": true, \"version\": \"x\", \"models\": [], \"device\": \"cpu\"}', flush=True); time.sleep(60)"]
DEAD = [sys.executable, "-c", "import sys; sys.stderr.write('cannot load the model\\n'); sys.exit(3)"]
out = {}

try:
    abstain_reward.RewardClient(DEAD, startup_timeout=20).start()
    out["dead"] = "no error"
except abstain_reward.RewardWorkerError as error:
    out["dead"] = str(error)

hung = abstain_reward.RewardClient(HUNG, timeout=0.3, max_retries=1)
try:
    hung.rewards([{"response": "x", "answerable": True, "goldAnswer": "1"}])
    out["hung"] = "no error"
except abstain_reward.RewardWorkerError as error:
    out["hung"] = str(error).splitlines()[0]
out["hung_restarts"] = hung.restarts
hung.close(timeout=1)

real = abstain_reward.RewardClient(cli_path=sys.argv[1])
try:
    real.score([{"response": "x", "answerable": False}])
    out["invalid"] = "no error"
except abstain_reward.RewardInputError as error:
    out["invalid"] = str(error)
out["reward_range"] = (real.info or {}).get("rewardRange")
out["after_error"] = real.rewards([{"response": "x</thinking><answer>\\boxed{1}</answer>", "answerable": True, "goldAnswer": "1"}])
real.close()
print(json.dumps(out))
