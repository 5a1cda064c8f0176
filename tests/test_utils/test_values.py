import pytest

from mmrefine.utils import is_finite_number, is_integer


@pytest.mark.parametrize('value,integer,number', [(3, True, True), (-1, True, True), (2.5, False, True),
                                                  (True, False, False), ('1', False, False), (None, False, False),
                                                  (float('nan'), False, False), (float('inf'), False, False),
                                                  ([1], False, False)])
def test_json_value_checks(value, integer, number):
    assert is_integer(value) is integer
    assert is_finite_number(value) is number
