#!/usr/bin/env python3
"""Typesets the corpus-samples papers and writes their truth files.

Each paper is a small source file in scripts/samples/papers/<name>.paper:

    key: value                 header lines (title, authors, affil, journal, ...) up to a line "---"
    # Heading                  a section heading (typed exactly as it should appear)
    ## Heading                 a subsection heading
    [abstract]                 the next paragraph is the abstract
    [figure] caption           a figure (drawn with lines, no text) with this caption
    [table] caption            a table; following lines "a & b & c" are its rows, until a blank line
    [footnote] text            a footnote (no marker) on the current page
    [references]               following non-empty lines are references, one per line
    other lines                paragraph text; paragraphs are separated by blank lines

Inline markup: _{x} subscript, ^{x} superscript, and the characters ° μ ± × – % & which are
translated to LaTeX. The same source gives the LaTeX file and the truth file
(corpus-samples/truth/<name>.jsonl: one object per expected paragraph with kind, section,
section_type and the exact clean text synthdb should produce). Paragraphs of kind "other"
(authors, affiliations, table cells) are not listed in the truth file.
"""
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAPERS = ROOT / "scripts" / "samples" / "papers"
OUT = ROOT / "corpus-samples"


def section_type(heading: str) -> str:
    # Mirror of synthdb::classify_section (extract/core/types.cc).
    h = heading.lower()
    def any_of(words):
        return any(w in h for w in words)
    if any_of(["reference", "bibliograph", "literature cited", "notes and references"]):
        return "references"
    if any_of(["experiment", "method", "material", "synthes", "preparation", "procedure",
               "fabrication", "chemicals", "reagents"]):
        return "experimental"
    if any_of(["introduction", "background"]):
        return "introduction"
    if any_of(["result", "discussion", "characteri"]):
        return "results"
    if any_of(["conclusion", "summary", "outlook"]):
        return "conclusion"
    return "other"


def to_truth(s: str) -> str:
    s = re.sub(r"[_^]\{([^}]*)\}", r"\1", s)
    return s


