"""The shapes digest articles take, as data: patterns and words the article importer (``digest.py``)
reads lines with. A new shape is usually a word or an alternative here, not new code."""

from __future__ import annotations

import re
import sys

from ..arxiv_ids import NEW_ID, OLD_ID


class Spaced:
    """``re.compile(pattern, flags)`` for a pattern that starts with white space (``\\s*`` or ``\\s+``) before what it
    is about (" [pdf]" after a title): Python's re cannot skip ahead to where such a pattern may start, and runs all
    of it at each character (60-80 ns each, a title's worth: 5-7 us). What follows the spaces (a bracket, a word) it
    can skip to: searched alone first, finding none of it says the whole pattern finds nothing (each match of the
    whole holds one of it), and the whole's search starts at the white space before the first one found. Same results
    as the plain pattern, in a fraction of the time."""

    __slots__ = ("core", "flags", "pattern", "whole")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        lead = pattern[:3]
        assert lead in (r"\s*", r"\s+") and pattern[3:4] not in ("*", "+", "?", "{", "|"), pattern  # (one lead, then
        # what follows it: not an alternative of the whole)
        self.whole = re.compile(pattern, flags)
        self.core = re.compile(pattern[3:], flags)
        self.pattern, self.flags = pattern, self.whole.flags

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        core = self.core.search(text, pos, endpos)
        if core is None:
            return None
        start = core.start()  # (no match of the whole starts before the white space right before it)
        while start > pos and text[start - 1].isspace():  # (str.isspace is re's \s)
            start -= 1
        return self.whole.search(text, start, endpos)

    def sub(self, repl, text: str, count: int = 0) -> str:
        return self.whole.sub(repl, text, count) if self.core.search(text) else text

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.whole.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.whole.fullmatch(text, pos, endpos)


class Keyed:
    """``re.compile(pattern, flags)`` for an alternation of many sites and paths, read case-insensitively, that is
    searched for in links (``PAPER_HOST_RE``): re tries each alternative at each character (20-60 us a link). Each
    alternative holds one of ``keys`` (lower case) wherever it matches, so an ASCII text whose lower case holds none of
    them has no match and is not searched (ignoring case, an ASCII letter matches only itself in either case, or one
    of ``_FOLDED_TO_ASCII``: a text holding one of those goes to the pattern). Same results as the plain pattern (a test
    holds ``keys`` to the pattern's alternatives)."""

    __slots__ = ("flags", "keys", "pattern", "whole")

    def __init__(self, pattern: str, flags: int, keys: tuple[str, ...]) -> None:
        assert all(k == k.lower() for k in keys), keys
        self.whole = re.compile(pattern, flags)
        self.keys = keys
        self.pattern, self.flags = pattern, self.whole.flags

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if text.isascii() or _FOLDED_TO_ASCII.isdisjoint(text):
            low = text.lower()  # (the keys' characters keep their places in it: lowering another character, "İ" to
            # two, moves none inside a key)
            if not any(key in low for key in self.keys):
                return None
        return self.whole.search(text, pos, endpos)


# The characters other than ASCII that re.IGNORECASE matches to an ASCII letter ("ſ" to "s", the Kelvin sign to "k"):
# all of them, found by trying every code point against [a-z] and against each letter (a test asks again)
_FOLDED_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


