import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from c2m.errors import ApplicationError
from orders.services.addresses import address_validate

BASE = {"name": "A. Person", "line1": "1 Main St", "city": "Somewhere"}


@pytest.mark.parametrize(
    "address",
    [
        {"country": "CN", "postal_code": "518000", "region": "Guangdong"},
        {"country": "CN", "postal_code": "200120", "region": "上海市"},
        {"country": "CN", "postal_code": "610000", "region": "四川省"},
        {"country": "us", "postal_code": "94103-1234", "region": "CA"},
        {"country": "DE", "postal_code": "10115"},
        {"country": "GB", "postal_code": "sw1a 1aa"},
        {"country": "JP", "postal_code": "100-0001", "region": "Tokyo"},
    ],
)
def test_valid_addresses_are_normalized(address):
    result = address_validate(raw=BASE | address)
    assert result["country"] == address["country"].upper()
    assert result["postal_code"] == address["postal_code"].upper()


@pytest.mark.parametrize(
    ("address", "field"),
    [
        ({"country": "CN", "postal_code": "51800", "region": "Guangdong"}, "postal_code"),
        ({"country": "CN", "postal_code": "518000"}, "region"),
        ({"country": "CN", "postal_code": "518000", "region": "Atlantis"}, "region"),
        ({"country": "US", "postal_code": "ABCDE", "region": "CA"}, "postal_code"),
        ({"country": "US", "postal_code": "94103", "region": "ZZ"}, "region"),
        ({"country": "DE", "postal_code": "1011"}, "postal_code"),
        ({"country": "GB", "postal_code": "12345"}, "postal_code"),
        ({"country": "JP", "postal_code": "1000001X", "region": "Tokyo"}, "postal_code"),
        ({"country": "XX", "postal_code": "1"}, "country"),
        ({"country": "DE", "postal_code": "10115", "name": ""}, "name"),
        ({"country": "DE", "postal_code": "10115", "line1": "x" * 500}, "line1"),
    ],
)
def test_bad_addresses_name_the_field(address, field):
    with pytest.raises(ApplicationError) as refused:
        address_validate(raw=BASE | address)
    assert refused.value.code == "invalid_address"
    assert field in refused.value.errors


def test_garbage_types_are_errors_not_crashes():
    with pytest.raises(ApplicationError):
        address_validate(raw={"country": ["CN"], "postal_code": {"x": 1}, "name": None})


def test_nul_bytes_are_refused_before_they_reach_postgresql():
    with pytest.raises(ApplicationError) as refused:
        address_validate(raw=BASE | {"country": "DE", "postal_code": "10115", "city": "Ber\x00lin"})
    assert "city" in refused.value.errors


@given(
    st.dictionaries(
        st.sampled_from(["name", "line1", "line2", "city", "region", "postal_code", "country"]),
        st.one_of(st.text(max_size=300), st.integers(), st.none(), st.lists(st.text())),
    )
)
@settings(max_examples=150, deadline=None)
def test_any_input_is_either_a_valid_address_or_a_clear_error(raw):
    try:
        address = address_validate(raw=raw)
    except ApplicationError as error:
        assert error.code == "invalid_address" and error.errors
    else:
        assert address["country"] in {"CN", "US", "DE", "GB", "JP"}
        assert all("\x00" not in value for value in address.values())
