"""TensorFlow-native tokenizers: released strings -> token ids, per domain.

They run inside `tf.data` (no Python callbacks), so input pipelines stay fast
and TPU-friendly. Ids are the original ones (see `exedec_tf.domains`). An
unknown token maps to an out-of-vocabulary id (>= vocabulary size), which
`check_ids` turns into a clear error instead of an out-of-range embedding
lookup.
"""

import tensorflow as tf

from exedec_tf import domains

EOS_ID = 2


def _table(tokens: list[str], ids: list[int], oov_id: int) -> tf.lookup.StaticHashTable:
    init = tf.lookup.KeyValueTensorInitializer(
        tf.constant(tokens, tf.string), tf.constant(ids, tf.int64)
    )
    # Unknown tokens get one id past the vocabulary, which check_ids rejects.
    return tf.lookup.StaticHashTable(init, default_value=oov_id)


class Tokenizer:
    """Token-id conversion of one domain's specs and programs.

    Args:
      domain: a domain name (`exedec_tf.domains.names()`).

    Attributes:
      spec_vocab_size / program_vocab_size: sizes including padding id 0.
    """

    def __init__(self, domain: str):
        self.domain = domains.get(domain)
        self.name = self.domain.name
        spec = self.domain.spec_text_tokens()
        self.spec_vocab_size = max(self.domain.spec_vocab) + 1
        self.program_vocab_size = max(self.domain.program_vocab) + 1
        self._spec = _table(list(spec), list(spec.values()), self.spec_vocab_size)
        self.separator = self.domain.spec_separator

    def _split(self, strings: tf.Tensor) -> tf.RaggedTensor:
        if self.domain.spec_tokens_are_characters:
            return tf.strings.unicode_split(strings, "UTF-8")
        # Single-space split; padding `''` entries give no tokens.
        pieces = tf.strings.split(strings, sep=" ")
        return tf.ragged.boolean_mask(pieces, tf.not_equal(pieces, ""))

    def spec_ids(self, strings: tf.Tensor) -> tf.RaggedTensor:
        """Ids of spec strings: `[...]` strings -> ragged `[..., (tokens)]` int32."""
        tokens = self._split(strings)
        return tf.cast(tf.ragged.map_flat_values(self._spec.lookup, tokens), tf.int32)

    def joined_spec_ids(self, strings: tf.Tensor) -> tf.Tensor:
        """Ids of the examples' strings joined by the separator, then EOS."""
        joined = tf.strings.reduce_join(strings, separator=self.separator)
        ids = self.spec_ids(joined)
        return tf.concat([ids, [EOS_ID]], axis=0)

    def program_ids(self, program: tf.Tensor, drop_lhs: bool = False) -> tf.Tensor:
        """Ids of a program (or program part) string, then EOS.

        Programs are `|`-joined id lists (`program_text_is_ids`, RobustFill)
        or token text (DeepCoder). `drop_lhs` is for a step's program part:
        it drops the domain's `program_part_prefix_tokens` (DeepCoder's
        `xK =`; none in RobustFill), which the models do not predict.
        """
        if self.domain.program_text_is_ids:
            pieces = tf.strings.split(tf.strings.regex_replace(program, r"\|", " "))
            ids = tf.strings.to_number(pieces, tf.int32)
        else:
            ids = tf.cast(
                self._spec.lookup(tf.strings.split(program, sep=" ")), tf.int32
            )
        if drop_lhs:
            ids = ids[self.domain.program_part_prefix_tokens :]
        return tf.concat([ids, [EOS_ID]], axis=0)

    def check_ids(self, ids, vocab_size: int, what: str):
        """Asserts every id is < vocab_size (an unknown token otherwise)."""
        flat = ids.flat_values if isinstance(ids, tf.RaggedTensor) else ids
        return tf.debugging.assert_less(
            flat,
            tf.constant(vocab_size, flat.dtype),
            message=f"{self.name} {what}: unknown token (id >= {vocab_size})",
        )
