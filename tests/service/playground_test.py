"""The playground page in headless Chromium (Debian's chromium and
chromium-driver, driven by Selenium): examples in, program, Python, the
subgoals of each step and per-example marks out. Screenshots go to the
test's tmp dir (or $EXEDEC_TEST_ARTIFACTS when set)."""

import os
import pathlib
import shutil

import pytest

from exedec_tf.service import ServiceSettings, build_app
from exedec_tf.service.engine import Engine
from exedec_tf.service.server import BackgroundServer
from exedec_tf.synthesis.options import LoopOptions
from tests.synthesis import cases
from tests.synthesis.fakes import ScriptedBeamModel

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="needs Debian's chromium and chromium-driver "
    "(apt-get install chromium chromium-driver; .ci/run installs them)",
)
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium")


def _engine() -> Engine:
    """Scripted ExeDec models: "upper-case, then '.'" for any last output.

    Without invalid detection the program stands even where an example
    wants another last character, so that example is marked unsatisfied.
    """
    ops = cases.RF_OPS
    spec = {
        ("AB.", "CD.", "EF.", "GH."): [(ops.spec_tokens("AB|CD|EF|GH"), -0.1)],
        ("AB.", "CD.", "EF.", "GH!"): [(ops.spec_tokens("AB|CD|EF|GH"), -0.1)],
        (".", ".", ".", "."): [(ops.spec_tokens(".|.|.|."), -0.2)],
        (".", ".", ".", "!"): [(ops.spec_tokens(".|.|.|."), -0.2)],
    }
    synth = {
        ("AB", "CD", "EF", "GH"): [(cases.TO_UPPER, -0.05)],
        (".", ".", ".", "."): [(cases.DOT, -0.01)],
    }
    models = {
        "spec_decomposer": ScriptedBeamModel(ops, spec, max_decode_length=16),
        "synthesizer": ScriptedBeamModel(ops, synth),
    }
    options = LoopOptions(detect_invalid=False, discard_repeat_functionality=False)
    return Engine(cases.RF, models, "separate", options)


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(flag)
    options.add_argument("--window-size=1100,1300")
    driver = webdriver.Chrome(
        service=webdriver.ChromeService(executable_path=DRIVER), options=options
    )
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture
def artifacts(tmp_path) -> pathlib.Path:
    folder = os.environ.get("EXEDEC_TEST_ARTIFACTS")
    path = pathlib.Path(folder) if folder else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _run(driver, timeout=60):
    from selenium.webdriver.support.ui import WebDriverWait

    # The page counts its replies on <body data-replies>; timings alone can
    # repeat to the millisecond between two runs.
    before = driver.find_element("tag name", "body").get_attribute("data-replies")
    driver.find_element("id", "run").click()
    WebDriverWait(driver, timeout).until(
        lambda d: d.find_element("tag name", "body").get_attribute("data-replies")
        != before
    )
    assert driver.find_element("id", "error").text == ""


def _rows(driver, table):
    return [
        [cell.text for cell in row.find_elements("css selector", "td")]
        for row in driver.find_elements("css selector", f"#{table} tbody tr")
    ]


def test_playground_shows_program_subgoals_and_marks(browser, artifacts):
    from selenium.webdriver.support.ui import WebDriverWait

    settings = ServiceSettings(default_beam_size=3, max_wait_s=0.0)
    with BackgroundServer(build_app(_engine(), settings)) as server:
        browser.get(server.url + "/")
        WebDriverWait(browser, 60).until(
            lambda d: len(d.find_elements("css selector", "#examples tbody tr")) == 4
        )
        assert (
            "robustfill models (separate), 4 examples"
            in browser.find_element("id", "served").text
        )
        _run(browser)
        assert browser.find_element("id", "dsl").text == (
            "ToCase_Case.ALL_CAPS | Const(.)"
        )
        assert (
            "dsl.ToCase(x, dsl.Case.ALL_CAPS)"
            in browser.find_element("id", "python").text
        )
        assert "Satisfies every example" in browser.find_element("id", "status").text
        rows = browser.find_elements("css selector", "#examples tbody tr")
        assert [r.get_attribute("class") for r in rows] == ["ok"] * 4
        assert [r[3:] for r in _rows(browser, "examples")] == [
            ["AB.", "✓"],
            ["CD.", "✓"],
            ["EF.", "✓"],
            ["GH.", "✓"],
        ]
        assert _rows(browser, "steps") == [
            ["1", "AB", "CD", "EF", "GH", "ToCase_Case.ALL_CAPS"],
            ["2", ".", ".", ".", ".", "Const(.)"],
        ]
        browser.save_screenshot(str(artifacts / "playground_solved.png"))

        last = browser.find_element("name", "output-3")
        last.clear()
        last.send_keys("GH!")
        _run(browser)
        assert "No program satisfies" in browser.find_element("id", "status").text
        rows = browser.find_elements("css selector", "#examples tbody tr")
        assert [r.get_attribute("class") for r in rows] == ["ok"] * 3 + ["bad"]
        assert _rows(browser, "examples")[3][3:] == ["GH.", "✗"]
        browser.save_screenshot(str(artifacts / "playground_unsatisfied.png"))

        # A refusal is shown, not swallowed.
        first = browser.find_element("name", "input-0")
        first.clear()
        first.send_keys("é")
        browser.find_element("id", "run").click()
        WebDriverWait(browser, 60).until(lambda d: d.find_element("id", "error").text)
        assert browser.find_element("id", "error").text.startswith("422: examples[0]")
    for name in ("playground_solved.png", "playground_unsatisfied.png"):
        assert (artifacts / name).stat().st_size > 10_000
