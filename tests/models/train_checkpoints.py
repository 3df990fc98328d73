"""A small train.py run and its checkpoints, for the checkpoint-config tests."""

import dataclasses

from exedec_tf.models import paper_config
from exedec_tf.models.config import uniform_bucket_fields
from exedec_tf.models.flax_checkpoint import write_flax_checkpoint
from exedec_tf.models.train_hparams import TrainHparams, format_hparam_str

# A non-standard run: 2 layers, 2 heads, width 64, 8 buckets.
SMALL = TrainHparams(
    attention_dropout_rate=0.0,
    aligned_relative_attention=False,
    dropout_rate=0.05,
    experiment="COMPOSE_NEW_OP",
    embedding_dim=64,
    hidden_dim=96,
    lr=0.001,
    max_distance=16,
    max_program_cross_embed_distance=40,
    num_position_buckets=8,
    seed=3,
    synthesizer_corrupted_next_part_rate=0.0,
    use_relative_attention=True,
)


def small_config(domain="robustfill", model_type="synthesizer_model", **changes):
    """What train.py builds for SMALL (its flags spelled out)."""
    h = dataclasses.replace(SMALL, **changes)
    nb, md = h.num_position_buckets, h.max_distance
    return paper_config(
        domain,
        model_type,
        emb_dim=h.embedding_dim,
        qkv_dim=h.embedding_dim,
        mlp_dim=h.hidden_dim,
        num_heads=2,
        num_layers=2,
        dropout_rate=h.dropout_rate,
        attention_dropout_rate=h.attention_dropout_rate,
        use_relative_attention=h.use_relative_attention,
        **uniform_bucket_fields(nb, md, h.max_program_cross_embed_distance),
        aligned_relative_attention=h.aligned_relative_attention,
    ), h


def write_train_checkpoint(root, domain, model_type, hparams, params, steps=(0,)):
    """Writes checkpoints where train.py puts them; returns the hparam dir."""
    folder = root / domain / model_type / "checkpoints" / format_hparam_str(hparams)
    for step in steps:
        write_flax_checkpoint(folder / f"checkpoint_{step}", params, step=step)
    return folder