ORDINAL_RE = re.compile(  # ("3.", "（3）", "第3篇", "Paper 3:", a keycap "3️⃣")
    r"""^\s*(?:第\s*)?(?![(（\[]\s*(?:19|20)[0-9]{2}\s*[)）\]])"""  # ("(2023) by ..." is a year, not a number)
    r"""[(（\[]?\s*(?P<num>[0-9０-９]{1,6})\s*(?:\ufe0f?\u20e3|[、)）\]]|[:：](?![0-9])|[.．](?![0-9])|(?<=0[0-9])[.．](?=[0-9]+[A-Za-z])|(?<=[1-9][0-9])[.．](?=[2-6]D[\s-])|\s*篇|(?:[.．][0-9]{1,3})+(?:[.．]?(?=\s)|[.．](?=[A-Z])))\s*"""
    r"""|^\s*(?:paper|论文|article|no\.?)\s*#?\s*(?P<num2>[0-9]{1,6})\s*[:：.、)]\s*"""
    r"""|^\s*(?P<circled>[\u2460-\u2473\u2776-\u277f\u2780-\u2793])\s*""",  # ("① Title", "❶", full-width "１．")
    re.IGNORECASE,
)
CIRCLED_BASES = (0x2460, 0x2776, 0x2780, 0x278A)  # ①, ❶, ➀, ➊: number 1 of each series
DOTTED_RE = re.compile(r"^\s*(?P<num>(?P<parent>[0-9]{1,3}(?:\.[0-9]{1,3})*)\.[0-9]{1,3})\s+(?=\S)")  # "1.2 X": "1"
SECTION_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．:：]|第\s*[一二三四五六七八九十百0-9]+\s*(?:部分|章|节|期|篇)|"
    r"part\s+(?:[0-9]+|[ivxlc]+)\b|week\s+of\b|section\s+[0-9]+\b|[ivx]+\.\s|"
    r"={2,}\s*[^=\s][^=]{0,58}?\s*={2,}\s*$|"  # "=== 创始论文 ===", "== Topic ==": a plain-text section line between rules
    r"[\[【](?=[^\]】]*[^\W\d_]|\s*(?:19|20)[0-9]{2}\s*[\]】])\s*[^\[\]【】()（）]{2,30}?\s*[\]】]\s*$)",  # (a word in it, or a year:
    # "[2026.05.27]" is a date, "[10]" a counter without its text; "[2024]" a year's section)
    re.IGNORECASE,
)
# A link's label in the European languages and Vietnamese (pt, es, fr, de, ru, vi): "[Artigo]", "[статья] · [код]",
# "[lien]", "[Código]", "[веса]" (a model's weights), "[bài báo]" name a link as a paper's, its code's, its site's.
PAPER_WORDS_EU = r"artigo|art[íi]culo|статья|статью|статьи|публикация|препринт|papier|bài báo|bài viết"
LINK_WORDS_EU = r"liens?|enlaces?|ligação|ссылка|ссылки|liên kết|đường dẫn"
OTHER_LABEL_WORDS_EU = (
    r"c[óo]digo(?:[- ]fonte| fuente)?|repositório|repositorio|dépôt|projeto|proyecto|projet|página|vídeo|vidéo|résumé|resumo|resumen|"
    r"код|веса|сайт|док|документация|репозиторий|проект|видео|установка|mã nguồn"
)
LABEL_WORDS = (
    r"论文地址|论文链接|文章链接|论文原文|论文|原文链接|原始链接|原始地址|原文|链接|地址|项目地址|项目主页|项目|代码地址|模型代码|源代码|源码|代码|开源地址|主页|"
    r"paper|papers|articles?|pre-?prints?|e-?prints?|link|links|arxiv|ari?xive?|arixv|pdf|abs|abstract|code|github|repo|repository|project(?: page)?|homepage|website|url|blog(?: ?posts?)?|"
    r"demo|hf|hugging ?face|alphaxiv|papers? ?with ?code|source|read(?: more)?|here|html|online|论文下载|下载|标题|title|home|"
    r"none|n/a|tbd|coming soon|暂无|论文介绍|论文简介|简介|内容摘要|摘要|内容简介|tl;?dr|summary|summari[sz]e|论文详解|论文解读|解读|详解|解析|详情|详细总结|笔记|notes?|slides?|ppt|video|recording|讲义|幻灯片|视频|"
    r"論文リンク|論文タイトル|論文紹介|論文解説|論文メモ|論文|リンク|ソースコード|コード|タイトル|解説|紹介|"  # (ja, ko)
    r"원문 링크|원문|논문 링크|논문 ?제목|논문 ?리뷰|논문 ?요약|논문 ?정리|논문|링크|코드|제목|리뷰|요약|"
    r"(?:published|journal|conference|proceedings|extended|accepted|final|camera[- ]ready|long|short) version|"  # ("[Published version]")
    rf"{PAPER_WORDS_EU}|{LINK_WORDS_EU}|{OTHER_LABEL_WORDS_EU}"
)
LABEL_VERBS = r"查看|阅读|点击|下载|访问|view|read|open|see|download|get|visit|the|full|no|original|link to|go to|additional|supplementary"
# Each label is matched once, atomically ((?>...)): the spaces between labels can be split only one
# way, so a long line of labels and spaces that fails at its end fails in linear time (the plain
# group tried every split of "Links:    HuggingFace        arXiv   ...": minutes for one line).
# (A link named "DOI" is a label too; a line's "DOI: 10.1145/…" field is not one: LABEL_PREFIX_RE leaves it whole.)
LABEL_RE = re.compile(
    rf"^\s*(?>[\[【(（]?\s*(?:(?:{LABEL_VERBS})(?![a-z])\s*)*(?:{LABEL_WORDS}|doi|datasets?)(?:[-_ ]?(?:page|link|site|version|페이지|ページ|页面|网页|링크|リンク|链接))?(?:\s*[(（]?\s*(?:old|new|latest|v[0-9]+|旧版|新版)\s*[)）]?)?(?![a-z])\s*[\]】)）]?\s*[:：|/·•,，-]?\s*)+$",
    re.IGNORECASE,
)
SYMBOLS_RE = re.compile(r"[^\w\s:：\-]+")  # emoji, arrows, bullets
LABEL_PREFIX_RE = re.compile(rf"^\s*(?:{LABEL_WORDS})\s*[:：]\s*", re.IGNORECASE)
# A link to a talk's material, not to a paper: "[Slides](…pdf)", "[Slides 2](…)", "[Video](…)", "[讲义](…)".
CJK_FIELD_RE = re.compile(r"^\s*[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]{1,8}\s*[:：]")  # a line led by a Chinese field's
# name: "领域: …" (a Japanese or Korean one too: "分野: …", "분야: …")
TITLE_REST_END_RE = re.compile(r"\s+[(\[（【]|\s+[-–—|]\s+")  # where a title's words end before its links or notes
TALK_LABEL_RE = re.compile(
    r"(?:lecture |talk |project )?(?:slides?|pptx?|video|recording|poster|讲义|幻灯片|视频)(?: ?[0-9]+)?"
    r"|(?:[\w-]+ ){1,3}slides(?: ?[0-9]+)?",  # ("Project Midpoint Slides", "Week 3 slides")
    re.IGNORECASE,
)
PAPER_WORD_RE = re.compile(rf"paper|pdf|论文|论文链接|论文地址|{PAPER_WORDS_EU}", re.IGNORECASE)  # a link named as the paper itself
PAPER_LABEL_RE = re.compile(rf"论文|文章|paper|pdf|arxiv|链接|link|論文|リンク|논문|원문|링크|{PAPER_WORDS_EU}", re.IGNORECASE)  # the label of a paper's own link
# Where a paper without an arXiv id lives (its own link): a PDF, a preprint server, a proceedings.
PAPER_HOST_RE = Keyed(
    r"\.pdf(?:$|[?#])|arxiv\.org/(?:abs|pdf)/|openreview\.net/(?:forum|pdf)|(?:bio|med|chem|psy|eng|soc)rxiv\.org|aclanthology\.org|doi\.org/|"
    r"proceedings\.|papers\.nips\.cc|neurips\.cc/paper|dl\.acm\.org/doi|ieeexplore\.ieee\.org/document|"
    r"nature\.com/(?:articles/(?!d41586-)|[a-z]+/journal/v[0-9])|science\.org/doi|link\.springer\.com|sciencedirect\.com/science/article|ssrn\.com|"
    r"semanticscholar\.org/paper|bibsonomy\.org/(?:bibtex|publication)/|dblp\.org/rec/|paperswithcode\.com/paper|jmlr\.org/papers|pmlr\.press|ojs\.aaai\.org|thecvf\.com/(?!conferences/)|"
    r"researchgate\.net/publication|mdpi\.com/[0-9]|jair\.org/index\.php/jair/article|ieeexplore\.ieee\.org/(?:stamp|abstract)|"
    r"citeseerx\.|(?:dl|portal)\.acm\.org/citation|journals\.aps\.org/[a-z]+/(?:abstract|pdf)/|aaai\.org/ocs/index\.php/|"
    r"hal\.(?:inria\.fr|science|archives-ouvertes\.fr)/hal-[0-9]|adsabs\.harvard\.edu/abs/|cacm\.acm\.org/magazines|vldb\.org/pvldb|ncbi\.nlm\.nih\.gov/pmc/articles|"
    r"pubmed\.ncbi\.nlm\.nih\.gov/[0-9]|pnas\.org/(?:doi|content/[0-9])|annualreviews\.org/(?:content|doi)|journals\.plos\.org|"
    r"ams\.org/journals|/articles?/10\.(?:[0-9]{4,}/|(?<=iopscience\.iop\.org/article/10\.))|iclr\.cc/virtual|usenix\.org/(?:system/files|conference/[^/]+/presentation/)|aclweb\.org/anthology|"
    r"eprint\.iacr\.org/[0-9]|proquest\.com/(?:openview|docview)/|amazon\.science/publications/|sciencemag\.org/content/|microsoft\.com/(?:[a-z]{2}-[a-z]{2}/)?research/publication/|"
    r"(?:ai\.google/research|research\.google(?:\.com)?)/pubs/|jstor\.org/stable/(?:pdf/)?(?:10\.[0-9]{4,}/)?[0-9]|"
    r"//(?:repository|dspace|eprints|scholarworks|digitalcommons)\.[\w.-]+/|/doi/(?:abs/|pdf/|epdf/|pdfplus/|full/)?10\.[0-9]{4,}/",
    re.IGNORECASE,
    (  # (what each alternative holds, in lower case: a new site needs its key here)
        ".pdf", "rxiv.org", "aclanthology.org", "doi.org/", ".acm.org/", "ieeexplore.ieee.org/", "science.org/doi",
        "semanticscholar.org/paper", "bibsonomy.org/", "dblp.org/rec/", "jmlr.org/papers", "ojs.aaai.org", "jair.org/",
        "journals.aps.org/", "aaai.org/ocs/", "vldb.org/pvldb", "pnas.org/", "annualreviews.org/", "journals.plos.org",
        "ams.org/journals", "usenix.org/", "aclweb.org/anthology", "eprint.iacr.org/", "sciencemag.org/content/",
        "openreview.net/", "proceedings.", "papers.nips.cc", "neurips.cc/paper", "nature.com/",
        "link.springer.com", "sciencedirect.com/", "ssrn.com", "paperswithcode.com/", "pmlr.press", "thecvf.com/",
        "researchgate.net/", "mdpi.com/", "citeseerx.", "/hal-", "adsabs.harvard.edu/", "ncbi.nlm.nih.gov/", "/article",
        "iclr.cc/", "proquest.com/", "amazon.science/", "research/publication/", "/pubs/", "repository", "dspace",
        "eprints", "scholarworks", "digitalcommons", "/doi/", "jstor.org/stable/",
    ),
)
# Links that are not a paper: code, videos, social posts, docs, books, patents.
NON_PAPER_HOST_RE = re.compile(
    r"//(?:www\.)?(?:github\.com|gitlab\.com|youtube\.com|youtu\.be|twitter\.com|x\.com|bsky\.app|"
    r"linkedin\.com|colab\.research\.google\.com|huggingface\.co/(?:spaces|datasets)|platform\.openai\.com|"
    r"leanpub\.com|amazon\.(?!science/)[a-z.]+|pytorch\.org/docs|pypi\.org|discord\.(?:gg|com)|t\.me|weibo\.com|[a-z]{2,3}\.wikipedia\.org|"
    r"patents\.google\.com|freepatentsonline\.com)",
    re.IGNORECASE,
)
BLOG_POST_RE = re.compile(  # (a row's [Blog] may be its paper's); a newsletter's or a blog platform's post
    r"^https?://(?:[^?#]*/(?:blog|posts)/(?![^?#]*\.pdf)|[\w-]+\.substack\.com/p/|(?:[\w-]+\.)?medium\.com/"
    r"|[\w.-]*blog[\w-]*\.[a-z.]+/(?![^?#]*\.pdf)[^?#]*[\w-]{8})",  # ("ai.exampleblog.com/2020/07/a-post.html")
    re.IGNORECASE,
)
# Social posts and videos: an item whose only link is one is news, not a paper.
SOCIAL_HOST_RE = re.compile(
    r"//(?:[\w-]+\.)?(?:weibo\.com|weibo\.cn|twitter\.com|x\.com|youtube\.com|youtu\.be|bilibili\.com|douyin\.com|"
    r"zhihu\.com|xiaohongshu\.com|threads\.net|bsky\.app|linkedin\.com|t\.me)/",
    re.IGNORECASE,
)
TOC_RE = re.compile(  # ("Table of contents with paper titles:")
    r"^\W*(?:目录|本期目录|contents|table of contents|toc|in this issue)(?:\s+(?:with|of|for)\s[^.。]{0,40})?\W*$",
    re.IGNORECASE,
)
TITLE_HEADER_RE = re.compile(  # (and zh-TW, ja, ko)
    r"title|paper|name|topic|\breadings?\b|论文|标题|题目|名称|名字|主题|論文|標題|題目|名稱|主題|タイトル|題名|논문|제목|이름|주제", re.IGNORECASE
)
# A citation by its authors in prose: "Lee等人", "Lee和Kim", "Lee et al.", "Lee and Kim"
AUTHOR_CITE_RE = re.compile(
    r"[A-Z][\w'’\-]+(?:\s*(?:等人?|et al\.?)|\s*(?:和|与|及|&|\band\b)\s*[A-Z][\w'’\-]+(?:\s*等人?)?)"
)
SENTENCE_END_RE = re.compile(r"[。！？]|[a-z]{2}[.!?](?:\s|$)")  # a sentence ends in the line
DAY_LABEL_RE = re.compile(  # a day of a schedule: "Tue:", "Thursday:", "周三：", "Day 2:"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*[:：]|(?:周|星期)[一二三四五六日天]|day\s*[0-9]+", re.IGNORECASE
)
TOPIC_HEADER_RE = re.compile(r"topic|主题|主題|주제", re.IGNORECASE)  # a header for a paper's field, the last choice
END_MARKERS = re.compile(
    r"^(?:往期(?:精彩|推荐|回顾)|推荐阅读|相关阅读|延伸阅读|扩展阅读|更多(?:精彩|阅读)|精选文章|热门文章|"
    r"recommended reading|related (?:posts|articles|reading)|read more|you may also like|further reading|"
    r"more from|previous issues)",
    re.IGNORECASE,
)
# The heading of an essay's closing list of the works it cites ("References", "Further reading", "参考文献").
CLOSING_LIST_RE = re.compile(
    r"\W*(?:references?|bibliography|works cited|further reading|(?:sources|references) and further reading|"
    r"参考文献|参考资料)\W*",
    re.IGNORECASE,
)
# A table's first header cell that says its rows are datasets or benchmarks, not papers ("Dataset", "数据集").
DATASET_HEADER_RE = re.compile(r"\W*(?:datasets?|benchmarks?|corpus|corpora|数据集|基准)\W*", re.IGNORECASE)
# A link's text that cites a paper by its authors and year ("Wei et al. 2022", "Shinn & Labash, 2023", "Park, et al.
# (2023)"): how an essay's prose cites, not a title.
AUTHOR_YEAR_RE = re.compile(
    r"[A-Z][\w'’\-]+(?:,?\s+et\.?\s*al\.?|\s*(?:&|\band\b)\s*[A-Z][\w'’\-]+)?,?\s*[(（]?(?:19|20)[0-9]{2}[a-z]?[)）]?"
)
# A generated page's footer: "本报告由 X 自动生成", "*自动生成于 2031-07-05 | X*", "This digest was generated by X".
GENERATED_FOOTER_RE = re.compile(
    r"\s*(?:本(?:报告|日报|周报|月报|简报|报|文|页面?|摘要|列表|汇总)[^。]{0,20}?由\s*\S[^。]{0,60}?自动(?:生成|整理|汇总)"
    r"|(?:由\s*\S[^。]{0,60}?)?自动生成于"
    r"|(?:this (?:report|digest|newsletter|page|summary|list|post|file) (?:was|is) )?(?:auto(?:matically)?[- ]?)?"
    r"generated (?:by|with|using|on|at)\b)",
    re.IGNORECASE,
)
# Boilerplate: short lines holding one of these words, or starting with one of those patterns.
BOILERPLATE_WORDS = (
    "点赞", "收藏", "评论", "分享", "转发", "在看", "关注我们", "点击蓝字", "点击名片", "星标", "阅读原文", "扫码", "二维码", "一键三连", "打赏",
    "觉得还不错", "版权声明", "作者简介", "原文链接", "本文来源", "免责声明", "公众号", "知乎", "subscribe", "thanks for reading",
    "share this post", "like this post", "leave a comment", "upgrade to paid",
)
BOILERPLATE_WORDS_RE = re.compile("|".join(map(re.escape, BOILERPLATE_WORDS)))  # (one scan, not one per word)
BOILERPLATE_START = re.compile(
    r"\s*#?[0-9]+\s*$|\s*[•·]\s*[0-9]+\s*$|like\b|share\b|comments?\b(?![ \t]+[^\W\d_])|follow us|sign up|作者[:：]|编辑[:：]|来源[:：]|"
    r"source[:：]|author[:：]|image:|figure [0-9]|fig\. ?[0-9]|图\s*[0-9]|restack|discussion about this",
    re.IGNORECASE,
)
HASHTAGS_RE = re.compile(r"(?:\s*#[^\s#]{0,30})+\s*")  # a line of hashtags ("#TSer #"), a post's tags
IMAGE_RE = re.compile(r"^\s*!?\[?[\w\-./]*\.(?:png|jpe?g|gif|webp|svg|bmp)\)?\s*$", re.IGNORECASE)
BY_RE = Spaced(  # where the authors (or a date) start after a title: "Title by A. Author et al. (2024)"
    r"\s*[(（](?:[0-9]{4}|[A-Z][a-z]{2,8}\.? [0-9]{1,2}|[0-9]{1,2}\s)[^)）]*[)）]\s*[,.]?\s*$"
    r"|,\s+(?=(?:[A-Z][\w.'\-]+\s+){1,3}[A-Z][\w'\-]+(?:,\s*\S|\s+et al\.?|\s+and\s))"
    r"|,\s+(?=[A-Z][\w'\-]+\s+et\.?\s*al\.?\s*$)"  # "Title, Gu et al." (one name, at the end)
)
_NAME = r"[A-Z][\w'’\-]*\.?(?:\s+(?:van|von|de|der|la|le)?\s*[A-Z][\w'’\-]*\.?){0,3}"
_MANY = rf"(?:{_NAME}\s+et\.?\s+al\.?|{_NAME}(?:\s*,\s*{_NAME})*,?\s+(?:and|&)\s+{_NAME})"  # two or more authors
# Where the authors or the date start after a title. Each is only taken past the title's first words.
AUTHOR_CUTS: tuple[re.Pattern[str] | Spaced, ...] = (
    Spaced(  # "Title by Smith (May 2020)"
        rf"\s+by\s+(?:{_MANY}|{_NAME}(?:\s*,\s*{_NAME})+|(?:[A-Z]\.\s*)?[A-Z][\w'’\-]+)"
        rf"\s*[(（][^()（）]{{0,16}}(?:19|20)[0-9]{{2}}"
    ),
    Spaced(  # "Title by Fan et al." / "Title by A, B, and C 2024"
        rf"\s+by\s+{_MANY}\s*[,.;]?\s*(?:[(（]?(?:19|20)[0-9]{{2}}[)）]?)?\s*[,.;]?\s*$"
    ),
    Spaced(r"\s*[(（](?:19|20)[0-9]{2}[a-z]?[)）]"),  # "Title (2023) by ..."
    re.compile(rf"\.\s+(?:{_MANY}|{_NAME}(?:\s*,\s*{_NAME})+)\.?\s*$"),  # "Title. Ann Lee, Bo Wu."
    # "Title (Ann Lee et al, Lab)", "Title (Ann Lee & Bo Wu)": its authors in brackets at the end, then maybe their lab
    Spaced(
        rf"\s*[(（]\s*(?:{_MANY}(?:\s+et\.?\s*al\.?)?|{_NAME}(?:\s*,\s*{_NAME})*\s+et\.?\s*al\.?)"
        rf"\s*(?:,\s*[^()（）,]{{1,40}})?[)）]\s*$"
    ),
)
QUOTED_TITLE_RE = re.compile(  # (its closing quote may be typed the wrong way round: '“Title “')
    r"^(?P<pre>[^\"“”]{2,200}?)(?:[,:.]|\s[—–-])\s*[\"“](?P<title>[^\"“”]{10,300}?)[,.]?(?:[\"”]|\s“(?!\w))"
)
# A note after a Latin title: a gloss holding Chinese, Japanese or Korean ("Title （中文译名）", "((中文))"), or anything in full-width
# brackets ("Title（Example University, 2023）"); a stray closing bracket may follow it.
CJK_GLOSS_RE = Spaced(
    r"\s*(?:[(（]{1,2}(?=[^()（）]*[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])(?:[^()（）]|[(（][^()（）]{1,20}[)）]){1,80}[)）](?:\s*[)）])?|"
    r"（(?:[^()（）]|[(（][^()（）]{1,20}[)）]){1,80}）(?:\s*[)）])?)\s*$"
)
# A gloss in Russian after a title in Latin script: "Latent Adversarial Training (обучение против атак …)" (what
# CJK_GLOSS_RE is for a gloss in Chinese, Japanese or Korean).
CYRILLIC_GLOSS_RE = Spaced(
    r"\s*[(（](?=[^()（）]*[\u0400-\u04ff])(?:[^()（）]|[(（][^()（）]{1,20}[)）]){1,80}[)）]\s*$"
)
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = (rf"(?:[0-9]{{1,2}}\s+{_MONTHS}|{_MONTHS}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?|"
         r"[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2})")
