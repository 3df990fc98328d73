"""The original's `hparam_str`: the name of one checkpoint directory.

`train.py` joins `short=value` pairs, in a fixed order, with commas, writing
each value with Python's `str()` (`True`, `0.1`, `0.0002`).
"""

# (short name, train.py flag), in the order train.py writes them.
HPARAM_KEYS = (
    ("adr", "attention_dropout_rate"),
    ("ara", "aligned_relative_attention"),
    ("dr", "dropout_rate"),
    ("e", "experiment"),
    ("ed", "embedding_dim"),
    ("hd", "hidden_dim"),
    ("l", "lr"),
    ("md", "max_distance"),
    ("mpced", "max_program_cross_embed_distance"),
    ("npb", "num_position_buckets"),
    ("s", "seed"),
    ("scnpr", "synthesizer_corrupted_next_part_rate"),
    ("ura", "use_relative_attention"),
)
_SHORT = tuple(short for short, _ in HPARAM_KEYS)


def hparam_string(values: dict) -> str:
    """`adr=0.1,ara=True,...` from values keyed by short name.

    Raises:
      ValueError: a short name is missing or unknown.
    """
    missing = [k for k in _SHORT if k not in values]
    unknown = sorted(set(values) - set(_SHORT))
    if missing or unknown:
        raise ValueError(
            f"hparam values must have exactly the keys {_SHORT}; "
            f"missing {missing}, unknown {unknown}"
        )
    return ",".join(f"{k}={values[k]}" for k in _SHORT)


def parse_hparam_string(text: str) -> dict[str, str]:
    """The `short: value` pairs of a directory name (values kept as text).

    Raises:
      ValueError: a part without `=`, or a repeated key.
    """
    pairs = {}
    for part in text.strip("/").split(","):
        key, sep, value = part.partition("=")
        if not sep or not key:
            raise ValueError(f"{text!r} is no hparam string (part {part!r})")
        if key in pairs:
            raise ValueError(f"{text!r} repeats the hparam {key!r}")
        pairs[key] = value
    return pairs
