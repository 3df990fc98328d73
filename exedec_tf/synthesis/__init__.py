"""The ExeDec step loop: subgoal prediction, synthesis, execution, repeat.

`run_exedec` runs the loop (separate or joint) over many problems at once;
`run_baseline` evaluates the Transformer baseline; both talk to models only
through `BeamSearchModel`.
"""

from exedec_tf.synthesis.baseline import run_baseline
from exedec_tf.synthesis.beam_model import BeamSearchModel
from exedec_tf.synthesis.loop import run_exedec
from exedec_tf.synthesis.options import NEG_INF, LoopOptions
from exedec_tf.synthesis.records import Problem, ProblemResult, SlotResult

__all__ = [
    "NEG_INF",
    "BeamSearchModel",
    "LoopOptions",
    "Problem",
    "ProblemResult",
    "SlotResult",
    "run_baseline",
    "run_exedec",
]
