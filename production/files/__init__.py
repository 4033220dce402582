"""Production files for factories: print-ready images and the job ticket PDF (pure, no Django)."""

from .job_ticket import job_ticket_pdf
from .print_files import find_cmyk_profile, print_file, rgb_to_cmyk_fallback, text_file

__all__ = ["find_cmyk_profile", "job_ticket_pdf", "print_file", "rgb_to_cmyk_fallback", "text_file"]
