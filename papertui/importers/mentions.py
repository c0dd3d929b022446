"""One title per paper, chosen from every mention of it in the article.

An article often names a paper more than once: a heading with a nickname ("MARCH: 多智能体…"), a
table of contents, a recap, a reference list at the end with the full English title. Each kept
paper's title is its own item's, unless another mention is a fuller form of the same title:

- another mention of the same arXiv id that is English where the item's title is mostly a Chinese
  gloss, or that the item's title (or its nickname) begins, or whose words it mostly has;
- a titled line without any id (a reference list, a recap by name) that the item's title, or its
  nickname before ":" / "(", begins, or whose capitals spell the nickname ("WORC" for "Weak-Link
  Optimization for … Reasoning and Collaboration"); used only when exactly one line matches.

A mention that is not title-like (a sentence, an author list, a label) is never a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..arxiv_ids import ARTICLE_CACHE, normalize
from . import ImportedPaper
from .lines import _is_label, _title_like
from .shapes import AUTHOR_LINE_RE, CJK_RE, UPPER_RE, Spaced
from .titles import _latin_share, nickname, nickname_title

TOKEN_STRIP = ".,:;!?()[]{}\"'“”‘’*_`：（）"
NICK_RE = re.compile(r"^(?P<nick>[^:：(（]{2,60}?)(?:\s*(?:[:：]\s*|[(（])|\s+[—–]{1,2}\s*|\s+-\s+)(?P<rest>.*)$")
NOTE_RE = Spaced(r"\s*[(（][^()（）]{1,30}[)）]\s*$")  # "Discover and Prove (DAP)"
ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9]{2,9}$")
NOTE_SEP_RE = re.compile(r"\s+[·•|‖]\s+")  # "Title · 161 stars", "Title | code": a mention's note after it
_NOTE_SEPS = frozenset("·•|‖")  # (a title without one has no note to cut)
MAX_WORDS = 30


@lru_cache(maxsize=ARTICLE_CACHE)
def _tokens(text: str) -> tuple[str, ...]:
    """The words of ``text`` casefolded, without the punctuation around them (cached: choose_titles compares each
    paper's title with up to 200 candidates, and each candidate with many papers)."""
    return tuple(t for t in (w.strip(TOKEN_STRIP) for w in text.casefold().replace("：", "： ").split()) if t)


def _extends(words: tuple[str, ...], cand: str, cwords: tuple[str, ...], same_id: bool) -> bool:
    """``cand`` begins with ``words`` and goes on with words, not a version ("LLaMA" is not "LLaMA 3.3"); a
    one-word name is extended by a line with no id of its own only after a ':' or a dash ("LACE: Lattice …")."""
    n = len(words)
    if not n or len(cwords) <= n or cwords[:n] != words or cwords[n][:1].isdigit():
        return False
    more = next((w for w in cwords[n:] if w not in ("-", "–", "—")), "")
    if not more[:1].isalpha():
        return False  # what follows is a note ("· 161 stars", "| code"), not more of the title
    if n >= 2 or same_id:
        return True
    raw = [w for w in cand.split() if w.strip(TOKEN_STRIP)]
    return raw[0].endswith((":", "：")) or raw[1] in ("-", "–", "—")


@lru_cache(maxsize=4096)
def _candidate(title: str) -> bool:
    """A mention that may give a paper its title: an English title or a name ("Voyager"), not prose, an author
    list or a label."""
    words = title.split()
    return (
        (len(words) >= 2 or (len(title) >= 3 and UPPER_RE.search(title) is not None)) and len(words) <= MAX_WORDS
        and _title_like(title.rstrip("?？")) and _latin_share(title) >= 0.8  # (a title may ask: "Can X Do Y?")
        and not _is_label(title) and not AUTHOR_LINE_RE.match(title) and "://" not in title
        and normalize(title) is None  # (not "arXiv:2401.00001", a paper without a title of its own)
    )


@lru_cache(maxsize=ARTICLE_CACHE)
def _parts(title: str) -> tuple[tuple[str, ...], str, bool]:
    """The title's Latin words without a trailing note, its nickname (before ':' or '('), and whether what
    follows the nickname is only a gloss or a note (no words of the title itself); cached as :func:`_tokens`."""
    plain = NOTE_RE.sub("", title)
    m = NICK_RE.match(title)
    nick, glossed = "", False
    if m and _latin_share(m.group("nick")) >= 0.8 and len(m.group("nick").split()) <= 4:
        nick = m.group("nick").strip()
        rest = m.group("rest")
        glossed = not rest.strip(" )）") or (CJK_RE.search(rest) is not None and _latin_share(rest) < 0.5) or (
            title[m.end("nick") :].lstrip()[:1] in "(（" and NOTE_RE.search(title) is not None
        )
    return _tokens(plain), nick, glossed


def _spells(acronym: str, words: Sequence[str]) -> bool:
    """``WORC`` by the initials of ``weak-link optimization for multi-agent reasoning and collaboration``,
    in order, from the first word on (words may be skipped)."""
    parts = [p for w in words for p in w.split("-") if p]
    if not parts or parts[0][:1] != acronym[0].lower():
        return False
    k = 0
    for p in parts:
        if k < len(acronym) and p[:1] == acronym[k].lower():
            k += 1
    return k == len(acronym)


def _fuller(title: str, cand: str, same_id: bool) -> bool:
    """Whether ``cand`` is a fuller form of ``title`` (see the module's text)."""
    latin = _latin_share(title)
    if same_id and latin < 0.5:
        return True  # a Chinese gloss, the English title (or name: "Voyager") of the same paper
    words, nick, glossed = _parts(title)
    cwords = _tokens(cand)
    if len(cwords) <= len(words) and not glossed:
        return False
    if len(words) >= 2 and cand[-1:] in ")）" and _tokens(NOTE_RE.sub("", cand)) == words:
        return False  # the same title with a name after it, "Title (HaluMem)" (a reference list's): a note, no more title
    if latin >= 0.8 and _extends(words, cand, cwords, same_id):
        return True  # "Experience Compression Spectrum" -> "Experience Compression Spectrum: Unifying …"
    if same_id and latin >= 0.8 and (nick := nickname(title)) == title and nickname_title(nick, cand)[0]:
        return True  # the same paper's nickname ("DETR", "Prompt Tuning") -> its full English title elsewhere
    if nick and glossed:
        if _extends(_tokens(nick), cand, cwords, same_id):
            return True  # "SocialGrid: 多智能体社交推理基准" -> "SocialGrid: A Benchmark for …"
        if ACRONYM_RE.match(nick) and _spells(nick, cwords):
            return True  # "WORC: 弱环优化框架" -> "Weak-Link Optimization for … Reasoning and Collaboration"
    if latin >= 0.8 and len(words) >= 3 and cwords[:2] == words[:2] and len(cwords) > len(words):
        have = set(cwords)
        return sum(w in have for w in words) >= 0.75 * len(words)  # "Graphs, LLMs, and Agents" -> "…Large Language Models…"
    return False


def choose_titles(entries: list[tuple[str, ImportedPaper]], mentions: list[tuple[str, str | None]]) -> None:
    """Give each paper of ``entries`` the fullest form of its title among ``mentions`` ((title, arXiv id or
    None) for every item and related link of the article), in place. Linear: candidates are looked up by id,
    by first word, and (for an acronym) by first letter."""
    taken = {p.title.casefold() for _s, p in entries}
    seen: dict[str, int] = {}
    for _title, arxiv in mentions:
        if arxiv:
            seen[arxiv] = seen.get(arxiv, 0) + 1
    by_id: dict[str, list[str]] = {}  # (only ids mentioned more than once: else the item's own title is the one)
    by_word: dict[str, list[str]] = {}
    by_letter: dict[str, list[str]] = {}
    mentions = [(NOTE_SEP_RE.split(title, 1)[0] if not _NOTE_SEPS.isdisjoint(title) else title, arxiv)
                for title, arxiv in mentions]
    for title, arxiv in mentions:
        if arxiv and seen[arxiv] > 1:
            by_id.setdefault(arxiv, []).append(title)
        elif not arxiv and title.casefold() not in taken and (words := _tokens(title[:80])):
            by_word.setdefault(words[0], []).append(title)
            by_letter.setdefault(words[0][:1], []).append(title)
    if not by_id and not by_word:
        return
    used: set[str] = set()
    for _s, p in entries:
        own = NOTE_SEP_RE.split(p.title, 1)[0]  # (compared without its note: "PlanBench-XL · 快照82票")
        best = own
        for cand in by_id.get(p.arxiv or "", []):
            if cand != best and _candidate(cand) and _fuller(best, cand, True):
                best = cand
        words = _tokens(own[:80]) if best == own and by_word else ()
        if words:
            nick = NICK_RE.match(own)
            acronym = nick is not None and ACRONYM_RE.match(nick.group("nick").strip()) is not None
            pool = by_letter.get(words[0][:1], []) if acronym else by_word.get(words[0], [])
            found = {c for c in pool[:200] if c not in used and _candidate(c) and _fuller(own, c, False)}
            if len(found) == 1:
                best = found.pop()
                used.add(best)
        if best != own:
            p.title = best.rstrip(" .…") if best.endswith(("...", "…")) else best  # (a fuller form cut short there
            # too, "Title via Keyframe Extract...": without its ellipsis, as the item's own titles are)