DATE_LINE_RE = re.compile(rf"^\s*{_DATE}(?:,?\s*[0-9]{{4}})?\s*$")  # only a date: "2031-03-09", "March 9, 2031"
SECTION_LEAD_RE = re.compile(rf"^\s*(?P<name>{_MONTHS}\s+[0-9]{{4}}|week\s+of\s+[^,]{{3,30}}?)\s+(?=\S)", re.IGNORECASE)
DESCRIPTION_START = r"(?:This|These|The authors|We|Our|Proposes|Introduces|Presents|Shows|Develops|Explores)\b"
SENTENCE_END = "。！？!?；;，,"
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # (Chinese, Japanese kana, Korean hangul)
LATIN_RE = re.compile(r"[A-Za-z]")
URL_RE = re.compile(r"(?:https?://|www\.)[^\s)）\]>\"'，。<{}]+", re.IGNORECASE)
WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9\-]+")
STOP_WORDS = frozenset(
    "the and for with from via are is of in on to an as at by a we it this that llm llms paper papers model models "
    "arxiv https http org abs pdf com github www".split()
)
RUN_MIN = 3  # references in one paragraph before it may be a run of entries
TITLE_MAX = 300  # characters: a longer line is prose, not a title
SECTION_MAX = 60
MARKUP_RE = re.compile(r"[*_`#]+")
LABEL_BRACKET_RE = Spaced(r"\s*[\[【(（]\s*(?:" + LABEL_WORDS + r")\s*[\]】)）]", re.IGNORECASE)  # " [pdf]"
EMPTY_TAIL_RE = Spaced(r"\s*(?:[|(（\[【{](?:\s*[)）\]】}])?\s*)+$")  # " [ ] [ ]", " {{ }}": what links left
NAME_NOTE_RE = re.compile(r"^(?P<name>[^:：()（）]{1,40}?)\s*[:：]\s*[(（\[][^()（）\[\]]{1,30}[)）\]]$")  # "ReAct: (PRINTED)"
BRACKETS = frozenset("[【(（|{")
KEY_RE = re.compile(r"[\W_]+")
NUMBERS_RE = re.compile(r"[0-9.\-/ ]+")
NON_LETTERS_RE = re.compile(r"[\W\d_]+")  # "[arxiv, 14.12]": its words are "arxiv"
# A citation's lead before its title: "Wei et. al. 2022. ", "Lee and Park (2021). ", "Ito, Mo & Ek, 2020: "
# Who wrote it, or the note it is filed under, then a comma, before the title, no year: "Dalal & Triggs, Title",
# "Lee et al., Title", "[[Viola-Jones]], Title", "A. Lee and B. Wu, Title"
NAMED_LEAD_RE = re.compile(
    r"^(?:\[\[[^\[\]]{1,40}\]\]|(?:[A-Z]\.\s?){0,2}[A-Z][\w'’\-]+(?:\s+et\.?\s*al\.?|\s+(?:and|&)\s+(?:[A-Z]\.\s?){0,2}[A-Z][\w'’\-]+)),"
    r"\s+(?=[A-Z]\S*(?:\s+\S+){2})"
)
CITATION_LEAD_RE = re.compile(  # "Wei et. al. 2022. Title", "Lee Ben-Ami et al. 2021: Title", "Lee, Wu, Ito 2019: Title"
    r"^[A-Z][\w'’\-]+\.?(?:(?:\s+[A-Z][\w'’\-]+)?\s+et\.?\s*al\.?|(?:\s*,\s*[A-Z][\w'’\-]+)*,?\s+(?:and|&)\s+[A-Z][\w'’\-]+"
    r"|(?:\s*,\s*[A-Z][\w'’\-]+){2,}),?"
    r"\s*\(?(?:19|20)[0-9]{2}[a-z]?\)?\s*[.:]\s+(?=\S)"
)
# Who wrote it and when, then a dash, before a name the list gives the paper: "Lee et al. (2021) — RoPE",
# "Kim & Wu (2019) — RMSNorm", "Ito (2018) — Subword Regularization" (a year in brackets right before the dash).
_WHO = r"[A-Z](?:[^\W\d_]|['’\-])++"  # a name: letters (not "GPT-4"); possessive ("++": what follows a name here is
# never a letter, so giving letters back cannot help, and re tried each: 2.4x faster on a title that is no citation)
_MANY_WHO = rf"{_WHO}(?:\s+et\.?\s*al\.?|(?:\s*,\s*{_WHO})*,?\s+(?:and|&)\s+{_WHO})"  # "Lee et al.", "Kim & Wu"
AUTHOR_YEAR_DASH_RE = re.compile(
    rf"^(?:(?:{_MANY_WHO}|{_WHO}(?:\s+{_WHO})?),?\s*\((?:19|20)[0-9]{{2}}[a-z]?\)\s*(?:[—–-]{{1,2}}|:)"
    rf"|{_MANY_WHO},?\s*(?:19|20)[0-9]{{2}}[a-z]?\s*[—–-]{{1,2}})\s+(?=\S)"
)
# A citation's authors, then its title in quotes with no comma between (a reading group's link text): 'Lee et. al.
# "Title" (2019)', 'Lee, Wu "Title" (2019)', 'Lee "Title" (2006)' (one name: only with the year after it).
AUTHORS_QUOTE_RE = re.compile(
    r"^[A-Z][\w'’\-]+\.?(?P<more>\s+et\.?\s*al\.?|(?:\s*,\s*[A-Z][\w'’\-]+)+(?:,?\s+(?:and|&)\s+[A-Z][\w'’\-]+)?|"
    r"\s+(?:and|&)\s+[A-Z][\w'’\-]+)?\s+[\"“](?P<title>[^\"“”]{10,300}?)[,.]?[\"”]\s*(?P<year>[(（](?:19|20)[0-9]{2}[a-z]?[)）])?\.?$"
)
# A reference that leads with its title in quotes, its authors and venue after it ('"Title" Ann Lee, Bo Wu, Venue (2013)',
# a Sphinx literature page's citation; '“Title” Lee+ URL', an astronomer's "+" for "and others"; its closing quote
# typed the wrong way round, '“Title“ Lee+'): the title.
LEAD_QUOTED_RE = re.compile(r"^\s*[\"“](?P<title>[^\"“”\n]{10,300}?)[,.]?[\"”“][,.]?\s+(?=[A-Z][\w.'’-]*[ ,+])")
# A reference in a bibliography's form (``citation_title``): its authors, its year, its title in quotes, its venue.
CITE_QUOTED_RE = re.compile(r"[\"“](?P<title>[^\"“”]{10,300}?)[,.]?[\"”]")
CITE_YEAR_RE = re.compile(  # "Lee, A. (2018). " before the title (a reading list's "Lee et al. (2018) Title" too)
    r"[(（](?:19|20)[0-9]{2}[a-z]?[)）](?:\s*[.,:]\s+(?=\S)|\s+(?=[A-Z0-9]))"
)
# An arXiv search result or listing pasted as text: "arXiv:2405.02246  [pdf, other]  cs.CV cs.AI", its title on the next line.
RESULT_HEAD_RE = re.compile(
    rf"^\s*arXiv:(?P<id>{NEW_ID}|{OLD_ID})(?:v[0-9]+)?\s+\[(?:pdf|ps|other|html)\b[^\]]{{0,40}}\](?:\s+[a-z\-]+(?:\.[A-Za-z\-]+)?)*\s*$",
    re.IGNORECASE,
)
BARE_ID_RE = re.compile(r"(?<![\d.])[0-9]{4}\.[0-9]{4,5}(?:v[0-9]+)?(?![\d.])")  # "Nick: 2101.00001" before a title
AUTHOR_SPLIT_RE = re.compile(r"\s*(?:,|;|\band\b|&|\bet al\.?)\s*")  # between the names of an author list
NAME_PARTICLES = frozenset("van von de der den la le di da du dos del bin al. et al".split())
NAME_PARTICLE_RE = re.compile(r"['’]")  # a particle run into the next word: "van't Veer"
# The first line of a bibliography's entry set out over lines: who, then when, and nothing more than a venue and an id
# ("Lee, Wu & Diaz 2008.  ApJ, 9, 1. (ID).", "Lee 2001"); its title on the next line.
CITE_HEAD_YEAR_RE = re.compile(r"^(?P<names>[^\d\n]{2,150}?)\s+(?P<year>(?:19|20)[0-9]{2}[a-z]?)(?P<rest>\.\s.*|\.)?$")
CITE_NAMES_RE = re.compile(  # the authors before a citation's year: "Lee, A., & Wu, B.", "Zhao, Jieyu, … and Kai Chang."
    rf"(?:{_NAME}\*?)(?:\s*(?:,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*){_NAME}\*?)*(?:,?\s+et\.?\s*al\.?)?[\s.,]*"
)
CITE_AUTHORS_RE = re.compile(  # "Ann Lee, Bo Wu and Cy Diaz, " / "Lee, A., & Wu, B. " / "Ann Lee*, Bo Wu. "
    rf"^(?:{_NAME}\*?)(?:\s*(?:,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*){_NAME}\*?)+(?:,?\s+et\s+al)?\s*[.,]\s+(?=[A-Z])"
)  # (an MLA citation's first author and "et al.": "Lee, Ann, et al. Title. arXiv:ID, arXiv, 3 Aug. 2031.")
_FULL_NAME = r"[A-Z][\w'’\-]*\.?(?:\s+(?:(?:van|von|de|der|la|le|da|di|del)\s+)?[A-Z][\w'’\-]*\.?){1,3}"
# A DBLP-style citation's authors, full names before a colon: "Ann Lee, Bo T. Wu, Cy Diaz: Title. SODA 2010."
DBLP_AUTHORS_RE = re.compile(rf"^{_FULL_NAME}(?:\s*,\s*{_FULL_NAME})+\s*:\s+(?=[A-Z])")
DBLP_VENUE_RE = re.compile(r"\.\s+[A-Z][\w&'’\-]*(?:\s+[\w&'’\-]+){0,5}\s+(?:19|20)[0-9]{2}\b")  # after its title: ". SODA 2010"
FIELD_NAME_RE = re.compile(r"^[A-Z][\w \-]{1,30}[:：]\s+(?=\S)")  # "Required Reading: " before a citation
CITE_END_RE = re.compile(  # where a citation's title ends: its venue, pages, arXiv number, or the next sentence
    r"(?:[.,?]?\s+(?:in\s+|In:?\s+)?(?:Proceedings|Proc\.|Advances in|arXiv preprint|arXiv:|Journal of|Transactions on|"
    r"pages?\s|pp\.\s)|,\s+[A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*){0,3}\s+(?:19|20)[0-9]{2}\.?\s*$|\.\s+(?=\S))"
)
TWICE_LEAD_RE = re.compile(r"[^:：\s]{1,24}[:：]\s*")  # "GPT论文：" before a title given twice
# between a cell's links (each may have its year after it: "[A](…)（2023）| [B](…)（2024-2025）")
# Who and when only, a journal club's link text for its paper ("Lee et al., 2023", "Lee & Wu, 2022", "Lee, 2023",
# "Lee et al., 2021, 2022; Wu et al., 2022"): no title; a year alone links one of that author's papers ("Lee et al.,
# [2021](…), [2022](…)").
_CITED_WHO = (
    r"(?:(?:de|van|von|der|den|da|di|du|le|la|dos|del)\s+){0,2}(?:[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2},?\s+et\.?\s*al\.?|[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?\s*(?:&|and)\s*"
    r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?|[A-Z][\w'’\-]+|(?:[A-Z][\w'’\-]*\s+){1,4}(?:Team|Collaboration|Consortium))"
)
_WHEN = r"(?:19|20)[0-9]{2}[a-z]?"
WHO_WHEN_RE = re.compile(rf"[(（]?{_CITED_WHO},?\s+{_WHEN}(?:,\s*{_WHEN})*(?:\s*;\s*{_CITED_WHO},?\s+{_WHEN}(?:,\s*{_WHEN})*)*[)）]?")
WHO_RE = re.compile(rf"{_CITED_WHO},?")
WHO_WHEN_TAIL_RE = re.compile(rf"\s+[—–-]\s+{WHO_WHEN_RE.pattern}\s*$")  # "Title — Lee et al., 2018": who and when after it
YEAR_ONLY_RE = re.compile(rf"[(（]?{_WHEN}[)）]?")
CELL_LINKS_GLUE_RE = re.compile(
    r"(?:[\s,;，、;&/+|]|\band\b|和|及|[(（]\s*(?:19|20)[0-9]{2}(?:\s*[-–]\s*(?:19|20)?[0-9]{2})?\s*[)）])*", re.IGNORECASE
)
CELL_SPLIT_RE = re.compile(r"\s{2,}|(?<![,;:])\s+(?=" + DESCRIPTION_START + ")")  # (not "Yes, We CANN: …")
UPPER_RE = re.compile(r"[A-Z]")
PUNCT_ONLY_RE = re.compile(r"[\s()（）:：,，.。\-|·•\[\]]*")
EMPTY_LEAD_RE = re.compile(r"^\s*[(（\[【]\s*[)）\]】]\s*(?=\S)")  # what a bracketed id left before a title: "[ ] Title"
EMPTY_BRACKETS_RE = Spaced(r"\s*[(（\[【]\s*[)）\]】]")  # where a link word was: "( )"
# Venues by name, for VENUE_RE and VENUE_TAIL_RE. (TMLR is not one of them: "[TMLR 2024]" stays in a title, as it
# always has; the tail's two-capitals name takes "Title, TMLR 2024".)
_VENUE_NAMES = (
    r"ICLR|NeurIPS|NIPS|ICML|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|AAAI|IJCAI|KDD|WWW|SIGIR|COLING|COLM|TACL|TPAMI|JMLR|"
    r"ICRA|IROS|CoRL|RSS|MICCAI|Interspeech|ICASSP|WACV|BMVC|UAI|AISTATS"
)
# "Title. CVPR 2022", "Title. Submit to NeurIPS 2022", "Title. arXiv 2022/4/30", "Title. CVPR 2022, Oral": where it
# appeared or was sent, after the title's full stop (a reading log's underlined "<u>Title. VENUE.</u>")
# What kind of paper it was there, after a venue's year: "Main Conference Paper", "Findings", "Oral", "Datasets and
# Benchmarks Track" (never a title's last words after a venue and a year)
VENUE_KIND_WORDS = ("Main", "Conference", "Paper", "Findings", "Oral", "Spotlight", "Poster", "Highlight", "Tutorial",
                    "Workshop", "Demo", "Track", "Long", "Short", "Datasets", "Benchmarks")
