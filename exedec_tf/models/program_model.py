"""Common base of the three model types whose targets are programs."""

from exedec_tf.models.exedec_transformer import ExeDecTransformer


class ProgramModel(ExeDecTransformer):
    """An ExeDec model whose targets are program tokens.

    Base of Synthesizer, JointModel and BaselineModel: their targets have no
    per-example parts, so aligned cross-attention is rejected.
    """

    @classmethod
    def check_config(cls, config) -> None:
        if config.aligned_relative_attention:
            raise ValueError(
                "aligned_relative_attention is only for the SpecDecomposer; "
                f"{cls.__name__} targets have no per-example parts"
            )
