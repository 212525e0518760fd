"""Shared by the driver scripts: import the adapter module and record what reaches the worker."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "docs", "integrations", "python"))

import abstain_reward  # noqa: E402

RESPONSE = {
    "right": "3 boxes of 4 is 12.\n</thinking>\n<answer>\n\\boxed{12}\n</answer>",
    "wrong": "3 + 4 = 7.\n</thinking>\n<answer>\n\\boxed{7}\n</answer>",
    "idk": "The speed is not given.\n</thinking>\n<answer>\n\\boxed{I don't know.}\n</answer>",
    "broken": "<answer>\\boxed{12}</answer>",
}


class Recorder:
    """Wraps the default client and keeps every sample sent, so tests can see which fields arrived."""

    def __init__(self) -> None:
        self.samples: list[dict[str, Any]] = []

    def _real(self) -> abstain_reward.RewardClient:
        return ORIGINAL_GET_CLIENT()

    def score(self, samples):  # type: ignore[no-untyped-def]
        self.samples.extend(samples)
        return self._real().score(samples)

    def rewards(self, samples):  # type: ignore[no-untyped-def]
        self.samples.extend(samples)
        return self._real().rewards(samples)


ORIGINAL_GET_CLIENT = abstain_reward.get_client
RECORDER = Recorder()
abstain_reward.get_client = lambda: RECORDER  # type: ignore[assignment]


def error_of(call) -> str:  # type: ignore[no-untyped-def]
    try:
        call()
    except abstain_reward.RewardInputError as error:
        return f"RewardInputError: {error}"
    return "no error"


def emit(result: dict[str, Any]) -> None:
    result["samples"] = RECORDER.samples
    sys.stdout.write(json.dumps(result) + "\n")
