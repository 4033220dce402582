"""Production files for factories: print-ready images, engraving/embroidery outlines (SVG,
DXF) and the job ticket PDF (pure, no Django)."""

from .job_ticket import job_ticket_pdf
from .print_files import cmyk_profile_path, print_file, text_file
from .vector_text import text_dxf, text_svg

__all__ = ["cmyk_profile_path", "job_ticket_pdf", "print_file", "text_dxf", "text_file", "text_svg"]