VENUE_KIND_TAIL = rf"(?:\s+(?:{'|'.join(VENUE_KIND_WORDS)}|and(?=\s))){{0,5}}"  # ("and" between two: "Datasets and
# Benchmarks Track", never the last word)
# The last letters a venue's kind can end a title with ("… Findings", "… Oral"): a cheap gate before the tail patterns
VENUE_KIND_ENDS = frozenset(w[-1] for w in VENUE_KIND_WORDS)
DOT_VENUE_TAIL_RE = re.compile(
    rf"\.\s+(?:(?:Submit(?:ted)?|Accepted)\s+(?:to|by|at)\s+)?(?:IEEE\s+|ACM\s+)?(?:arXiv|CoRR|{_VENUE_NAMES})"
    r"(?:\s+(?:Workshops?|Findings))?\s*(?:'|’)?(?:19|20)?[0-9]{2}(?:\s*/\s*[0-9]{1,2}){0,2}" + VENUE_KIND_TAIL +
    r"(?:\s*,\s*(?:Oral|Spotlight|Poster|Highlight|Best Paper(?: Award)?))?\.?$",
    re.IGNORECASE,
)
VENUE_TAIL_RE = re.compile(  # "Title, CVPR 2025", "Title, NeurIPS'23": where it appeared (a name with two capitals or
    # more, then its year), after the title
    rf",\s*(?:in\s+)?(?:IEEE\s+|ACM\s+)?(?:{_VENUE_NAMES}|[A-Z][a-z]*[A-Z][A-Za-z]*)"
    r"(?:\s+(?:Workshops?|Findings|Oral|Spotlight))?\s*(?:'|’)?"
    r"(?:19|20)?[0-9]{2}" + VENUE_KIND_TAIL + "$"
)  # (and what kind of paper there: "Title, EMNLP 2023 Main Conference Paper", "Title, ACL 2023 Findings")
# The same after a dash, at a link text's end: "Title - arXiv 2017", "Title - ICLR 2019)" (its closing bracket left from
# a "(arXiv 2017)" note the list's author rewrote), a four-digit year or 'YY: never a title's own words.
DASH_VENUE_TAIL_RE = Spaced(
    rf"\s+[-–—]\s+(?:arXiv|CoRR|{_VENUE_NAMES}|[A-Z][a-z]*[A-Z][A-Za-z]*)(?:\s+(?:Workshops?|Findings|Oral|Spotlight))?"
    r"\s*(?:(?:'|’)[0-9]{2}|(?:19|20)[0-9]{2})" + VENUE_KIND_TAIL + r"\s*(?P<close>\))?$"
)
# "Title. oral", "Title.Spotlight": how the venue presented it, after the title's full stop (never the title's words)
PRESENTATION_TAIL_RE = Spaced(r"\s*[.。]\s*(?:oral|spotlight|poster|highlight)\s*$", re.IGNORECASE)
# A newsletter's numbered section bar: "01 Academia", "02Industry" (styled spans glued), a number then a name of one to
# three words, nothing else
# A meeting log's session label, a line of its own: "Week 1", "Session 12:", "Lecture 3", "第3周"
SESSION_LABEL_RE = re.compile(
    r"(?P<lead>week|session|lecture|meeting|seminar|class|day|module|unit)\s*[0-9]{1,3}\s*[:：]?|"
    r"第\s*[0-9一二三四五六七八九十]{1,3}\s*(?P<zh>[周次讲期])\s*[:：]?",
    re.IGNORECASE,
)
# A session card's label line: the label, its date, then maybe its topic ("Week 8 2026-05-15 Audio Representations",
# a generated page's card header of spans): the session is the section, named by its label
DATED_SESSION_RE = re.compile(
    rf"(?P<label>{SESSION_LABEL_RE.pattern})\s*[·|,\-–—]?\s*{_DATE}(?:,?\s*[0-9]{{4}})?(?:\s*[·|\-–—]?\s+[^\s:：].{{0,60}})?",
    re.IGNORECASE,
)
NUMBERED_LABEL_RE = re.compile(r"^(?:0[1-9]|[1-9][0-9]?)\s*(?P<name>[A-Z][A-Za-z&'’\-]*(?:\s+[A-Za-z&'’\-]+){0,2})$")
# "ICML 2018 - Title", "CVPR 2018 (?) - Title": where it appeared (its year, maybe in doubt), then a dash, before the title
VENUE_DASH_LEAD_RE = re.compile(
    rf"^\s*(?:{_VENUE_NAMES}|[A-Z][a-z]*[A-Z][A-Za-z]*)(?:\s+(?:Workshops?|Findings|Oral|Spotlight))?\s*(?:'|’)?"
    r"(?:19|20)?[0-9]{2}(?:\s*\(\?\)|\?)?\s+[-–—]\s+(?=\S)"
    rf"|^\s*(?:{_VENUE_NAMES})\s*(?:19|20)[0-9]{{2}}\s*[:：]\s+(?=[A-Z])"  # "ICML 2018: Title" (a known venue, its year)
)
# A venue or status tag in brackets is not part of a title: "[CVPR 2024]", "(ICLR'25 Oral)", "【ACL 2023】", the year
# first too, "(2023 ACL)", or glued to the name, "(ACL2018)", "(ICLR2018 submitted)"; after the lab that wrote it, one
# word and a comma: "(NVIDIA, ICLR2022)".
VENUE_RE = Spaced(
    rf"\s*[\[(（【]\s*(?:[A-Z][\w&-]{{1,15}},\s*(?={_VENUE_NAMES}))?(?:(?:19|20)[0-9]{{2}}\s+(?={_VENUE_NAMES}))?"
    rf"(?:(?:{_VENUE_NAMES})(?:(?:19|20)?[0-9]{{2}})?|Oral|Spotlight|Poster|Best Paper|Preprint|Accepted)\b"
    r"[^\])）】\[(（【]{0,24}[\])）】]"
)
# A note on which version a digest lists, at a title's end: "(v2 update)", "(v3)", "[updated]" (never in a title).
VERSION_NOTE_RE = Spaced(
    r"\s*[(（\[【]\s*(?:v[0-9]+(?:\s+(?:update|updated|version|revision|revised))?|updated?(?:\s+version)?|"
    r"revised(?:\s+version)?|new version)\s*[)）\]】]\s*$",
    re.IGNORECASE,
)
WORDISH_RE = re.compile(r"[^\W\d_]")  # a letter of any script (what a star count or an emoji tail lacks)
# A heading that names itself a paper: "二、论文一：标题", "Paper 3: Title", "论文 2：…", "[P3] Nick" — the paper, and
# its sub-headings (背景, 方法…) its body.
PAPER_HEADING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．:：]\s*|[0-9]{1,3}\s*[.、]\s*)?"
    r"(?:(?:论文|文章|paper|article)\s*(?:[一二三四五六七八九十百]+|#?\s*[0-9]{1,3})\s*[:：]|"
    r"[\[【]\s*P\s*[0-9]{1,3}\s*[\]】])\s*",  # (or "#### [P3] Nickname": the list's paper number tag)
    re.IGNORECASE,
)
# A field that gives the paper's real title under a heading in another language.
TITLE_FIELD_RE = re.compile(
    r"^\s*(?:英文标题|英文题目|英文名称|论文标题|论文题目|论文名称|原标题|原文标题|english title|original title|"
    r"paper title|full title|title|論文タイトル|論文名|タイトル|題名|原題|논문 ?제목|논문명|영문 ?제목|제목)\s*[:：]\s*(?P<title>\S.{3,})$",
    re.IGNORECASE,
)
# A line that states a paper's title as a field: "论文：Title", "Paper: Title", "题目：…" (a URL after
# the label is a link line, not this).
TITLE_LABEL_RE = re.compile(r"标题|题目|title|タイトル|題名|제목", re.IGNORECASE)  # a label that names the title, not the paper's link
TITLE_NAME_RE = re.compile(  # (and ja, ko: "論文タイトル", "논문 제목")
    r"(?:论文|文章)?(?:标题|题目|名称)|(?:paper\s+)?title|(?:論文)?(?:タイトル|題名)|論文名|(?:논문\s*)?제목|논문명", re.IGNORECASE
)  # "#### 论文题目" alone
TITLE_PREFIX_RE = re.compile(
    r"^\s*(?:论文|论文标题|论文题目|论文名称|题目|标题|paper|paper title|title|"
    r"論文|論文タイトル|論文名|タイトル|題名|논문|논문 ?제목|논문명|제목)\s*[:：]\s*(?=\S)",
    re.IGNORECASE,
)
EMOJI_CODE_RE = re.compile(r"(?:(?<=\s)|^):[a-z][a-z0-9_+\-]{1,40}:(?=\s|$|[A-Z])")  # GitHub's ":fire:"
DECORATION_TAIL_RE = re.compile(  # " ⭐ 44"; an emoji right after the last word too, "Title✨" (a list's
    # mark: a pictograph, not a sign a title writes, "M☉", nor a comparison, "at z >= 0.35", "at z ~1", "at z ∼0.3")
    r"(?:\s+[^\w\s()\[\]（）【】.,:;!?'\"“”‘’\-–—&+/<>=~≈≤≥±∼≃≲≳≪≫∝]+|(?:[\u2705\u2728\u274c\u2b50\U0001f300-\U0001faff][\ufe0f\u200d]?)+)"
    r"(?:\s*[0-9][0-9,.]*[kK]?)?\s*$"
)
# "Title [6]", "Title [9, 30, 50]": the numbers a reference list gives it, not part of it
CITE_MARK_TAIL_RE = Spaced(r"\s*\[[0-9]{1,3}(?:\s*[,–-]\s*[0-9]{1,3})*\]\s*$")
DECORATION_LEAD_RE = re.compile(r"^\s*[^\w\s()\[\]（）【】\"“‘'*_`<#$@&+\-–—.,:;!?]+(?:\s+|(?=\[))")  # "🔹 Title", "🔥🔥[Nick] Title"
# A year before a title: "(2015) ResNet", "[2019] Title", "2019 - Title", "2019: Title"
# A line's label before a list of readings ("Readings: [A](…), [B](…)", "Papers: …", "必读：…"): a word or three and a colon.
# A schedule's row for a week without readings, set in bold like a topic: "**Spring break: no class**", "**Midterm exam**".
NO_SESSION_RE = re.compile(
    r"\b(?:no (?:class|classes|lecture|lectures|meeting|session|reading)s?|holidays?|break|recess|exams?|midterms?|"
    r"finals?|quiz|project (?:week|presentations?)|reading week|thanksgiving)\b|休息|放假|停课|考试|假期",
    re.IGNORECASE,
)
# A bullet's label that names what follows as a reading ("Reading: [Lee et al. (2019)](its PDF)", "Required paper:").
READING_LABEL_RE = re.compile(
    r"^\s*(?:(?:required|optional|suggested|further|additional|background)\s+)?(?:readings?|papers?)\s*[:：]\s*(?=\S)"
    r"|^\s*(?:阅读|必读|选读|论文)\s*[:：]\s*(?=\S)",
    re.IGNORECASE,
)
READINGS_LEAD_RE = re.compile(r"^\s*(?:[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*){0,2}|[\u4e00-\u9fff]{1,6})\s*[:：]\s*(?=\S)")
# A book's chapter, not a paper: "Jurafsky and Martin, Chapter 10", "Some Book, ch. 3", "第3章".
CHAPTER_RE = re.compile(r"\b(?:chapters?|ch\.)\s*[0-9]+\b|第\s*[0-9一二三四五六七八九十]+\s*章", re.IGNORECASE)
# The leads of a date or a year before a title, side by side (each strips or tells apart a different shape).
# A list's month tag before each title, perhaps in italics or bold ("* _2018.07_ Title [arxiv]", "- 2026.05 Title",
# "*2025-12* Title", "_2016.xx_ Title": the month not known), or a full date: when the paper came out, not its words.
# (A space after it: an arXiv id, "2001.08425", is no month tag.)
MONTH_LEAD_RE = re.compile(
    r"^\s*[_*]{0,2}(?:19|20)[0-9]{2}[./-](?:0?[1-9]|1[0-2]|xx)(?:[./-](?:0?[1-9]|[12][0-9]|3[01]))?[_*]{0,2}"
    r"\s*[-–—:：,]?\s+(?=\S)",
    re.IGNORECASE,
)
# A year in brackets, or a year and a dash or colon, before the title: "(2015) ResNet", "2015 - Title", "[2015]: Title".
YEAR_LEAD_RE = re.compile(r"^\s*(?:[(\[（【]\s*(?:19|20)[0-9]{2}\s*[)\]）】]\s*[-–—:：]?|(?:19|20)[0-9]{2}\s*[-–—:：])\s*(?=\S)")
# A year, then a word: "2012 Title", "2017 BERT" (a timeline's line; who the word is, if a name, YEAR_WHO_LEAD_RE tells).
YEAR_WORD_LEAD_RE = re.compile(r"(?:19|20)[0-9]{2}\s+(?=[A-Z0-9])")
_SURNAME = r"[A-Z](?:[a-z'’\-]|[A-Z](?=[a-z]))+"  # "Lee", "DiVincenzo", "O'Neil" (not "BERT": a name in capitals)
# A timeline's year, then who wrote the paper and a colon, before its title: "1995 Lee: Title", "1996: Wu: Title",
# "1997 Ito et al: Title", "1998 Moreau/Castell: Title" (a surname each, joined by "/", "&" or "and"), "1998 Ito et al Title"
YEAR_WHO_LEAD_RE = re.compile(
    rf"(?:19|20)[0-9]{{2}}:?\s+(?P<who>{_SURNAME}\s+et\.?\s*al\.?(?=[:\s])|{_SURNAME}(?:\s*(?:/|&|\sand\s)\s*{_SURNAME})*(?=:)):?"
    r"\s+(?=\S)"
)  # (after "et al" the colon may be left out: "1998 Ito et al Title")
# A date and a comma, colon or dash before the title: "12 Mar, Title", "March 12th: Title", "2024-03-12 — Title".
DATE_PREFIX_RE = re.compile(
    rf"^\s*(?:[0-9]{{1,2}}\s+{_MONTHS}|{_MONTHS}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?|[0-9]{{4}}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}})"
    r"\s*[,:：\-–—]\s*"
)
# A course list's source and date before the title, then a comma: "arXiv  2015.05, Title, [paper](…)", "2024.05, Title",
# "ICML 2018, Title", "N.d., Title" (no date): where and when it appeared, not the title's words.
DATE_COMMA_LEAD_RE = re.compile(
    rf"^\s*(?:(?:arXiv|{_VENUE_NAMES})\s*(?:19|20)[0-9]{{2}}(?:[./-](?:0?[1-9]|1[0-2]))?"
    r"|(?:19|20)[0-9]{2}[./-](?:0?[1-9]|1[0-2])|n\.\s?d\.)\s*,\s+(?=[A-Za-z0-9])",
    re.IGNORECASE,
)
CITATION_YEAR_RE = re.compile(  # "Lee, A. (2025). ", "Lee, A. (2025, August). " before a title
    r"[(（](?:19|20)[0-9]{2}[a-z]?(?:,\s*[A-Z][a-z]{2,8}\.?(?:\s+[0-9]{1,2}(?:[-–][0-9]{1,2})?)?)?[)）]\s*[.,:]?\s*$"
)
SITE_PREFIX_RE = re.compile(r"^\s*paper page\s*[-–—:|]\s*", re.IGNORECASE)  # Hugging Face's "Paper page - Title"
# A page's title as a browser gives it: "[2601.02553] Title - arXiv", "Title | alphaXiv", "Title - Paper Details -
# ChatPaper.ai" (a deep-research report's reference list): the site's name and the page's id are not the title.
SITE_SUFFIX_RE = Spaced(
    r"\s+[-–—|]\s+(?:paper details\s+[-–—|]\s+)?(?:arxiv(?:\.org)?|alphaxiv|github|chatpaper(?:\.ai|\.com)?|"
    r"hugging\s?face|medium|researchgate|semantic scholar|openreview(?:\.net)?|papers with code|sciencedirect|"
    r"ieee xplore|acm digital library|substack|知乎|csdn(?:博客)?)\s*[,.]?\s*$",
    re.IGNORECASE,
)
PAGE_ID_LEAD_RE = re.compile(  # (or a cut one, "[arXiv:1802] Title": the link's label, never the title)
    rf"^\s*\[(?:(?:arxiv:\s*)?(?:{NEW_ID}|{OLD_ID})(?:v[0-9]+)?|arxiv:\s*[0-9]{{4}}\.?)\]\s+(?=\S)", re.IGNORECASE
)
ATTR_LIST_RE = re.compile(r"\{:[^{}]{0,120}\}")
# The headings of a README or a post's own parts, never a paper's title.
DOC_HEADING_RE = re.compile(
    r"^(?:contributing|contribute|how to contribute|license|licen[cs]e|acknowledg(?:e)?ments?|usage|installation|"
    r"install|getting started|quick start|citation|cite|how to cite|references|contact|faq|changelog|roadmap|"
    r"summary|overview|introduction|conclusions?|about|features|table of contents|contents|data structure|"
    r"how it works|star history|support|sponsors?|disclaimer)\b",
    re.IGNORECASE,
)
# A line that only names the authors (and a year or venue): "Radford et al., 2018", "by Ann Lee, Bo Wu and
# Cy Diaz", "Authors: ..." — not a summary.
AUTHOR_LINE_RE = re.compile(
    rf"^\s*(?:(?i:authors?|作者)\s*[:：].*|(?:by\s+)?(?:{_MANY}|{_NAME}(?:\s*,\s*{_NAME})+)\s*"
    r"(?:[,(（]\s*(?:[A-Za-z]+\s+)?(?:19|20)[0-9]{2}\s*[)）]?)?\.?)\s*$"
)
# A metadata field of the paper above or below ("Authors: …", "**分类: cs.SD**", "**Relevance:** 9", "核心总结:"):
# never a paper's title, a section or an item of its own.
FIELD_WORDS = (
    r"authors?|author\(s\)|affiliations?|contacts?|e-?mails?|institutions?|categor(?:y|ies)|subjects?|tags?|keywords?|"
    r"comments?|"
    r"date|published|submitted|updated|venue|conference|journal(?:[- ](?:ref|article))?|score|rating|relevance|novelty|arxiv id|doi|"
    r"abstract|summary|summari[sz]e|tl;?dr|notes?|remarks?|"
    r"presenters?|speakers?|presented by|discussants?|"  # (a reading group's "- Presenter: Ann Lee" over its readings)
    r"作者|机构|单位|分类|类别|学科|标签|关键词|备注|评论|日期|时间|发布时间|会议|期刊|评分|得分|摘要|简介|总结|核心总结|"
    r"推荐理由|个性化推荐理由|亮点|"
    r"著者|所属|日付|会議|概要|要約|キーワード|タグ|저자|소속|날짜|학회|요약|키워드|태그"  # (ja, ko)
)
FIELD_VALUE_RE = re.compile(  # "更新日期: 2026-05-19", "Papers: 12": a name, then a number or a date for its value
    r"^(?P<name>[^:：\d]{1,24})[:：]\s*[0-9][0-9\s\-/.,:年月日号]{0,24}$"
)
FIELD_LINE_RE = re.compile(rf"^\W{{0,3}}(?:{FIELD_WORDS})\s*[:：]", re.IGNORECASE)
# A session's when and where as a heading under its term's heading ("##### 2020 Dec | Topic" / "##### Time: Friday
# 15:30"): a field of that section, not a section of its own
SCHEDULE_FIELD_RE = re.compile(
    rf"^\W{{0,3}}(?:{FIELD_WORDS}|times?|when|where|location|place|room|schedule|时间|地点)\s*[:：]", re.IGNORECASE
)
# An arXiv category ("cs.AI", "hep-th.x", "q-bio.NC"): in a digest's lead tag and a title's category tail.
_CATEGORY = r"(?:cs|math|stat|eess|econ|q-bio|q-fin|physics|astro-ph|cond-mat|hep-[a-z]{2}|gr-qc|quant-ph|nlin|nucl-[a-z]{2})\.[A-Za-z\-]{2,}"
# What a generated digest puts before a title: "[new 001]", "[replaced 3]", a score it gave ("[Score: 9.0/10]",
# "[Rating 4.5]"), an arXiv category ("cs.AI - ").
LEAD_TAG_RE = re.compile(
    r"^\s*(?:[\[【]\s*[A-Za-z]{1,12}\s*[:：]?\s*#?\s*[0-9]{1,4}(?:[.][0-9]{1,2})?(?:\s*/\s*[0-9]{1,3})?\s*[\]】]"
    rf"|{_CATEGORY}\s*[-–—:|])\s*"
)
# "Title (cs.AI)", "Title [cs.CL, cs.LG]": the arXiv categories it was listed under, never part of it
CATEGORY_TAIL_RE = Spaced(rf"\s*[(（\[]\s*{_CATEGORY}(?:\s*[,/;，]\s*{_CATEGORY})*\s*[)）\]]\s*$")
# "**Title** (2023)": a year in brackets after a title
YEAR_NOTE_RE = re.compile(r"^\s*[(（\[][^()（）\[\]]{0,20}(?:19|20)[0-9]{2}[^()（）\[\]]{0,20}[)）\]]\s*$")
NOTE_AFTER_YEAR_RE = re.compile(r"\s*(?:$|[-–—|·:：]|[(（\[])")  # "[Name](…)（2027）— a note", "| [Next](…)"
YEAR_NOTE_LEAD_RE = re.compile(r"^[(（]\s*(?:19|20)[0-9]{2}\s*[)）]\s*")  # "(2015)- what it does": the year before a note
ACRONYM_NOTE_RE = Spaced(r"\s*\((?=[^()]*[A-Z][^()]*[A-Z])[A-Za-z][A-Za-z0-9\-]{1,11}\)\s*$")  # "Name (ViT)"
# A bare arXiv id that starts a line (in bold, or followed by a dash or a colon): "**2604.12345** — Authors —
# "Title"" lists that paper even without a link.
BARE_ID_LEAD_RE = re.compile(
    rf"[\[(（【]?\s*(?P<id>{NEW_ID}|{OLD_ID})(?P<ver>v[0-9]+)?(?![0-9A-Za-z./])\s*[\])）】]?\s*(?P<sep>[—–:：|]|-(?=\s))?",
    re.ASCII,
)
BARE_ID_STARTS = frozenset("0123456789[(（【abcdefghijklmnopqrstuvwxyz")  # (what such a line's first character may be)
ONE_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9_\-]{0,30}")  # a cell of one link word: "PaperWithCode-Page"
LINK_FIELD_RE = re.compile(  # "- **Link**: [Lab](url)": a field naming the paper's link, its value that link
    r"^\W{0,3}(?:links?|url|pdf|full text|paper link|链接|地址|原文|论文链接|论文地址)\W{0,3}[:：]\s*(?P<value>\S.{0,40})$",
    re.IGNORECASE,
)
KEY_ONLY_RE = re.compile(r"[A-Za-z][A-Za-z\-]{1,20}(?:\s[A-Za-z\-]{1,20})?\s*[:：]")  # before a URL: "Slides:"
LENTICULAR_NOTE_RE = Spaced(r"\s*【[^【】\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{1,30}】\s*$")  # "Title 【AutoCOT】"
NOTE_TAIL_RE = Spaced(r"\s*[(（](?P<note>[^()（）\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{1,30})[)）]\s*$")  # "Title (GPT-3)"
# A citation after a title: "Title (Qu 2022)", "(Lee et al., 2021)", "(arxiv.org, 2022)": who or where, and when
CITE_NOTE_RE = Spaced(  # (also "(Gao, Ma et al. 2022)", "(Paper: Gao et al. 2023)": several names, a label or a
    # venue, "(TODAES: JaCoP 2003)"; "(Lee+, 2019)": a Japanese note's "et al."; "(Lee, et al., 2021)"; a workshop at
    # its venue, "(RepL4NLP@ACL 2019)")
    r"\s*[(（](?:(?:Paper:\s*|[A-Z][A-Za-z]{1,11}:\s*)?[A-Z][\w'’\-]+(?:@[A-Z][\w\-]*)?(?:,\s*[A-Z][\w'’\-]+)*(?:,?\s+et\.?\s*al\.?|\+|\s+(?:and|&)\s+[A-Z][\w'’\-]+)?"
    r"|[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,4}|arXiv),?\s+(?:19|20)[0-9]{2}[a-z]?[)）]\s*$"
)
# A link whose text is such a citation in brackets, who and when ("[(Ram et al. 2023)](arXiv)", "[(lzacard & Trave
# 2020)](…)", a name typed in lower case too): the link of the title before it, not a title.
CITE_LINK_RE = re.compile(
    r"[(（](?:Paper:\s*)?[A-Za-z][\w'’\-]+(?:,\s*[A-Z][\w'’\-]+)*(?:\s+et\.?\s*al\.?|\s*(?:and|&)\s+[A-Z][\w'’\-]+)?"
    r",?\s+(?:19|20)[0-9]{2}[a-z]?[)）]"
)
VENUE_LEAD_RE = re.compile(  # "[IEEE Transactions on …] Title", "[ICLR 2024] Title", "(ICME 24') Title": where it appeared
    r"^\s*[\[【(（][^\[\]【】()（）]{0,80}?(?:Transactions|Conference|Journal|Proceedings|Symposium|Workshop|ICLR|NeurIPS|"
    r"NIPS|ICML|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|AAAI|IJCAI|KDD|TPAMI|JMLR|TMLR|(?:19|20)[0-9]{2}|'[0-9]{2}|[0-9]{2}')"
    r"[^\[\]【】()（）]{0,80}[\]】)）]\s*(?=[A-Z0-9])"
)
HOME_URL_RE = re.compile(r"^(?:https?://)?[\w\-]+(?:\.[\w\-]+)+/?$")  # a site's home page, no path
# A year in a text, not inside a longer number: its first two digits found, then the digit before them looked for (a
# pattern led by a look-behind is tried at every character)
YEAR_IN_RE = re.compile(r"(?:19|20)(?<![0-9]..)[0-9]{2}(?![0-9])")
EN_GLOSS_RE = re.compile(r"[(（](?P<en>[A-Za-z][^()（）]{8,250})[)）]\s*$")  # "中文标题（English Title）"
# The authors a citation starts with, before its linked title: "Alur, Radhakrishna, Udupa:", "Verma, Murali, Singh.",
# "Ann Lee and Bo Wu:", "Gulwani:" (each name a few capitalised words; matched on at most 200 characters).
_CITED = r"[A-Z][\w'’\-]*\.?(?:\s+(?:(?:van|von|de|der|la|le|da|di|del)\s+)?[A-Z][\w'’\-]*\.?){0,3}"
CITED_AUTHORS_RE = re.compile(
    rf"\s*{_CITED}(?:\s*,\s*(?:and\s+|&\s+)?{_CITED})*(?:,?\s+(?:and|&)\s+{_CITED})?(?:\s+et\.?\s+al\.?)?\s*[:.,]?\s*"
)
# A citation's note in brackets after its title: its first author, then its venue and year, then perhaps its other links'
# labels ("(Ann Lee, ICML 2015)", "(Bo Wu et al., 2018, code, note)", "(Cy Diaz, EMNLP 2020 Findings)")
CITED_NOTE = (
    rf"{_CITED}(?:\s+et\.?\s+al\.?)?\s*,\s*(?P<venue>(?:[A-Z][\w&'’\-]*\s+){{1,3}})?(?:19|20)[0-9]{{2}}[a-z]?\b"
    r"(?:\s+[A-Z]\w*)?(?:\s*,[^()（）]*)?"
)
CITED_NOTE_RE = re.compile(rf"\s*[(（]\s*{CITED_NOTE}\s*[)）]\s*[.,;]?\s*$")  # (after the title)
# A reading list's note after a title, its authors, venue and year: "(Lee et al. EMNLP 2023.)", "(Osei et al. 2028.)"
_VENUE_NOTE = (
    rf"[(（]\s*(?:{_CITED}(?:,?\s+(?:and|&)\s+{_CITED})?(?:\s+et\.?\s+al\.?)?[.,]?\s+)?"
    r"(?:[A-Z][\w&'’\-]*\s+){0,3}(?:19|20)[0-9]{2}[a-z]?\.?\s*[)）]"
)
VENUE_NOTE_RE = re.compile(rf"\s*{_VENUE_NOTE}\s*[.,;]?\s*$")
CITED_NOTE_BODY_RE = re.compile(CITED_NOTE)  # (the words in the brackets)
# A reference line of a course page: the first author ("Lee et al.", "Lee and Wu."), the title, then after its full stop
# where it appeared, a venue of a word or a few and its year ("CHI 2025", "Panel, CHI 2026", "arXiv 2025", "Workshop
# series, CHI 2022 to 2025"); its links only labels after it ("DOI", "PDF").
_REF_NAME = r"(?:[A-Z][\w'’\-]*\.?(?:\s+[A-Z][\w'’\-]*\.?){1,3}|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,6})"  # "Ann Lee", "山田太郎"
REFERENCE_LINE_RE = re.compile(  # (or the authors in full, "Ann Lee, Bo Wu.", "山田太郎, 佐藤花子.")
    r"(?:(?:[A-Z][\w'’\-]+(?:\s+et\.?\s+al\.|\s+(?:and|&)\s+[A-Z][\w'’\-]+\.)"
    rf"|{_REF_NAME}(?:\s*[,，、]\s*(?:and\s+)?{_REF_NAME}){{0,12}}(?:,?\s+(?:and|&)\s+{_REF_NAME})?\.)\s*)?"
    r"(?P<title>[^\s.][^\n]{8,300}?[^\s.])\.\s+"
    r"(?:[A-Z][A-Za-z\-]*(?:\s+[a-z]+)?,\s+)?(?:[A-Za-z][\w\-&]*\s+){1,4}(?:19|20)[0-9]{2}"
    r"(?:\s+(?:to|and|[-–])\s+(?:19|20)[0-9]{2})?\.?"
)
VENUE_YEAR_RE = re.compile(r"^[\s.,;:]*[A-Z][A-Za-z&\-]{1,15}\s?(?:'|’|(?:19|20))[0-9]{2}\b")  # "PLDI'17", ". ICML 2018"
AUTHORS_FIELD_RE = re.compile(r"^\W{0,3}(?:authors?|author\(s\)|作者|著者|저자)\s*[:：]\s*\S", re.IGNORECASE)  # "**作者**: L. Mei 等人"
# An APA reference's authors and year: "Linsker, R. (1990). ", "Friston, K. J., Parr, T., & de Vries, B. (2017b). "
APA_LEAD = (
    r"^[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?,\s(?:[A-Z]\.\s?){1,3}(?:,\s(?:&\s)?(?:[a-z]{1,3}\s)?[A-Z][\w'’\-]+"
    r"(?:\s[A-Z][\w'’\-]+)?,\s(?:[A-Z]\.\s?){1,3}){0,12},?\s?\((?:19|20)[0-9]{2}[a-z]?\)\.\s+"
)
APA_LEAD_RE = re.compile(APA_LEAD)
# A reference list's entry: its authors and year, then its title in quotes, then its venue or its links
# ('Lee, Ann et al. (2024). "Title of the paper." arXiv preprint arXiv:ID', the lines of one paragraph joined).
CITED_YEARS = r"\((?:19|20)[0-9]{2}[a-z]?(?:,\s*(?:19|20)[0-9]{2}[a-z]?)*\)"  # "(2024)", "(2023, 2024b)"
QUOTED_CITATION = (
    rf"^[A-Z][^\"“”()\n]{{1,150}}?{CITED_YEARS}\.\s+"
    r"[\"“](?P<cq>[^\"“”]{8,300}?)[.,]?[\"”]"
)
QUOTED_CITATION_RE = re.compile(QUOTED_CITATION)
# A reference without any link, in the shapes reading lists write one: '"Title" by Author et al. (2012)',
# 'Title by A. Author and B. Author (2014)', 'Title (Author 2020)' (the title in the named group).
EMPH_BY_RE = re.compile(r"[*_]*\s*,?\s+by\s+[A-Z]")  # after a line's italic title: "*Title* by Alan Turing"
# Google Scholar's MLA and Chicago forms: 'Lee, Ann, et al. "Title." Venue 34 (2031): 1-9.', 'Lee, Ann, and Bo Wu.
# "Title." Venue. Publisher, 2031.' (the first author's surname first, the title in quotes, a year after it)
MLA_CITATION = (
    r"^[A-Z][\w'’\-]+,\s[A-Z][\w'’\-]+(?:\s[A-Z]\.)?(?:,?\set\sal|,?\sand\s[A-Z][\w'’\-]+(?:\s[A-Z]\.)?\s[A-Z][\w'’\-]+)?\.\s+"
    r"[\"“](?P<mla>[^\"“”]{8,300}?)[.,]?[\"”]\s+[A-Za-z][^\"“”]{0,200}?(?:19|20)[0-9]{2}\b[^\"“”]{0,40}$"
)
MLA_CITATION_RE = re.compile(MLA_CITATION)
LINKLESS_CITATION_RE = re.compile(
    r"^\s*[\"“](?P<quoted>[^\"“”]{8,300})[\"”]\s*,?\s*(?:by\s+[^()（）]{2,150}?)?\s*[(（](?:19|20)[0-9]{2}[a-z]?[)）]\s*\.?\s*$"
    rf"|^(?P<by>[^()（）\"“”]{{8,300}}?)\s+by\s+(?:{_MANY}|{_NAME}(?:\s*,\s*{_NAME})*)\s*[(（](?:19|20)[0-9]{{2}}[a-z]?[)）]\s*\.?\s*$"
    r"|^(?P<named>[^()（）]{8,300}?)\s*[(（][A-Z][\w'’\-]+(?:\s+(?:et al\.?|(?:and|&)\s+[A-Z][\w'’\-]+))?,?\s+"
    r"(?:19|20)[0-9]{2}[)）]\s*$"
    rf"|{APA_LEAD}(?P<apa>[^.?!]{{8,300}}[?!]?)(?:\.|$)|{QUOTED_CITATION}"
    # "Title of the Paper. (Lee et al. EMNLP 2023.)", "Title? (ACL 2024.)": a reading list's note of venue and year
    rf"|^(?P<noted>[^()（）]{{8,300}}?[.?!])\s*[(（]\s*(?:{_CITED}(?:,?\s+(?:and|&)\s+{_CITED})?(?:\s+et\.?\s+al\.?)?[.,]?\s+)?"
    r"(?:[A-Z][\w&'’\-]*\s+){1,3}(?:19|20)[0-9]{2}[a-z]?\.?\s*[)）]\s*$"
    rf"|{MLA_CITATION}"
)
_CITED_YEAR_DIGITS_RE = re.compile(r"(?:19|20)[0-9]{2}")


