"""Storefront artwork pages: upload (htmx or plain form), the owner's image, live preview."""

from __future__ import annotations

import io
from collections.abc import Collection
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST
from PIL import Image

from c2m.api import error_body
from c2m.errors import ApplicationError, NotFound
from c2m.request_rates import rate_limited, request_rate_take
from c2m.sign_in_guard import TooManyAttempts
from imaging import ArtworkRejected
from imaging.compose import render_text
from imaging.drawn_products import has_preview
from imaging.geometry import Placement
from orders.models import Artwork, Configuration, Product
from orders.pages.design_links import design_shared_artworks
from orders.selectors.artwork import artwork_owner_of, artworks_readable
from orders.services.artwork import artwork_preflight_by_area, artwork_upload
from orders.services.previews import (
    preview_key_matches,
    preview_options_from_query,
    preview_render,
)
from orders.uploads import artwork_upload_guard, too_large

PARTIAL = "orders/partials/artwork_upload.html"
UPLOAD_CONTEXT = ("sku", "option", "option_label", "form_id", "next")
PREVIEW_PARTIAL = "orders/partials/preview_image.html"
# The preview's width in pixels; not "size", which products use as an option code.
PREVIEW_PIXELS = "px"


def artwork_upload_context(
    request: HttpRequest,
    *,
    sku: str,
    option_code: str,
    option_label: str = "",
    form_id: str = "configurator",
    artwork: Artwork | None = None,
    error: str = "",
    next_url: str = "",
    shared_token: str = "",
) -> dict[str, Any]:
    """Everything ``orders/partials/artwork_upload.html`` shows, in the current language.

    ``shared_token``: the artwork is someone else's, seen through their share link.
    """
    reports = (
        preflight_reports(artwork, sku=sku, areas=option_print_areas(sku, option_code))
        if artwork is not None
        else []
    )
    image_url = f"/artworks/{artwork.public_id}/image/" if artwork else ""
    next_url = next_url or request.get_full_path()
    label = option_label or _("Your artwork")
    # In the form's URL, not only its body: the body of a file refused for its size is
    # never read, and the answer must still know which product and option it was for.
    context_query = urlencode(
        {
            "sku": sku,
            "option": option_code,
            "option_label": label,
            "form_id": form_id,
            "next": next_url,
        }
    )
    return {
        "sku": sku,
        "option_code": option_code,
        "option_label": label,
        "form_id": form_id,
        "artwork": artwork,
        "image_url": image_url,
        "thumbnail_url": _thumbnail_url(image_url, sku, shared_token) if artwork else "",
        "shared": bool(shared_token),
        "reports": reports,
        "error": error,
        "next": next_url,
        "upload_url": f"{reverse('orders:artwork_upload')}?{context_query}",
        "max_mb": f"{settings.ARTWORK_MAX_BYTES / (1024 * 1024):g}",
    }


def preflight_reports(
    artwork: Artwork,
    *,
    sku: str,
    areas: Collection[str] | None,
    placement: Placement | None = None,
) -> list[dict[str, Any]]:
    """How ``artwork`` prints in each of ``areas`` placed as ``placement`` (DPI level,
    coverage), each with its message in the current language."""
    language = "zh-hans" if (get_language() or "").startswith("zh") else "en"
    by_area = artwork_preflight_by_area(artwork=artwork, sku=sku, areas=areas, placement=placement)
    names = _print_area_names(sku, language)
    return [
        {"area": area, "name": names.get(area, area), "text": report["message"][language], **report}
        for area, report in by_area.items()
    ]


def _print_area_names(sku: str, language: str) -> dict[str, str]:
    """Each print area's name as the product's options give it ("Back", "背面"), by code."""
    names: dict[str, str] = {}
    for option in _artwork_options(sku):
        for area in option.get("print_areas", []):
            label = area.get("label")
            if isinstance(label, dict) and (label.get(language) or label.get("en")):
                names[str(area.get("code"))] = label.get(language) or label["en"]
    return names


def _thumbnail_url(image_url: str, sku: str, shared_token: str) -> str:
    query = {"size": "preview"}
    if shared_token:
        query |= {"sku": sku, "design": shared_token}
    return f"{image_url}?{urlencode(query)}"