def to_latex(s: str, degree: str) -> str:
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        m = re.match(r"([_^])\{([^}]*)\}", s[i:])
        if m:
            body = m.group(2).replace("-", "{-}")
            out.append("$%s{\\mathrm{%s}}$" % (m.group(1), body))
            i += m.end()
            continue
        if c == "°":
            if out and out[-1] == " ":
                out[-1] = "~"
            out.append("$^\\circ$" if degree == "math" else "\\textdegree{}")
        elif c == "μ":
            out.append("$\\mu$")
        elif c == "±":
            out.append("$\\pm$")
        elif c == "×":
            out.append("$\\times$")
        elif c == "–":
            out.append("--")
        elif c in "%&#":
            out.append("\\" + c)
        elif c == "'":
            out.append("\\textquotesingle{}")
        elif c == "~":
            out.append("\\textasciitilde{}")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def parse(path: Path):
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    meta = {}
    for line in head.splitlines():
        if line.strip() and not line.startswith("//"):
            k, v = line.split(":", 1)
            meta[k.strip()] = v.strip()
    blocks = []  # (type, payload)
    para = []
    lines = body.splitlines()
    i = 0
    in_refs = False

    def flush():
        if para:
            blocks.append(("para", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        if line.startswith("//"):
            continue
        if not line.strip():
            flush()
            continue
        if in_refs:
            blocks.append(("ref", line.strip()))
            continue
        if line.startswith("## "):
            flush(); blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            flush(); blocks.append(("h1", line[2:].strip()))
        elif line.startswith("[abstract]"):
            flush(); blocks.append(("abstract_next", ""))
        elif line.startswith("[figure]"):
            flush(); blocks.append(("figure", line[len("[figure]"):].strip()))
        elif line.startswith("[footnote]"):
            flush(); blocks.append(("footnote", line[len("[footnote]"):].strip()))
        elif line.startswith("[table]"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip():
                rows.append([c.strip() for c in lines[i].split("&")])
                i += 1
            blocks.append(("table", (line[len("[table]"):].strip(), rows)))
        elif line.startswith("[references]"):
            flush(); in_refs = True; blocks.append(("h1", meta.get("references_heading", "References")))
        else:
            para.append(line.strip())
    flush()
    return meta, blocks


PREAMBLE = r"""\documentclass[%(options)s]{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{textcomp}
\usepackage[%(geometry)s]{geometry}
\usepackage{fancyhdr}
\usepackage[labelsep=period,labelfont=bf,font=small]{caption}
%(extra)s
\input{glyphtounicode}
\pdfgentounicode=1
\pdfinfo{%(pdfinfo)s}
\setlength{\columnsep}{18pt}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[L]{\small %(running_left)s}
\fancyhead[R]{\small %(running_right)s}
\fancyfoot[C]{\small\thepage}
\renewcommand{\headrulewidth}{0.4pt}
\fancypagestyle{firstpage}{\fancyhf{}\fancyhead[L]{\small %(first_left)s}\fancyhead[R]{\small %(first_right)s}\fancyfoot[C]{\small\thepage}}
\setcounter{page}{%(first_page)s}
\begin{document}
"""


def latex_for(meta, blocks):
    deg = meta.get("degree", "textcomp")
    L = lambda s: to_latex(s, deg)
    layout = meta.get("layout", "twocol")
    options = "10pt,twocolumn" if layout == "twocol" else "11pt"
    geometry = "a4paper,margin=2cm,top=2.5cm,bottom=2.5cm" if layout == "twocol" else \
        "a4paper,margin=2.8cm,top=3cm,bottom=3cm"
    extra = ""
    if layout == "lineno":
        extra = "\\usepackage{lineno}\n\\usepackage{setspace}\n\\onehalfspacing"
    pdfinfo = ""
    if meta.get("info_title", "yes") == "yes":
        pdfinfo = "/Title (%s) /Subject (%s %s, %s, %s) /Author (%s)" % (
            meta["title"], meta["journal"], meta["year"], meta["volume"], meta["pages"],
            meta["authors"].replace("$", ""))
    pdfinfo += " /Creator (scripts/make-samples) /Producer (pdfTeX)"
    running_left = "%s %s, %s, %s" % (meta["journal_short"], meta["year"], meta["volume"],
                                      meta["pages"].replace("-", "--"))
    doc = [PREAMBLE % dict(options=options, geometry=geometry, extra=extra, pdfinfo=pdfinfo,
                           running_left=running_left, running_right=L(meta.get("running_right", "Article")),
                           first_left="%s" % meta["journal"],
                           first_right="%s, %s, %s" % (meta["year"], meta["volume"],
                                                       meta["pages"].replace("-", "--")),
                           first_page=meta["pages"].split("-")[0])]
    truth = []

    # Title block: full width above the columns in two-column papers.
    tb = []
    tb.append("{\\centering{\\LARGE\\bfseries %s\\par}\\vspace{10pt}\n" % L(meta["title"]))
    tb.append("{\\large %s\\par}\\vspace{4pt}\n" % L(meta["authors"]))
    tb.append("{\\small\\itshape %s\\par}\\vspace{4pt}\n" % L(meta["affil"]))
    tb.append("{\\small DOI: %s\\par}}\\vspace{12pt}\n" % meta["doi"])
    truth.append(dict(kind="title", section="", text=to_truth(meta["title"])))

    abstract_label = meta.get("abstract_label", "none")
    idx = 0
    abstract_text = None
    if blocks and blocks[0][0] == "abstract_next":
        abstract_text = blocks[1][1]
        idx = 2
    if abstract_text:
        if abstract_label == "heading":
            tb.append("{\\centering\\bfseries Abstract\\par}\\vspace{4pt}\n")
            truth.append(dict(kind="heading", section="Abstract", text="Abstract"))
            tb.append("{\\small %s\\par}\\vspace{10pt}\n" % L(abstract_text))
            truth.append(dict(kind="abstract", section="Abstract", text=to_truth(abstract_text)))
        else:
            tb.append("\\noindent{\\small %s\\par}\\vspace{10pt}\n" % L(abstract_text))
            truth.append(dict(kind="abstract", section="", text=to_truth(abstract_text)))
    if layout == "twocol":
        doc.append("\\twocolumn[\n\\begin{minipage}{\\textwidth}\n" + "".join(tb) +
                   "\\end{minipage}\\vspace{8pt}]\n")
    else:
        doc.append("".join(tb))
    doc.append("\\thispagestyle{firstpage}\n")
    if layout == "lineno":
        doc.append("\\linenumbers\n")

    section = ""
    top = ""
    fig_no = 0
    tab_no = 0
    refs = []
    for kind, payload in blocks[idx:]:
        if kind in ("h1", "h2"):
            shown = payload
            payload = to_truth(payload)
        if kind == "h1":
            section = top = payload
            if payload == meta.get("references_heading", "References"):
                continue
            doc.append("\\section*{%s}\n" % L(shown))
            truth.append(dict(kind="heading", section=payload, text=to_truth(payload)))
        elif kind == "h2":
            section = payload
            doc.append("\\subsection*{%s}\n" % L(shown))
            truth.append(dict(kind="heading", section=payload, text=to_truth(payload), top=top))
        elif kind == "para":
            doc.append(L(payload) + "\n\n")
            truth.append(dict(kind="body", section=section, text=to_truth(payload), top=top))
        elif kind == "figure":
            fig_no += 1
            doc.append("\\begin{figure}[tb]\\centering\n\\setlength{\\unitlength}{1pt}"
                       "\\begin{picture}(200,90)\\put(0,0){\\line(1,0){200}}\\put(0,0){\\line(0,1){90}}"
                       "\\qbezier(10,5)(60,10)(90,80)\\qbezier(90,80)(110,10)(190,5)\\end{picture}\n"
                       "\\caption{%s}\n\\end{figure}\n" % L(payload))
            truth.append(dict(kind="caption", section=section, float=True,
                              text="Figure %d. %s" % (fig_no, to_truth(payload)), top=top))
        elif kind == "table":
            tab_no += 1
            cap, rows = payload
            cols = max(len(r) for r in rows)
            body = "\\hline\n" + " \\\\\n".join(" & ".join(L(c) for c in r) for r in rows[:1]) + \
                " \\\\\n\\hline\n" + " \\\\\n".join(" & ".join(L(c) for c in r) for r in rows[1:]) + \
                " \\\\\n\\hline\n"
            doc.append("\\begin{table}[tb]\\centering\n\\caption{%s}\n\\footnotesize\\setlength{\\tabcolsep}{3pt}\\begin{tabular}{%s}\n%s"
                       "\\end{tabular}\n\\end{table}\n" % (L(cap), "l" * cols, body))
            truth.append(dict(kind="caption", section=section, float=True,
                              text="Table %d. %s" % (tab_no, to_truth(cap)), top=top))
        elif kind == "footnote":
            doc.append("{\\renewcommand{\\thefootnote}{}\\footnotetext{%s}}\n" % L(payload))
            truth.append(dict(kind="footnote", section=section, float=True, text=to_truth(payload),
                              top=top))
        elif kind == "ref":
            refs.append(payload)
    if refs:
        doc.append("\\begin{thebibliography}{99}\\small\n")
        for r in refs:
            doc.append("\\bibitem{} %s\n" % L(r))
        doc.append("\\end{thebibliography}\n")
        heading = meta.get("references_heading", "References")
        truth.append(dict(kind="heading", section=heading, text=heading))
        for n, r in enumerate(refs, 1):
            truth.append(dict(kind="reference", section=heading, text="[%d] %s" % (n, to_truth(r)),
                              top=heading))
    doc.append("\\end{document}\n")
    return "".join(doc), truth


def main():
    names = sys.argv[1:] or sorted(p.stem for p in PAPERS.glob("*.paper"))
    (OUT / "truth").mkdir(parents=True, exist_ok=True)
    for name in names:
        meta, blocks = parse(PAPERS / (name + ".paper"))
        tex, truth = latex_for(meta, blocks)
        with tempfile.TemporaryDirectory() as tmp:
            tex_path = Path(tmp) / (name + ".tex")
            tex_path.write_text(tex, encoding="utf-8")
            for _ in range(2):
                r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                                    tex_path.name], cwd=tmp, capture_output=True, text=True)
                if r.returncode != 0:
                    sys.stderr.write(r.stdout[-3000:])
                    raise SystemExit("pdflatex failed for " + name)
            (OUT / (name + ".pdf")).write_bytes((Path(tmp) / (name + ".pdf")).read_bytes())
        with open(OUT / "truth" / (name + ".jsonl"), "w", encoding="utf-8") as f:
            for t in truth:
                t["section_type"] = section_type(t.get("top") or t["section"]) \
                    if t["kind"] not in ("title", "abstract") else "other"
                if t.get("top") is not None and section_type(t["top"]) == "other":
                    t["section_type"] = section_type(t["section"])
                t.pop("top", None)
                f.write(json.dumps(t, ensure_ascii=False) + "\n")
        print("wrote corpus-samples/%s.pdf and truth/%s.jsonl" % (name, name))


if __name__ == "__main__":
    main()
