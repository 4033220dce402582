"""The order page of a split order as the shopper reads it: each item's status (and each
part's when plants share it), parcels with what they carry and a link to follow them, and a
timeline per item, newest first, without repeats."""

from __future__ import annotations

import re

import pytest

from tests.orders.order_page.conftest import page_of, report, section, text_of

pytestmark = pytest.mark.django_db


def items_of(html: str) -> dict[str, str]:
    """Each item's HTML by its line number."""
    chunks = re.split(r'<li class="item" data-line="(\d+)">', section(html, "order-items"))
    return dict(zip(chunks[1::2], chunks[2::2], strict=True))


def timeline_groups(html: str) -> dict[str, list[str]]:
    """Each timeline group's title and its rows' words, in the order shown."""
    chunks = re.split(r'<h3 class="timeline-title">(.*?)</h3>', section(html, "order-timeline"))
    return {
        text_of(title): [text_of(row) for row in re.findall(r"<li [^>]*>(.*?)</li>", rows, re.S)]
        for title, rows in zip(chunks[1::2], chunks[2::2], strict=True)
    }


def test_each_item_shows_its_status_and_a_split_item_each_parts(client, made_order):
    # Given the split line's first part shipped and its second part checked, and the
    # second line shipped
    report(made_order.part_one, "qc_passed", "shipped", carrier="SF Express", tracking_number="SF1")
    report(made_order.part_two, "qc_passed")
    report(made_order.second_line, "qc_passed", "shipped", carrier="EMS", tracking_number="E2")

    items = items_of(page_of(client, made_order.order))

    # Then the split item is partly shipped, part by part, and the other item on its way
    assert 'data-item-status="partly_shipped"' in items["1"]
    parts = re.findall(r'data-part-status="(\w+)"', items["1"])
    assert parts == ["shipped", "qc_passed"]
    assert "Part 1 of 2 · 2 pieces" in text_of(items["1"])
    assert "Part 2 of 2 · 1 piece" in text_of(items["1"])
    assert 'data-item-status="shipped"' in items["2"] and "data-part-status" not in items["2"]
    assert "On its way" in text_of(items["2"])


def test_parcels_say_what_they_carry_and_link_to_the_carrier(client, made_order):
    report(
        made_order.part_one,
        "qc_passed",
        "shipped",
        carrier="SF Express",
        tracking_number="SF1001",
        packages=[{"weight_kg": 0.6, "length_cm": 30, "width_cm": 20, "height_cm": 10}],
    )

    html = page_of(client, made_order.order)

    parcels = section(html, "order-parcels")
    assert 'href="https://www.sf-express.com/chn/en/waybill/waybill-detail/SF1001"' in parcels
    words = text_of(parcels)
    assert (
        "Inside: 2 × Engraved stainless steel tumbler (Capacity: 500 ml, Finish: Brushed steel)"
        in words
    )
    assert "0.6 kg · 30 × 20 × 10 cm" in words
    # Tied to its item on the item too; no raw data anywhere on the page
    assert "SF1001" in items_of(html)["1"] and "SF1001" not in items_of(html)["2"]
    assert "weight_kg" not in html and "{&#x27;" not in html and "{'" not in html


def test_a_carrier_without_a_tracking_page_shows_its_number_without_a_link(client, made_order):
    report(made_order.part_one, "qc_passed", "shipped", carrier="Lalamove", tracking_number="L9")

    parcels = section(page_of(client, made_order.order), "order-parcels")

    assert '<strong class="tracking-number">L9</strong>' in parcels and "href" not in parcels


def test_the_timeline_is_grouped_per_item_newest_first_and_says_each_step_once(client, made_order):
    # Given both parts of the split line started (two identical "in production" reports)
    report(made_order.part_two, "qc_passed")
    report(made_order.part_one, "qc_passed", "shipped", carrier="SF Express", tracking_number="SF1")

    groups = timeline_groups(page_of(client, made_order.order))

    # Then one group per item and one for the order, each newest first
    assert len(groups) == 3 and "Your order" in groups
    split_line = next(iter(groups.values()))
    assert split_line[0].endswith("Shipped · SF Express SF1")
    assert sum("In production" in row for row in split_line) == 1
    assert sum("Quality checked" in row for row in split_line) == 1
    assert [row.split(" ", 2)[2] for row in groups["Your order"]] == [
        "Payment received",
        "Order placed",
    ]
    second_line = list(groups.values())[1]
    assert second_line[0].endswith("In production") and "Shipped" not in " ".join(second_line)


def test_the_order_page_reads_a_split_order_in_a_fixed_number_of_queries(
    client, made_order, django_assert_max_num_queries
):
    report(made_order.part_one, "qc_passed", "shipped", carrier="SF Express", tracking_number="S1")
    report(made_order.second_line, "qc_passed", "shipped", carrier="EMS", tracking_number="E2")
    with django_assert_max_num_queries(12):
        page_of(client, made_order.order)


def test_a_chinese_reader_sees_names_and_designs_in_chinese(client, made_order):
    report(made_order.part_one, "qc_passed", "shipped", carrier="SF Express", tracking_number="SF7")

    html = page_of(client, made_order.order, language="zh-hans")

    item = text_of(items_of(html)["1"])
    parcel = text_of(section(html, "order-parcels"))
    item_titles = [title for title in timeline_groups(html) if title != "您的订单"]
    assert len(item_titles) == 2
    for words in (item, parcel, *item_titles):
        assert "不锈钢" in words and "tumbler" not in words
    assert "容量" in item and "Capacity" not in item
    assert "容量" in parcel and "Capacity" not in parcel
    # and the plant's city in Chinese: made in, sent from, accepted in
    assert "产自深圳" in item and "从深圳发出" in parcel
    assert "Shenzhen" not in text_of(html)