def option_print_areas(sku: str, option_code: str) -> list[str] | None:
    """The print areas artwork option ``option_code`` of product ``sku`` prints on (None if
    there is no such option: then every area of the product is reported)."""
    for option in _artwork_options(sku):
        if option.get("code") == option_code:
            return [str(area.get("code")) for area in option.get("print_areas", [])]
    return None


def _artwork_options(sku: str) -> list[dict[str, Any]]:
    """The artwork options of product ``sku``'s definition, as stored."""
    definition = Product.objects.filter(sku=sku).values_list("definition", flat=True).first()
    options = (definition or {}).get("options", [])
    return [option for option in options if option.get("kind") == "artwork"]


@csrf_exempt
@require_POST
@rate_limited("upload")
def artwork_upload_view(request: HttpRequest) -> HttpResponse:
    """Multipart POST of ``file`` (+ ``sku``, ``option``, ``form_id``, ``next``).

    htmx gets the partial back (4xx with the message on refusal); a plain form post is
    redirected to ``next`` with ``?<option>=<artwork id>`` and a message.
    """
    # The upload handlers must be set before CSRF (or anything) reads the body, so CSRF
    # is checked just after, by the inner view.
    try:
        limiter = artwork_upload_guard(request)
    except ArtworkRejected as error:
        return _upload_answer(request, None, error)
    return _upload_checked(request, limiter)


@csrf_protect
def _upload_checked(request: HttpRequest, limiter: Any) -> HttpResponse:
    upload = request.FILES.get("file")
    try:
        if upload is None:
            if limiter.exceeded:
                raise too_large(limiter.max_bytes)
            raise ApplicationError(_("Choose an image file to upload."), code="file_required")
        artwork, _created = artwork_upload(
            owner=artwork_owner_of(request, create=True),
            file=upload,  # type: ignore[arg-type]  # an UploadedFile reads like a binary file
            original_name=upload.name or "",
        )
    except ApplicationError as error:
        return _upload_answer(request, None, error)
    return _upload_answer(request, artwork, None)


