"""Calls reward_func as OpenRLHF does with --remote_rm_url pointing at the .py file (positional
queries, prompts, labels; newer versions add metas=), and POSTs to /get_reward as OpenRLHF's
remote_rm_fn does when --remote_rm_url is an http URL (argv[1])."""

import json
import sys
import urllib.request

from _common import RESPONSE, abstain_reward, emit, error_of

PROMPT = "<|im_start|>user\nQuestion: 3 boxes of 4 apples?<|im_end|>\n<|im_start|>assistant\n<thinking>"
labels = [
    json.dumps({"answerable": True, "goldAnswer": "12"}),
    json.dumps({"answerable": True, "gold_answer": "12"}),
    json.dumps({"answerable": False, "missingFacts": ["the speed"]}),
]
queries = [PROMPT + RESPONSE["right"] + "<|im_end|>", "<pad><pad>" + PROMPT + RESPONSE["wrong"], PROMPT + RESPONSE["idk"]]
prompts = [PROMPT] * 3

result = abstain_reward.reward_func(queries, prompts, labels)
with_metas = abstain_reward.reward_func(queries, prompts, labels, metas=[{}, {}, {}])
plain_label = error_of(lambda: abstain_reward.reward_func([PROMPT + RESPONSE["right"]], [PROMPT], ["12"]))

http = None
if len(sys.argv) > 1:
    canonical = [json.dumps({"answerable": True, "goldAnswer": "12"})] * 2 + [labels[2]]
    body = json.dumps({"query": queries, "prompts": prompts, "labels": canonical}).encode()
    request = urllib.request.Request(sys.argv[1], data=body, headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        http = json.loads(response.read())

emit({"file": result, "with_metas": with_metas["rewards"], "plain_label": plain_label, "http": http})
