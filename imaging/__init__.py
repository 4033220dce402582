"""Customer artwork: upload intake, preflight, live preview (pure Pillow, no Django).

Public API re-exported here; the modules hold the details.
"""

from .compose import ArtworkLayer, TextLayer
from .errors import ArtworkRejected
from .fonts import FONTS, UnknownFont
from .geometry import Placement, PrintArea, mm_to_px
from .intake import ACCEPTED_FORMATS, NormalizedArtwork, UploadLimits, normalize_upload
from .mockups import Mockup, mockup_for
from .preflight import PreflightReport, preflight
from .preview import PreviewView, preview_source, render_preview, render_views

__all__ = [
    "ACCEPTED_FORMATS",
    "FONTS",
    "ArtworkLayer",
    "ArtworkRejected",
    "Mockup",
    "NormalizedArtwork",
    "Placement",
    "PreflightReport",
    "PreviewView",
    "PrintArea",
    "TextLayer",
    "UnknownFont",
    "UploadLimits",
    "mm_to_px",
    "mockup_for",
    "normalize_upload",
    "preflight",
    "preview_source",
    "render_preview",
    "render_views",
]