def _upload_answer(
    request: HttpRequest, artwork: Artwork | None, error: ApplicationError | None
) -> HttpResponse:
    # The control's context comes in the URL; a plain body field is the fallback.
    body = request.POST if request.method == "POST" and not error_is_size(error) else {}
    post = {key: request.GET.get(key) or body.get(key) for key in UPLOAD_CONTEXT}
    option = str(post.get("option") or "artwork")[:64]
    sku = str(post.get("sku") or "")[:64]
    next_url = str(post.get("next") or "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    if getattr(request, "htmx", False):
        context = artwork_upload_context(
            request,
            sku=sku,
            option_code=option,
            option_label=str(post.get("option_label") or "")[:120],
            form_id=str(post.get("form_id") or "configurator")[:64],
            artwork=artwork,
            error=error.detail if error else "",
            next_url=next_url,
        )
        response = render(request, PARTIAL, context, status=error.status if error else 200)
        if artwork is not None:
            # The configurator form listens for this to reprice and redraw the preview.
            response["HX-Trigger-After-Settle"] = "artwork-chosen"
        return response
    target = next_url or (f"/products/{sku}/" if sku else "/")
    if error is not None:
        messages.error(request, error.detail)
        return redirect(target)
    assert artwork is not None  # an answer without an error carries the artwork
    messages.success(request, _("Your artwork is uploaded."))
    return redirect(_with_query(target, {option: artwork.public_id}))


def error_is_size(error: ApplicationError | None) -> bool:
    # The body of a refused oversized upload was never read: do not read it now.
    return error is not None and error.code == "file_too_large"


def _with_query(url: str, params: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = "&".join(filter(None, [parts.query, urlencode(params)]))
    return urlunsplit(parts._replace(query=query))


@require_GET
def artwork_image(request: HttpRequest, public_id: str) -> FileResponse:
    """The owner's stored PNG (``?size=preview``: the 1000 px preview source); also for
    whoever holds a share link naming it (``sku`` + ``design``)."""
    shared = design_shared_artworks(str(request.GET.get("sku") or ""), request.GET.get("design"))
    found = artworks_readable(
        public_ids=[public_id], owner=artwork_owner_of(request), shared=shared
    )
    artwork = found.get(public_id)
    if artwork is None:
        raise Http404
    preview = request.GET.get("size") == "preview"
    path = artwork.preview_path if preview else artwork.path
    response = FileResponse(default_storage.open(path, "rb"), content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="{artwork.public_id}.png"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=86400"
    return response


@require_GET
def product_preview(request: HttpRequest, sku: str) -> HttpResponse:
    """The product mockup with the configuration's artwork and text, as WebP.

    The configuration comes as ``hash`` (a stored configuration), ``config`` (JSON) or
    one parameter per option (see ``preview_options_from_query``), and ``px`` for its
    width (200 to 2000, default 1000). Cached by content; the
    ETag is that content hash. Refusals: JSON ``{"code","detail","errors"}`` (or a PNG
    showing the message when only an image is acceptable), never a 500.
    """
    product = get_object_or_404(Product, sku=sku, is_active=True)
    try:
        request_rate_take("preview", request)
        size = _preview_size(request.GET.get(PREVIEW_PIXELS))
        if request.GET.get("hash"):
            configuration = Configuration.objects.filter(
                product=product, content_hash=str(request.GET["hash"])[:64]
            ).first()
            if configuration is None:
                raise NotFound(_("No such configuration."), code="configuration_not_found")
            options = configuration.values
        else:
            options = preview_options_from_query(product, request.GET)
        preview = preview_render(
            product=product,
            options=options,
            owner=artwork_owner_of(request),
            size=size,
            shared=design_shared_artworks(product.sku, request.GET.get("design")),
        )
    except ApplicationError as error:
        refused = _preview_error(
            request, error.status, error_body(error.code, error.detail, error.errors)
        )
        if isinstance(error, TooManyAttempts):
            refused["Retry-After"] = str(error.retry_after)
        return refused
    except (ValueError, OSError):
        body = error_body("preview_failed", _("This preview cannot be drawn."))
        return _preview_error(request, 400, body)
    etag = f'"{preview.key}"'
    if preview_key_matches(request.headers.get("If-None-Match", ""), preview.key):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(preview.image, content_type="image/webp")
    response["ETag"] = etag
    response["Cache-Control"] = "private, max-age=3600"
    # Two-view pictures name their views ("Front", "Back") in the reader's language.
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    response["X-Preview-Cache"] = "hit" if preview.cached else "miss"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def product_preview_frame(request: HttpRequest, sku: str) -> HttpResponse:
    """The preview partial (an ``<img>`` of ``product_preview`` for the same query), for htmx."""
    product = get_object_or_404(Product, sku=sku, is_active=True)
    return render(request, PREVIEW_PARTIAL, preview_context(request, product))


def preview_context(request: HttpRequest, product: Product) -> dict[str, Any]:
    """Context of ``orders/partials/preview_image.html`` for the request's configuration."""
    query = request.GET.copy()
    query.pop("csrfmiddlewaretoken", None)
    return {
        "product": product,
        "has_preview": has_preview(product.sku),
        "preview_url": f"/products/{product.sku}/preview/"
        + (f"?{query.urlencode()}" if query else ""),
    }


def _preview_size(raw: str | None) -> int:
    try:
        size = int(raw or 1000)
    except ValueError:
        size = 0
    if not 200 <= size <= 2000:
        raise ApplicationError(
            _("The preview size must be between 200 and 2000 pixels."),
            code="invalid_size",
            errors={PREVIEW_PIXELS: [_("Enter a whole number from 200 to 2000.")]},
        )
    return size


def _preview_error(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
    accept = request.headers.get("Accept", "")
    if "image/" in accept and "json" not in accept and "text/html" not in accept:
        image = Image.new("RGB", (800, 240), (245, 245, 245))
        text = render_text(body["detail"][:120], "DejaVuSans", 28, (160, 20, 20))
        image.paste(text, (max(0, (800 - text.width) // 2), (240 - text.height) // 2), text)
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        response = HttpResponse(buffer.getvalue(), content_type="image/png", status=status)
    else:
        response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response
