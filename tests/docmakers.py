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
