"""PDF briefs, working papers and reports as institutes publish them (fpdf2).

A cover with the program, the series and number, a large title, a subtitle, a byline
or a name line and the month; running headers and page numbers on the inner pages; and
the document information a word processor or a layout template leaves behind (a file
name, "Layout 1", a document number; the typist as author), never the real title.
"""
from __future__ import annotations

import random
from datetime import datetime, timezone

from fpdf import FPDF


class Paper(FPDF):
    running_head = ""
    plain_pages = 1     # the cover (and inside cover) carry no running head

    def header(self):
        if self.page_no() > self.plain_pages and self.running_head:
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 6, self.running_head, align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

    def footer(self):
        if self.page_no() > self.plain_pages:
            self.set_y(-14)
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, str(self.page_no()), align="C")


def new_paper(info_title: str, info_author: str, created: datetime, running_head: str = "",
              creator: str = "Microsoft Word") -> Paper:
    pdf = Paper(format="letter")
    pdf.running_head = running_head
    pdf.set_title(info_title)
    pdf.set_author(info_author)
    pdf.set_creator(creator)
    pdf.set_producer("Microsoft: Print To PDF" if "Word" in creator else "Adobe PDF Library 15.0")
    pdf.set_creation_date(created.replace(tzinfo=timezone.utc))
    pdf.set_auto_page_break(True, margin=20)
    return pdf


def cover(pdf: Paper, lines: list[tuple[str, str, float, float]]) -> None:
    """One cover page: (text, style, size, space after) top to bottom."""
    pdf.add_page()
    pdf.set_y(28)
    for text, style, size, after in lines:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(after)


def heading(pdf: Paper, text: str) -> None:
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def paragraphs(pdf: Paper, texts: list[str]) -> None:
    pdf.set_font("Times", size=11)
    for text in texts:
        pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)


def filler(seed: int, sentences: list[str], count: int, per_paragraph: int = 6) -> list[str]:
    """count paragraphs drawn from a section's sentences, figures varied so none repeat exactly."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        picked = rng.sample(sentences, min(per_paragraph, len(sentences)))
        out.append(" ".join(s.format(year=rng.randint(2004, 2018), pct=rng.randint(3, 61),
                                     n=rng.randint(2, 40)) for s in picked))
    return out


def long_paper(pdf: Paper, seed: int, sections: list[tuple[str, list[str]]], passing: list[str],
               paragraphs_per_section: int) -> None:
    """The inner pages: sections of paragraphs, with each passing mention placed once."""
    rng = random.Random(seed)
    places = rng.sample(range(1, len(sections) * paragraphs_per_section), len(passing))
    spots = dict(zip(places, passing))
    pdf.add_page()
    k = 0
    for title, sentences in sections:
        heading(pdf, title)
        body = filler(seed + k, sentences, paragraphs_per_section)
        for text in body:
            if k in spots:
                text = f"{text} {spots[k]}"
            paragraphs(pdf, [text])
            k += 1


def save(pdf: Paper, path) -> int:
    path.write_bytes(bytes(pdf.output()))
    return pdf.page_no()
