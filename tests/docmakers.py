"""Small document builders shared by the tests (PDFs with and without a text layer, HTML)."""
from fpdf import FPDF


def make_pdf(title: str, paragraphs: list[str], author: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


def make_textless_pdf() -> bytes:
    """A PDF with a drawing and no text layer, like a scan."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def make_html(title: str, body: str, author: str = "Duncan Wood", date: str = "2019-03-05") -> bytes:
    return f"""<!doctype html><html lang="en"><head><title>{title} | Wilson Center</title>
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T10:00:00Z">
<meta name="description" content="A short summary of the piece.">
</head><body>
<a class="skip-link" href="#main">Skip to main content</a>
<header><nav><ul><li><a href="/">Home</a></li><li>Topics</li></ul></nav></header>
<main><article><h1>{title}</h1>{body}
<div class="share-links">Share this on Facebook</div></article></main>
<aside class="related">Related content: something else entirely</aside>
<footer>© Wilson Center. All rights reserved. Privacy Policy</footer>
</body></html>""".encode()


def make_cover_pdf(title: str, *, above: list[str] = (), below: list[str] = (),
                   body: list[str] = (), later_pages: list[list[str]] = (),
                   info_title: str | None = "Microsoft Word - WP12_final.docx",
                   info_author: str | None = "jsmith") -> bytes:
    """A report as institutes print them: small lines above a large title, a byline and a
    date below it, body text, and document information as word processors leave it."""
    pdf = FPDF()
    if info_title:
        pdf.set_title(info_title)
    if info_author:
        pdf.set_author(info_author)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in above:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(12)
    pdf.set_font("Helvetica", "B", 26)
    pdf.multi_cell(0, 12, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=12)
    for line in below:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for paragraph in body:
        pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    for page in later_pages:
        pdf.add_page()
        for line in page:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_paged_pdf(title: str, pages: list[list[str]], footer: str | None = "{n}") -> bytes:
    """A long report: one list of paragraphs a page, each page ending in a printed page
    number (footer, with {n} and {total}; None for none), as the extractor then reads it."""
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_auto_page_break(False)
    for n, paragraphs in enumerate(pages, 1):
        pdf.add_page()
        if n == 1:
            pdf.set_font("Helvetica", "B", 20)
            pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        pdf.set_font("Helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        if footer:
            pdf.set_y(-18)
            pdf.set_font("Helvetica", size=9)
            pdf.cell(0, 6, footer.format(n=n, total=len(pages)), align="C")
    return bytes(pdf.output())
