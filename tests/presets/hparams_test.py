import pytest

from exedec_tf.presets.hparams import HPARAM_KEYS, hparam_string, parse_hparam_string

PUBLISHED = (
    "adr=0.1,ara=True,dr=0.1,e=NONE,ed=512,hd=1024,l=0.0002,md=200,mpced=800,"
    "npb=32,s=10,scnpr=0.0,ura=True"
)


def test_round_trip_of_the_published_example():
    values = parse_hparam_string(PUBLISHED + "/")
    assert list(values) == [short for short, _ in HPARAM_KEYS]
    assert values["e"] == "NONE" and values["l"] == "0.0002"
    assert hparam_string(values) == PUBLISHED


def test_python_str_of_values():
    values = dict.fromkeys((k for k, _ in HPARAM_KEYS), 0)
    values.update(ara=True, l=0.0002, adr=0.1)
    text = hparam_string(values)
    assert text.startswith("adr=0.1,ara=True,dr=0,") and ",l=0.0002," in text


def test_missing_and_unknown_keys_are_named():
    with pytest.raises(ValueError, match=r"missing \['ara'") as info:
        hparam_string({"adr": 1, "zz": 2})
    assert "unknown ['zz']" in str(info.value)


@pytest.mark.parametrize("text", ["adr=0.1,oops", "a=1,a=2", "=3"])
def test_malformed_strings_are_refused(text):
    with pytest.raises(ValueError, match="hparam"):
        parse_hparam_string(text)
