"""Word files as librarians receive them (python-docx): a draft op-ed, a Spanish policy
note, an event summary. Core properties are whatever Word left: sometimes the real title
and author, sometimes "Document1" and the typist."""
from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.shared import Pt


def _docx(path, title: str, author: str, created: datetime, body: list[tuple[str, str]]) -> None:
    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.created = props.modified = created
    props.revision = 3
    for style, text in body:
        if style == "title":
            doc.add_heading(text, level=0)
        elif style == "h":
            doc.add_heading(text, level=2)
        else:
            run = doc.add_paragraph().add_run(text)
            run.font.size = Pt(11)
            run.italic = style == "i"
    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(_fixed_zip_times(buffer.getvalue()))


def _fixed_zip_times(data: bytes) -> bytes:
    """The same bytes on every run: python-docx stamps each zip entry with the current time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, (2020, 1, 1, 0, 0, 0)), src.read(info))
    return out.getvalue()


def write_docx(folder) -> list[str]:
    _docx(folder / "oped-draft-border-wall.docx", "", "jsmith", datetime(2017, 1, 24, 18, 3), [
        ("title", "The Border Needs More Than a Wall"),
        ("p", "By Ana Pérez"),
        ("p", "January 25, 2017"),
        ("p", "President Trump's executive order on the border wall treats a shared border of 2,000 "
              "miles as a line to be closed. It is, in fact, the busiest border in the world."),
        ("p", "Every day about a million people and $1.5 billion in goods cross it legally. The "
              "ports of entry, not the desert between them, are where drugs and people are smuggled."),
        ("p", "Congress should fund inspectors, scanners and wider bridges before concrete. The "
              "politics of the wall may win a campaign; it will not secure the border."),
        ("i", "Ana Pérez is a Global Fellow at the Mexico Institute. This op-ed first appeared in "
              "the Dallas Morning News."),
    ])
    _docx(folder / "nota-politica-reforma-judicial.docx", "La reforma judicial y el estado de derecho",
          "Mónica Salazar", datetime(2021, 9, 14, 10, 20), [
        ("p", "NOTA DE POLÍTICA"),
        ("title", "La reforma judicial y el estado de derecho"),
        ("p", "Por Mónica Salazar"),
        ("p", "15 de septiembre de 2021"),
        ("h", "Resumen"),
        ("p", "La reforma al poder judicial federal aprobada en marzo cambió la carrera judicial, "
              "creó tribunales colegiados de apelación y dio más poder al Consejo de la Judicatura."),
        ("p", "Esta nota de política analiza sus efectos sobre la independencia de los jueces y la "
              "lucha contra la corrupción y la impunidad."),
        ("h", "Recomendaciones"),
        ("p", "Concursos públicos para nombrar jueces, transparencia en la asignación de casos y una "
              "evaluación independiente de la reforma a los tres años."),
    ])
    _docx(folder / "event-summary-rio-grande-water-energy.docx", "Document1", "Intern",
          datetime(2018, 4, 13, 9, 0), [
        ("p", "EVENT SUMMARY"),
        ("title", "Water and Energy in the Rio Grande Basin"),
        ("p", "April 11, 2018 | Environmental Change and Security Program"),
        ("p", "On April 11 the Environmental Change and Security Program hosted a panel on the links "
              "between water and energy along the Rio Grande."),
        ("p", "Panelists described how power plants in Coahuila and Texas compete with farms and "
              "cities for water during droughts, and how solar generation could reduce that demand."),
        ("p", "Speakers: Daniel Ocampo, Water Policy Fellow; Laura Medina, Texas Water Development "
              "Board; Arturo Leal, Comisión Nacional del Agua."),
    ])
    return ["oped-draft-border-wall.docx", "nota-politica-reforma-judicial.docx",
            "event-summary-rio-grande-water-energy.docx"]
