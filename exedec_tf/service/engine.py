"""The served models and one run of the batched ExeDec loop over a batch."""

import dataclasses

from exedec_tf.domains.base import Domain
from exedec_tf.synthesis import model_calls
from exedec_tf.synthesis.baseline import run_baseline
from exedec_tf.synthesis.beam_model import BeamSearchModel
from exedec_tf.synthesis.loop import run_exedec
from exedec_tf.synthesis.options import LoopOptions
from exedec_tf.synthesis.records import Problem, ProblemResult
from exedec_tf.synthesis.user_examples import SynthesisReport, report_from_result

METHODS = ("separate", "joint", "baseline")


@dataclasses.dataclass(frozen=True)
class Outcome:
    """One problem's loop result and its report."""

    result: ProblemResult
    report: SynthesisReport


class Engine:
    """The models of one method for one domain, and how to run a batch.

    Only the batcher's worker thread calls `run`, so the models are never
    used by two threads at once.

    Args:
      domain: the domain the models were trained for.
      models: keyword arguments as `synthesis.loading.load_models` and
        `exedec_tf.presets.load` return them: `spec_decomposer` and
        `synthesizer` (separate), the joint model as `synthesizer` (joint),
        or `baseline`.
      method: "separate", "joint" or "baseline".
      options: loop flags other than the beam size (default: the
        original's); `prediction_type` follows `method`.

    Raises:
      ValueError: an unknown method or models that do not fit it.
      ModelMismatchError: the models disagree on E or L.
    """

    def __init__(
        self,
        domain: Domain,
        models: dict[str, BeamSearchModel],
        method: str,
        options: LoopOptions | None = None,
    ):
        needed = {
            "separate": {"spec_decomposer", "synthesizer"},
            "joint": {"synthesizer"},
            "baseline": {"baseline"},
        }
        if method not in needed:
            raise ValueError(f"method must be one of {METHODS}, got {method!r}")
        if set(models) != needed[method]:
            raise ValueError(
                f"method {method!r} takes the models {sorted(needed[method])}, "
                f"got {sorted(models)}"
            )
        self.domain = domain
        self.models = dict(models)
        self.method = method
        options = LoopOptions() if options is None else options
        if method != "baseline":
            options = dataclasses.replace(options, prediction_type=method)
        self.options = options
        self.num_examples, self.spec_length = model_calls.check_models(
            list(self.models.values())
        )

    def run(self, problems: list[Problem], beam_size: int, pad_to: int) -> list:
        """Runs the problems together; one `Outcome` per problem, in order.

        Args:
          problems: the batch.
          beam_size: K for all of them.
          pad_to: the model calls' batch size (>= len(problems)); a few fixed
            sizes keep compiled searches from being rebuilt per batch size.
        """
        if beam_size != self.options.beam_size:
            options = dataclasses.replace(self.options, beam_size=beam_size)
        else:
            options = self.options
        batch_size = max(pad_to, len(problems))
        if self.method == "baseline":
            results = run_baseline(
                problems, self.domain, self.models["baseline"], beam_size, batch_size
            )
        else:
            results = run_exedec(
                problems,
                self.domain,
                self.models["synthesizer"],
                self.models.get("spec_decomposer"),
                options,
                batch_size=batch_size,
            )
        return [
            Outcome(r, report_from_result(p, self.domain, r))
            for p, r in zip(problems, results, strict=True)
        ]
