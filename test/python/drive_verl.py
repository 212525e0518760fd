"""Calls compute_score the way verl's NaiveRewardManager does (keyword arguments data_source,
solution_str, ground_truth, extra_info) and compute_score_batch the way BatchRewardManager does."""

import json

from _common import RESPONSE, abstain_reward, emit, error_of

single = [
    # The Abstain-R1 conversion: boxed gold in reward_model.ground_truth, the flag in extra_info.
    abstain_reward.compute_score(data_source="sum_math", solution_str=RESPONSE["right"], ground_truth="\\boxed{12}", extra_info={"is_answerable": True}),
    # Everything in extra_info; extra_info.answer (a full solution) must not win over ground_truth.
    abstain_reward.compute_score(
        data_source="gsm8k", solution_str=RESPONSE["right"], ground_truth="12",
        extra_info={"answerable": True, "answer": "3 * 4 = 12 #### 12", "index": 0},
    ),
    # ground_truth as a dict of sample fields (a parquet struct column)
    abstain_reward.compute_score(
        data_source="abstain", solution_str=RESPONSE["idk"],
        ground_truth={"answerable": False, "missing_facts": ["the speed"]}, extra_info=None,
    ),
    # ground_truth as a JSON string
    abstain_reward.compute_score(
        data_source="abstain", solution_str=RESPONSE["wrong"],
        ground_truth=json.dumps({"answerable": True, "gold_answer": ["12", "twelve"]}),
    ),
    # question_type + clarification in extra_info
    abstain_reward.compute_score(
        data_source="sum_math", solution_str=RESPONSE["idk"], ground_truth="\\boxed{-80}",
        extra_info={"question_type": "unanswerable", "clarification": "The interval is missing.", "unanswerable_question": "Find n."},
    ),
]

batch = abstain_reward.compute_score_batch(
    data_sources=["a", "a", "a"],
    solution_strs=[RESPONSE["right"], RESPONSE["broken"], RESPONSE["idk"]],
    ground_truths=["12", "12", "x"],
    extra_infos=[{"is_answerable": True}, {"is_answerable": True}, {"is_answerable": False, "missing_facts": ["the speed"]}],
)

# The reference implementation's data: clarification sat in a top-level column verl never passes on.
reference_layout = error_of(
    lambda: abstain_reward.compute_score(data_source="sum_math", solution_str=RESPONSE["idk"], ground_truth="\\boxed{-80}", extra_info={"is_answerable": False})
)
emit({"single": single, "batch": batch, "reference_layout": reference_layout})
