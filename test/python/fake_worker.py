"""A worker that speaks the protocol's ready line and then misbehaves in one way (argv[1]):

ok            answers every request correctly (reward 2, or the sample's own id echoed)
too_few       one result fewer than samples          too_many      one result more
garbage       a line that is not JSON instead of an answer
nan / inf     a reward of NaN / Infinity              out_of_range  a reward of 5 (range [0, 2])
wrong_order   the results of a batch reversed         no_results    {"id"} with nothing else
no_components a result without components             null_id_error an error line with id null
silence       reads every line, answers none          stops_reading never reads stdin again
dies_mid_batch  answers the first request, then exits 1 (only in its first life: argv[2] marks it)
never_ready   prints nothing and sleeps               exits_at_start  writes stderr and exits 3
"""

import json
import math
import os
import sys
import time

mode = sys.argv[1]
marker = sys.argv[2] if len(sys.argv) > 2 else ""

if mode == "never_ready":
    time.sleep(120)
    sys.exit(0)
if mode == "exits_at_start":
    sys.stderr.write("first line of the failure\n" * 3 + "the model file is missing\n")
    sys.stderr.flush()
    sys.exit(3)

out = sys.stdout
out.write(json.dumps({"ready": True, "version": "fake", "models": [], "device": "cpu", "rewardRange": [0, 2]}) + "\n")
out.flush()

if mode == "stops_reading":
    time.sleep(120)
    sys.exit(0)

first_life = marker != "" and not os.path.exists(marker)
answered = 0


def result(sample, reward=2.0):
    body = {"reward": reward, "components": {"format": 1, "answer": 1, "abstention": 0, "clarification": 0}, "reason": "answer-correct"}
    if "id" in sample:
        body["id"] = sample["id"]
    return body


for line in sys.stdin:
    request = json.loads(line)
    samples = request.get("samples") or [request.get("sample")]
    results = [result(sample) for sample in samples]
    answer = {"id": request["id"], "results": results}
    if mode == "silence":
        continue
    if mode == "dies_mid_batch" and first_life and answered >= 1:
        open(marker, "w").close()
        sys.stderr.write("fake worker: dying mid-batch\n")
        sys.stderr.flush()
        os._exit(1)
    if mode == "too_few":
        answer["results"] = results[:-1]
    elif mode == "too_many":
        answer["results"] = results + [result({})]
    elif mode == "garbage":
        out.write("Loading model... done\n")
        out.flush()
        continue
    elif mode == "nan":
        results[0]["reward"] = math.nan
    elif mode == "inf":
        results[0]["reward"] = math.inf
    elif mode == "out_of_range":
        results[0]["reward"] = 5
    elif mode == "wrong_order":
        answer["results"] = results[::-1]
    elif mode == "no_results":
        answer = {"id": request["id"]}
    elif mode == "no_components":
        del results[0]["components"]
    elif mode == "null_id_error":
        answer = {"id": None, "error": {"code": "invalid_json", "message": "Line is not valid JSON."}}
    out.write(json.dumps(answer) + "\n")
    out.flush()
    answered += 1
