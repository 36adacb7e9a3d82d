"""Small hostile or broken files, as someone else could send them (helpers for the tests).

Each function returns the bytes of a file a user could pick with "Fortsätt med en sparad fil":
an answers file (JSON) or a PDF with an answers attachment.
"""

from __future__ import annotations

import json
import zlib

from fpdf import FPDF

from forms import registry
from forms.schema import Repeat

FORMAT = "sip-portalen/1"
DATA_FILE = "sip-portalen-svar.json"


def label(form_id: str, path: str) -> str:
    """A question's label, or a group's legend, as the blankett words it (the notices quote
    it): ``label("kallelse", "deltagare")``, ``label("kallelse", "deltagare.verksamhet")``."""
    name, _, inner = path.partition(".")
    item = registry.get_form(form_id).item(name)
    if inner:
        return next(f.label for f in item.fields if f.name == inner)
    return item.legend if isinstance(item, Repeat) else item.label


def quoted(form_id: str, path: str) -> str:
    """:func:`label` in the quotation marks of the notices: ``”Verksamheter som kallas”``."""
    return f"\u201d{label(form_id, path)}\u201d"


def answers_json(blankett: str, svar: object) -> bytes:
    """An answers file with any ``svar``."""
    payload = {"format": FORMAT, "blankett": blankett, "svar": svar}
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def deep_json(levels: int, blankett: str = "kallelse") -> bytes:
    """An answers file whose ``syfte`` is a list nested ``levels`` deep (a few kB)."""
    head = f'{{"format": "{FORMAT}", "blankett": "{blankett}", "svar": {{"syfte": '
    return (head + "[" * levels + "]" * levels + "}}").encode()


def pdf_with_attachment(data: bytes, *, compress: bool = True) -> bytes:
    """A one-page PDF carrying ``data`` as the portal's answers attachment."""
    pdf = FPDF()
    pdf.add_page()
    pdf.embed_file(
        bytes=data,
        basename=DATA_FILE,
        desc="Svaren",
        mime_type="application/json",
        compress=compress,
    )
    return bytes(pdf.output())


def bomb_pdf(megabytes: int = 70, blankett: str = "kallelse") -> bytes:
    """A small PDF whose answers inflate to ``megabytes`` MB: one enormous text."""
    head = f'{{"format": "{FORMAT}", "blankett": "{blankett}", "svar": {{"syfte": "'
    data = head.encode() + b"a" * (megabytes * 1_000_000) + b'"}}'
    return pdf_with_attachment(data)


def self_length_pdf() -> bytes:
    """A PDF whose answers stream gives its own object as its /Length."""
    content = zlib.compress(answers_json("kallelse", {"person_namn": "Ada"}))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"<< /Names [(" + DATA_FILE.encode() + b") 4 0 R] >>",
        b"<< /Type /Filespec /F (" + DATA_FILE.encode() + b") /EF << /F 5 0 R >> >>",
        b"<< /Type /EmbeddedFile /Filter /FlateDecode /Length 5 0 R >>\nstream\n"
        + content
        + b"\nendstream",
    ]
    return _assemble(objects)


def _assemble(objects: list[bytes]) -> bytes:
    """A PDF with these objects (numbered from 1) and a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
