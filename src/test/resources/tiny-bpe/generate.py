#!/usr/bin/env python3
"""Writes tokenizer.json: a tiny byte-level BPE tokenizer in the Hugging Face `tokenizers` format.

Ids 0..255 are the 256 byte symbols (GPT-2 byte-to-unicode mapping; id = byte value), then
one id per merge in rank order, then the special tokens. Run from this directory:
python3 generate.py
"""
import json


def bytes_to_unicode():
    # GPT-2's table: printable bytes map to themselves, the rest to U+0100 and up.
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) \
        + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


BYTE = bytes_to_unicode()
MERGES = [
    ("h", "e"), ("l", "l"), ("he", "ll"), ("hell", "o"),          # hello = 259
    ("\u0120", "w"), ("o", "r"), ("\u0120w", "or"), ("\u0120wor", "l"),
    ("\u0120worl", "d"),                                           # " world" = 264
    (BYTE[0xC3], BYTE[0xA9]),                                      # "é" (C3 A9) = 265
]
SPECIAL = ["<s>", "</s>", "<|im_start|>", "<|im_end|>"]

vocab = {BYTE[b]: b for b in range(256)}
for a, b in MERGES:
    vocab[a + b] = len(vocab)
added = []
for content in SPECIAL:
    added.append({"id": len(vocab), "content": content, "single_word": False, "lstrip": False,
                  "rstrip": False, "normalized": False, "special": True})
    vocab[content] = len(vocab)
bos_id = vocab["<s>"]

byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
              "use_regex": True}
tokenizer = {
    "version": "1.0",
    "truncation": None,
    "padding": None,
    "added_tokens": added,
    "normalizer": None,
    "pre_tokenizer": byte_level,
    # Llama-style: the post-processor would add <s> when special tokens are requested.
    "post_processor": {
        "type": "TemplateProcessing",
        "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}},
                   {"Sequence": {"id": "A", "type_id": 0}}],
        "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}},
                 {"Sequence": {"id": "A", "type_id": 0}},
                 {"SpecialToken": {"id": "<s>", "type_id": 1}},
                 {"Sequence": {"id": "B", "type_id": 1}}],
        "special_tokens": {"<s>": {"id": "<s>", "ids": [bos_id], "tokens": ["<s>"]}},
    },
    "decoder": byte_level,
    "model": {
        "type": "BPE",
        "dropout": None,
        "unk_token": None,
        "continuing_subword_prefix": None,
        "end_of_word_suffix": None,
        "fuse_unk": False,
        "byte_fallback": False,
        "ignore_merges": False,
        "vocab": {k: v for k, v in vocab.items() if k not in SPECIAL},
        "merges": [a + " " + b for a, b in MERGES],
    },
}
with open("tokenizer.json", "w", encoding="utf-8") as f:
    json.dump(tokenizer, f, ensure_ascii=False, indent=2)
    f.write("\n")
