"""Synthetic reading lists for benchmarks: Chinese and English text, realistic sizes."""

from __future__ import annotations

import random
from pathlib import Path

import orjson

EN_WORDS = (
    "attention transformer cache sparse efficient scaling language model vision diffusion retrieval "
    "reasoning alignment preference quantization low-rank adapter memory inference decoding speculative "
    "benchmark evaluation multimodal agent planning graph contrastive distillation pruning mixture experts "
    "long context tokenizer embedding kernel gradient optimizer curriculum synthetic data robust privacy"
).split()
ZH_WORDS = (
    "注意力 缓存 稀疏 高效 缩放 语言模型 视觉 扩散 检索 推理 对齐 偏好 量化 低秩 适配器 内存 解码 投机 基准 "
    "评估 多模态 智能体 规划 对比学习 蒸馏 剪枝 专家混合 长上下文 嵌入 梯度 优化器 合成数据 鲁棒 隐私 论文 提出 方法 实验 表明"
).split()
TAGS = [f"{a}-{b}" for a in ("kv", "moe", "rl", "cv", "nlp", "peft", "rag", "llm") for b in ("cache", "core", "eval", "data", "scale")]


def make_library(n: int, seed: int = 7, lists: int = 10, sections: int = 8) -> list[dict]:
    rng = random.Random(seed)
    per_list = max(1, n // lists)
    docs = []
    k = 0
    for li in range(lists):
        secs = []
        count = per_list if li < lists - 1 else n - per_list * (lists - 1)
        per_sec = max(1, count // sections)
        for si in range(sections):
            m = per_sec if si < sections - 1 else count - per_sec * (sections - 1)
            papers = []
            for _ in range(m):
                k += 1
                yymm = f"{18 + (k % 7):02d}{1 + (k % 12):02d}"
                number = k % 100_000
                title = " ".join(rng.choice(EN_WORDS) for _ in range(rng.randint(5, 12))).capitalize()
                if k % 5 == 0:
                    title += " " + "".join(rng.choice(ZH_WORDS) for _ in range(3))
                summary = "，".join("".join(rng.choice(ZH_WORDS) for _ in range(6)) for _ in range(6)) + "。"
                summary += " " + " ".join(rng.choice(EN_WORDS) for _ in range(12)) + "."
                papers.append(
                    {
                        "arxiv": f"{yymm}.{number:05d}",
                        "title": title,
                        "summary": summary,
                        "tags": rng.sample(TAGS, 3),
                        "links": [{"label": "arXiv", "url": f"https://arxiv.org/abs/{yymm}.{k:05d}"}],
                    }
                )
            secs.append({"title": f"第{si + 1}节 Section {si + 1}", "papers": papers})
        docs.append({"title": f"Synthetic list {li + 1} 合成列表", "sections": secs})
    return docs


def write_library(n: int, directory: Path, seed: int = 7) -> Path:
    """One file holding all ``n`` papers as one reading list with many sections."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"synthetic-{n}.json"
    if not path.exists():
        docs = make_library(n, seed, lists=1, sections=max(1, min(200, n // 500)))
        doc = docs[0]
        doc["title"] = f"Synthetic {n} 合成"
        path.write_bytes(orjson.dumps(doc))
    return path
