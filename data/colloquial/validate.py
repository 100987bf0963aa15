#!/usr/bin/env python3
"""Check data/colloquial/questions.jsonl against the source texts.

Usage: python3 data/colloquial/validate.py [questions.jsonl]
Source texts are looked up in <repo>/corpus and <repo>/../shared/library
(override with COLLOQUIAL_DOC_DIRS, a colon-separated list of folders).
Exits 1 and lists every problem found; prints a summary and exits 0 when clean.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_DIRS = [os.path.join(REPO, "corpus"), os.path.join(os.path.dirname(REPO), "shared", "library")]

N_ROWS = 300
N_PER_DOC = 30
N_DOCS = 10
STYLES = {"everyday", "chatty", "keywords", "typo", "traditional"}
LANGS = {"zh", "zh-Hant"}
# allowed count per document for each style
STYLE_RANGE = {"everyday": (18, 22), "chatty": (4, 4), "keywords": (3, 3), "typo": (1, 2), "traditional": (2, 2)}
NAMES_RANGE = (12, 18)  # rows per document that name the document ("about half")
EVIDENCE_LEN = (8, 40)
FIELDS = {"id", "doc", "question", "evidence", "names_document", "style", "lang"}

# how people refer to each document; a row with names_document true must use one, a row with false none
ALIASES = {
    "speech.txt": ["书记", "務虛", "务虚", "書記", "讲话", "講話"],
    "1956年政府工作报告.txt": ["五六年", "56年", "1956年"],
    "1982年政府工作报告.txt": ["八二年", "82年", "1982年"],
    "2003年政府工作报告.txt": ["03年", "2003年", "二〇〇三年"],
    "2019年政府工作报告.txt": ["19年", "2019年"],
    "1960年政府工作报告.txt": ["六〇年", "60年", "1960年"],
    "1975年政府工作报告.txt": ["七五年", "75年", "1975年"],
    "2013年政府工作报告.txt": ["13年", "2013年"],
}
ALIASES_15 = ["十五大", "党代会", "黨代會"]
ALIASES_10 = ["十大", "党代会", "黨代會"]

# characters that only occur in simplified text, and their traditional forms
SIMP_ONLY = set("说报这们为么个时国会对发经过还进里吗样书讲话农业产设计划处动织队门问关现间东车长马鸟鱼劳费谁钱医实岁没来领导当从与机开军养续党义两湾")
TRAD_ONLY = set("說報這們為麼個時國會對發經過還進裡裏嗎樣書講話農業產設計劃處動織隊門問關現間東車長馬鳥魚勞費誰錢醫實歲沒來領導當從與機開軍養續黨義兩灣")

SENT_END = re.compile(r"[。！？；!?]")


def aliases_for(doc):
    if doc in ALIASES:
        return ALIASES[doc]
    if "十五大" in doc or "15大" in doc:
        return ALIASES_15
    if "10大" in doc or "第十次" in doc:
        return ALIASES_10
    return []


def find_doc(name, dirs):
    for d in dirs:
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return p
    return None


def norm(q):
    return re.sub(r"[\s\W_]+", "", q).lower()


def sentence_span(line, start, end):
    """Indices (first, last) of the sentences of `line` that the span [start, end) touches."""
    bounds = [m.end() for m in SENT_END.finditer(line)]
    def idx(pos):
        return sum(1 for b in bounds if b <= pos)
    return idx(start), idx(max(start, end - 1))


def main(path):
    dirs = os.environ.get("COLLOQUIAL_DOC_DIRS")
    dirs = dirs.split(":") if dirs else DEFAULT_DIRS
    errors = []
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                errors.append(f"line {n}: empty line")
                continue
            try:
                r = json.loads(raw)
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: bad JSON ({e})")
                continue
            if not isinstance(r, dict) or set(r) != FIELDS:
                errors.append(f"line {n}: fields {sorted(r) if isinstance(r, dict) else type(r)} != {sorted(FIELDS)}")
                continue
            rows.append((n, r))

    if len(rows) != N_ROWS:
        errors.append(f"{len(rows)} rows, expected {N_ROWS}")

    ids = Counter(r["id"] for _, r in rows)
    for i, c in ids.items():
        if c > 1:
            errors.append(f"id {i} used {c} times")

    docs_text = {}
    per_doc = defaultdict(list)
    seen_q = {}
    for n, r in rows:
        rid = r["id"]
        where = f"line {n} ({rid})"
        if not isinstance(rid, str) or not re.fullmatch(r"col-[0-9a-z]+-\d{2}", rid):
            errors.append(f"{where}: bad id")
        doc = r["doc"]
        if doc not in docs_text:
            p = find_doc(doc, dirs) if isinstance(doc, str) else None
            docs_text[doc] = None
            if p:
                with open(p, encoding="utf-8") as f:
                    docs_text[doc] = f.read().splitlines()
        lines = docs_text[doc]
        if lines is None:
            errors.append(f"{where}: document not found: {doc!r}")
        per_doc[doc].append(r)

        q = r["question"]
        if not isinstance(q, str) or not q.strip():
            errors.append(f"{where}: empty question")
            continue
        key = norm(q)
        if key in seen_q:
            errors.append(f"{where}: same question as {seen_q[key]}")
        seen_q[key] = rid

        style, lang = r["style"], r["lang"]
        if style not in STYLES:
            errors.append(f"{where}: bad style {style!r}")
        if lang not in LANGS:
            errors.append(f"{where}: bad lang {lang!r}")
        if (style == "traditional") != (lang == "zh-Hant"):
            errors.append(f"{where}: style {style} with lang {lang}")
        if lang == "zh-Hant":
            if set(q) & SIMP_ONLY:
                errors.append(f"{where}: simplified characters in a zh-Hant question: {''.join(sorted(set(q) & SIMP_ONLY))}")
            if not set(q) & TRAD_ONLY:
                errors.append(f"{where}: no traditional character in a zh-Hant question")
        elif set(q) & TRAD_ONLY:
            errors.append(f"{where}: traditional characters in a zh question: {''.join(sorted(set(q) & TRAD_ONLY))}")
        if style == "keywords":
            toks = q.split()
            if not 2 <= len(toks) <= 4 or re.search(r"[?？]", q):
                errors.append(f"{where}: keywords row should be 2-4 words without a question mark")
        if style == "chatty" and len(q) < 30:
            errors.append(f"{where}: chatty row shorter than 30 characters")
        if not isinstance(r["names_document"], bool):
            errors.append(f"{where}: names_document not a bool")
        else:
            al = aliases_for(doc)
            named = any(a in q for a in al)
            if r["names_document"] and not named:
                errors.append(f"{where}: names_document true but no way of naming the document found")
            if not r["names_document"] and named:
                errors.append(f"{where}: names_document false but the question names the document")

        ev = r["evidence"]
        if not (isinstance(ev, list) and len(ev) == 1 and isinstance(ev[0], str)):
            errors.append(f"{where}: evidence must be a list of one string")
            continue
        e = ev[0]
        if not EVIDENCE_LEN[0] <= len(e) <= EVIDENCE_LEN[1]:
            errors.append(f"{where}: evidence length {len(e)} not in {EVIDENCE_LEN}")
        if "\n" in e or "\r" in e:
            errors.append(f"{where}: line break in evidence")
        if e in q:
            errors.append(f"{where}: question contains the whole evidence")
        if lines is not None:
            hits = [i for i, ln in enumerate(lines) if e in ln]
            if not hits:
                errors.append(f"{where}: evidence not found verbatim on one line: {e!r}")
            else:
                r["_loc"] = hits

    # per-document counts, style mix, names, and no two rows on the same sentence
    if len(per_doc) != N_DOCS:
        errors.append(f"{len(per_doc)} documents, expected {N_DOCS}")
    for doc, rs in per_doc.items():
        if len(rs) != N_PER_DOC:
            errors.append(f"{doc}: {len(rs)} rows, expected {N_PER_DOC}")
        sc = Counter(r["style"] for r in rs)
        for s, (lo, hi) in STYLE_RANGE.items():
            if not lo <= sc.get(s, 0) <= hi:
                errors.append(f"{doc}: {sc.get(s, 0)} {s} rows, expected {lo}-{hi}")
        nn = sum(1 for r in rs if r["names_document"] is True)
        if not NAMES_RANGE[0] <= nn <= NAMES_RANGE[1]:
            errors.append(f"{doc}: {nn} rows name the document, expected {NAMES_RANGE[0]}-{NAMES_RANGE[1]}")
        lines = docs_text.get(doc)
        if not lines:
            continue
        taken = {}
        for r in rs:
            if "_loc" not in r:
                continue
            e = r["evidence"][0]
            if len(r["_loc"]) > 1:
                continue  # a phrase repeated on several lines: cannot pin its sentence
            li = r["_loc"][0]
            start = lines[li].find(e)
            a, b = sentence_span(lines[li], start, start + len(e))
            for s in range(a, b + 1):
                if (li, s) in taken:
                    errors.append(f"{r['id']}: same sentence as {taken[(li, s)]} (line {li + 1})")
                taken[(li, s)] = r["id"]

    if errors:
        for e in errors:
            print("ERROR", e)
        print(f"{len(errors)} problem(s)")
        return 1
    st = Counter(r["style"] for _, r in rows)
    named = sum(1 for _, r in rows if r["names_document"])
    print(f"OK: {len(rows)} rows, {len(per_doc)} documents, styles {dict(st)}, naming the document {named}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "questions.jsonl")))