def linkless_citation(text: str) -> re.Match[str] | None:
    """``LINKLESS_CITATION_RE.match(text)``, the pattern tried only on a text with a year's digits and an opening
    bracket or a quote: each of its alternatives holds a year and one of them ("(2012)", "(Author 2020)", "(Lee et al.
    EMNLP 2023.)", the MLA form's '"Title." Venue 34 (2031)' or '… Publisher, 2031.'), and its lazy runs made it slow
    on every other line (~45 us a line of a real article)."""
    if "(" not in text and "（" not in text and '"' not in text and "“" not in text:
        return None
    return LINKLESS_CITATION_RE.match(text) if _CITED_YEAR_DIGITS_RE.search(text) else None


# "Title of the Paper. (TODO)": a title and a short note in brackets (a citation where its siblings are: digest.py)
LOOSE_NOTE_RE = re.compile(r"^(?P<title>[^()（）]{8,300}?[.?!])\s*[(（][^()（）]{1,40}[)）]\s*$")
# What an item says a paper does, right after its bold name: "- **E2ESlack** proposes …" (a summary's list of papers).
DESCRIBED_RE = re.compile(
    r"\s*(?:[(（][^()（）]{1,40}[)）]\s*)?[,:：—–-]?\s*(?:proposes|introduces|presents|develops|explores|addresses|enhances|"
    r"leverages|combines|evaluates|emphasizes|demonstrates|studies|investigates|examines|provides|offers|achieves|"
    r"improves|analy[sz]es|describes|reviews|surveys|extends|tackles|shows|applies|utili[sz]es|employs|focuses|"
    r"highlights|integrates|uses|introduced|proposed|presented)\b",
    re.IGNORECASE,
)
PAPER_COLUMN_RE = re.compile(r"paper|publication|论文|文献|論文|文獻|논문", re.IGNORECASE)  # a table column of papers, not of posts

# A line that is a year alone ("2016"): a timeline's divider over the entries of that year (not a counter).
YEAR_LINE_RE = re.compile(r"\s*(?:19|20)[0-9]{2}\s*")
