"""The moves of repair requests and returns, pair by pair: the table agrees with the
business's rules (written here independently of ``CLAIM_MOVES``), and ``claim_move``
takes exactly the moves the claim's kind lists, recording each, refusing the rest."""

from __future__ import annotations

import itertools

import pytest

from c2m.errors import Conflict
from orders.models import CLAIM_MOVES, Claim, ClaimKind, ClaimStatus
from orders.services.claims import claim_file, claim_move
from tests.factories import PlantFactory, demo_product
from tests.orders.claims.conftest import delivered_order
from tests.orders.services.conftest import OAK_TABLE, TABLE_CAPABILITIES, buy
from tests.orders.services.test_warranty import delivered

C = ClaimStatus
K = ClaimKind
UNDECIDED = {C.OPEN, C.INFO_REQUESTED}


def repair_allows(current: str, target: str) -> bool:
    """A repair request: asked about while undecided, approved as a visit or declined once;
    the visit is done only after it was approved."""
    if current == target or current in {C.SERVICED, C.REJECTED}:
        return False
    if target == C.OPEN:
        return current == C.INFO_REQUESTED
    if target in {C.INFO_REQUESTED, C.SERVICE_SCHEDULED, C.REJECTED}:
        return current in UNDECIDED
    if target == C.SERVICED:
        return current == C.SERVICE_SCHEDULED
    return False  # never a reprint, a refund or a return


def return_allows(current: str, target: str) -> bool:
    """A return: approved (label) or declined once while undecided; the refund is owed
    only once the approved return was received, and paid only once owed."""
    if current == target or current in {C.REFUNDED, C.REJECTED}:
        return False
    if target == C.OPEN:
        return current == C.INFO_REQUESTED
    if target in {C.INFO_REQUESTED, C.RETURN_APPROVED, C.REJECTED}:
        return current in UNDECIDED
    if target == C.REFUND_PENDING:
        return current == C.RETURN_APPROVED
    if target == C.REFUNDED:
        return current == C.REFUND_PENDING
    return False  # never a reprint or a visit


RULES = {K.REPAIR: repair_allows, K.RETURN: return_allows}


@pytest.mark.parametrize("kind", [K.REPAIR, K.RETURN])
def test_each_kinds_table_is_its_business_rules(kind):
    for current, target in itertools.product(C.values, repeat=2):
        listed = target in CLAIM_MOVES[kind].get(current, frozenset())
        reachable = current in CLAIM_MOVES[kind]
        assert listed == (reachable and RULES[kind](current, target)), (kind, current, target)


def _filed(kind: str) -> Claim:
    if kind == K.REPAIR:
        PlantFactory(code="fs-wood", city="Foshan", capabilities=(*TABLE_CAPABILITIES, "repair"))
        order = buy(demo_product("TABLE-SOLID"), **OAK_TABLE)
        delivered(order)
        reason = "needs_repair"
    else:
        PlantFactory(code="sz-engrave", city="Shenzhen")
        order = delivered_order(demo_product("TUMBLER-ENGRAVED"), quantity=1).order
        reason = "changed_mind"
    return claim_file(
        order_id=order.pk,
        line_id=order.lines.get().pk,
        kind=kind,
        reason=reason,
        quantity=1,
        description="Please.",
        actor="customer",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [K.REPAIR, K.RETURN])
def test_claim_move_takes_exactly_the_moves_of_the_claims_kind(quiet_broker, kind):
    claim = _filed(kind)
    statuses = list(CLAIM_MOVES[kind])
    for current, target in itertools.product(statuses, C.values):
        # Test setup only: put the claim straight into the state under test.
        Claim.objects.filter(pk=claim.pk).update(status=current)
        claim.refresh_from_db()
        events = claim.events.count()
        if RULES[kind](current, target):
            claim_move(claim=claim, to=target, actor="test")
            assert Claim.objects.get(pk=claim.pk).status == target, (current, target)
            last = claim.events.last()
            assert (last.from_status, last.to_status) == (current, target)
        else:
            with pytest.raises(Conflict) as refused:
                claim_move(claim=claim, to=target, actor="test")
            assert refused.value.code == "invalid_transition", (current, target)
            assert Claim.objects.get(pk=claim.pk).status == current
            assert claim.events.count() == events
