"""Reading artwork on behalf of its owner: nobody else's upload is ever found."""

from __future__ import annotations

import secrets
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.files.storage import default_storage
from django.db.models import Q

from c2m.errors import NotFound
from orders.models import Artwork

GUEST_TOKEN_SESSION_KEY = "c2m_artwork_owner"


@dataclass(frozen=True, slots=True)
class ArtworkOwner:
    """Who is asking: a signed-in customer (``user_id``), a guest browser (``guest_token``),
    or both (a guest who signed in keeps what they uploaded before)."""

    user_id: int | None = None
    guest_token: str | None = None

    def q(self) -> Q:
        q = Q(pk__in=[])
        if self.user_id is not None:
            q |= Q(customer_id=self.user_id)
        if self.guest_token:
            q |= Q(customer__isnull=True, guest_token=self.guest_token)
        return q


def artwork_owner_of(request: Any, *, create: bool = False) -> ArtworkOwner:
    """The owner behind an HTTP request; ``create`` gives a guest a token in their session.

    The token lives in the session data, which Django keeps when a guest signs in.
    """
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    token = request.session.get(GUEST_TOKEN_SESSION_KEY)
    if not token and create and user_id is None:
        token = secrets.token_urlsafe(24)
        request.session[GUEST_TOKEN_SESSION_KEY] = token
    return ArtworkOwner(user_id=user_id, guest_token=token or None)


def artwork_get_owned(*, public_id: str, owner: ArtworkOwner) -> Artwork:
    """The owner's artwork ``public_id``; ``NotFound`` for anyone else's or a missing one."""
    public_id = str(public_id)[:40]
    # PostgreSQL cannot even compare text with NUL in it: no such id exists.
    artwork = (
        Artwork.objects.filter(owner.q(), public_id=public_id).first()
        if "\x00" not in public_id
        else None
    )
    if artwork is None:
        raise NotFound("No such artwork.", code="artwork_not_found")
    return artwork


def artworks_owned(*, public_ids: Iterable[str], owner: ArtworkOwner) -> dict[str, Artwork]:
    """The owner's artworks among ``public_ids``, by public id (others are simply absent)."""
    return artworks_readable(public_ids=public_ids, owner=owner)


def artworks_readable(
    *, public_ids: Iterable[str], owner: ArtworkOwner, shared: Collection[str] = ()
) -> dict[str, Artwork]:
    """The artworks among ``public_ids`` the owner may look at, by public id: their own, and
    those in ``shared``, the ids a verified share token names (to see, never to order)."""
    ids = _clean_ids(public_ids)
    if not ids:
        return {}
    readable = owner.q()
    if shared:
        readable |= Q(public_id__in=ids & _clean_ids(shared))
    return {a.public_id: a for a in Artwork.objects.filter(readable, public_id__in=ids)}


def artworks_existing(*, public_ids: Iterable[str]) -> set[str]:
    """Which of ``public_ids`` still exist, whoever owns them: only for ids a verified share
    token names, to say which of its pictures is gone."""
    ids = _clean_ids(public_ids)
    return set(Artwork.objects.filter(public_id__in=ids).values_list("public_id", flat=True))


def _clean_ids(public_ids: Iterable[str]) -> set[str]:
    # PostgreSQL cannot even compare text with NUL in it: no such id exists.
    ids = {str(i)[:40] for i in public_ids} - {""}
    return {i for i in ids if "\x00" not in i}


def artwork_refs(values: Mapping[str, Any]) -> dict[str, str]:
    """``{option code: artwork public id}`` for every artwork value in configuration values."""
    return {
        code: value["artwork_id"]
        for code, value in values.items()
        if isinstance(value, Mapping) and isinstance(value.get("artwork_id"), str)
    }


def artwork_open(artwork: Artwork, *, preview: bool = False) -> bytes:
    """The stored PNG (or its downscaled preview source) of an artwork already authorized."""
    with default_storage.open(artwork.preview_path if preview else artwork.path, "rb") as handle:
        return handle.read()
