"""Calls trl_reward_func exactly as TRL's GRPOTrainer does (keyword arguments, dataset columns as
lists, plus trainer_state / completion_ids / logging extras), standard and conversational formats."""

from _common import RESPONSE, abstain_reward, emit, error_of


class TrainerState:  # what TRL passes as trainer_state
    global_step = 3


PROMPT = "Question: 3 boxes of 4 apples, how many apples? Let's think step by step, <thinking>"
completions = [RESPONSE["right"], RESPONSE["wrong"], RESPONSE["idk"], RESPONSE["broken"]]
columns = {
    "answerable": [True, True, False, True],
    "gold_answer": ["12", "12", None, "12"],
    "missing_facts": [None, None, ["the speed of the train"], None],
    "reference_clarification": [None, None, "The speed is missing.", None],
}
standard = abstain_reward.trl_reward_func(
    prompts=[PROMPT] * 4,
    completions=completions,
    completion_ids=[[1, 2, 3]] * 4,
    trainer_state=TrainerState(),
    **columns,
)

conversational = abstain_reward.trl_reward_func(
    prompts=[[{"role": "user", "content": PROMPT}]] * 3,
    completions=[
        [{"role": "assistant", "content": RESPONSE["right"]}],
        [{"role": "assistant", "content": [{"type": "text", "text": RESPONSE["wrong"]}]}],
        [{"role": "assistant", "content": RESPONSE["idk"]}],
    ],
    completion_ids=[[1]] * 3,
    trainer_state=TrainerState(),
    # Abstain-R1 data's own column names
    should_abstain=[False, False, True],
    answer=["12", "12", None],
    clarification=[None, None, "The speed of the train is not given."],
)

missing_annotation = error_of(
    lambda: abstain_reward.trl_reward_func(prompts=[PROMPT], completions=[RESPONSE["idk"]], answerable=[False])
)
missing_flag = error_of(lambda: abstain_reward.trl_reward_func(prompts=[PROMPT], completions=[RESPONSE["right"]], gold_answer=["12"]))
emit({"standard": standard, "conversational": conversational, "missing_annotation": missing_annotation, "missing_flag": missing_flag})
