"""The import architecture of exedec_tf: no import cycles, no upward imports.

An `ast` scan (`tests/import_graph.py`: nothing is imported or executed) of
every module of `exedec_tf/`, `configs/` and `tfds_builders/`. For a full
report run `python -m tests.architecture_test` from the repository root.

The rules:

1. No cycle among modules, counting module-level imports (the ones that run
   at import time; class bodies count, function bodies do not). A
   function-local import cannot deadlock an import, but it still ties two
   modules together, so:
2. No cycle among packages (`exedec_tf.<top-level package or module>`,
   `configs`, `tfds_builders`), counting every import, function-local ones
   included.
3. The layering of LAYERS below, again counting every import: a lazy import
   that goes up a layer is still an upward dependency.

Dynamic imports by name are not seen (a package's lazy `__getattr__`
exports, the generator lookup `exedec_tf.generation.<domain name>`); each of
those points down the layers or inside its own package. Two look up plugins
above the library by name, on purpose, from the front-end layer only: the
command line's config registry (`exedec_tf.commands.registry`:
`exedec_tf.configs`, or `$EXEDEC_TF_CONFIGS`) and the dataset stage's TFDS
builder (`exedec_tf.stages.dataset.builder_class`:
`exedec_tf.datasets.exedec_<domain>`).
"""

import dataclasses
import sys

import pytest

from tests.import_graph import (
    Import,
    imports_of,
    module_cycles,
    package_cycles,
    package_of,
    project_imports,
    project_modules,
    strongly_connected,
    within,
)


@dataclasses.dataclass(frozen=True)
class Layer:
    """What the modules under `package` may import from the project.

    Attributes:
      package: the importing package (or module) prefix.
      may_import: project prefixes it may import besides itself; None: any
        not in `must_not_import`.
      must_not_import: project prefixes it must never import.
      why: the data-flow reason (ARCHITECTURE.md).
    """

    package: str
    may_import: tuple[str, ...] | None
    must_not_import: tuple[str, ...] = ()
    why: str = ""

    def violations(self, imports: list[Import]) -> list[Import]:
        """The imports of `imports` that break this rule."""
        bad = []
        for imp in imports:
            if not within(imp.importer, [self.package]):
                continue
            if within(imp.target, [self.package]):
                continue
            allowed = self.may_import is None or within(imp.target, self.may_import)
            if not allowed or within(imp.target, self.must_not_import):
                bad.append(imp)
        return bad


E = "exedec_tf."
# Shared leaves every layer may use: the error base classes and the
# Experiment enum.
_LEAVES = (E + "errors", E + "experiments", E + "lazy_exports")
# The front ends (and the config registry above the library) and what sits
# just below them: stage functions and presets call into every layer.
_FRONT_ENDS = (E + "cli", E + "commands", E + "demo", "configs")
_TOP = (*_FRONT_ENDS, E + "stages", E + "presets")

# The layering, bottom to top, derived from the data flow of ARCHITECTURE.md:
#   dsl -> domains -> generation -> data (+ tfds_builders) -> layers -> models
#   -> training; models -> decoding -> serving -> synthesis -> evaluation;
#   dsl/domains/data -> llm (a separate branch); front ends on top
#   (commands, cli, demo, stages, presets), configs above the library.
LAYERS = (
    Layer(
        "exedec_tf",
        None,
        ("configs", "tfds_builders"),
        "the library never imports the config registry or the TFDS builders",
    ),
    Layer(E + "errors", (), why="the exception base classes import nothing"),
    Layer(E + "experiments", (E + "errors",), why="a shared enum"),
    Layer(E + "lazy_exports", (), why="the packages' lazy names import nothing"),
    Layer(E + "dsl", (E + "errors",), why="the interpreters are pure Python leaves"),
    Layer(
        E + "domains",
        (E + "dsl", *_LEAVES),
        why="a Domain wraps a DSL; generators, pipelines and the loop use it",
    ),
    Layer(
        E + "generation",
        (E + "dsl", E + "domains", *_LEAVES),
        why="generators are pure Python over the DSLs",
    ),
    Layer(
        E + "data",
        (E + "dsl", E + "domains", E + "generation", E + "models.model_type", *_LEAVES),
        why="pipelines feed the models and never see them (but their ModelType)",
    ),
    Layer(E + "layers", _LEAVES, why="Keras layers know nothing of the system"),
    Layer(
        E + "models",
        (E + "layers", E + "domains", E + "dsl", *_LEAVES),
        why="models are built from layers; training, decoding and serving use them",
    ),
    Layer(
        E + "training",
        (E + "models", E + "layers", E + "data", E + "domains", E + "dsl", *_LEAVES),
        why="training fits models on pipelines",
    ),
    Layer(
        E + "decoding",
        (E + "models", E + "layers", *_LEAVES),
        why="beam search runs models; serving exports it",
    ),
    Layer(
        E + "serving",
        None,
        (E + "synthesis", E + "evaluation", E + "llm", E + "data", *_TOP),
        why="SavedModels are loaded by the ExeDec loop, not the reverse",
    ),
    Layer(
        E + "synthesis",
        None,
        (E + "evaluation", E + "llm", E + "training", *_TOP),
        why="the ExeDec loop runs models; evaluation drives it",
    ),
    Layer(
        E + "evaluation",
        None,
        (E + "llm", E + "training", *_TOP),
        why="evaluation drives the loop over released problems",
    ),
    Layer(
        E + "llm",
        (E + "dsl", E + "domains", E + "data", *_LEAVES),
        why="the LLM harness is its own branch over the released llm problems",
    ),
    Layer(
        E + "stages",
        None,
        (*_FRONT_ENDS, E + "presets"),
        "a stage is a library function the front ends call",
    ),
    Layer(
        E + "presets",
        None,
        (*_FRONT_ENDS, E + "stages"),
        "presets load published models for the front ends and the library",
    ),
    Layer(
        "tfds_builders",
        (E + "data", E + "domains", E + "generation", *_LEAVES),
        why="builders are thin shells over exedec_tf.data.tfds_base",
    ),
)

# Rules that main still breaks, each with the reason and who fixes it. Strict:
# the test fails as soon as the rule holds, so the mark cannot outlive the fix.
KNOWN_LAYER_VIOLATIONS: dict[str, str] = {}
KNOWN_MODULE_CYCLES: dict[str, str] = {}
KNOWN_PACKAGE_CYCLES: dict[str, str] = {}


def _params(names, known):
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=known[name]))
        if name in known
        else name
        for name in names
    ]


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return project_imports()


def test_the_scan_sees_known_imports(imports):
    # A scan that finds nothing would pass every rule.
    edges = {(i.importer, i.target) for i in imports}
    assert ("exedec_tf.domains.deepcoder", "exedec_tf.domains.base") in edges
    assert ("exedec_tf.domains.deepcoder", "exedec_tf.dsl.deepcoder") in edges
    local = {(i.importer, i.target) for i in imports if i.local}
    assert (
        "exedec_tf.domains.deepcoder",
        "exedec_tf.domains.loop_ops_deepcoder",
    ) in local
    assert len(project_modules()) > 150


def test_relative_local_and_third_party_imports():
    modules = {
        "exedec_tf",
        "exedec_tf.a",
        "exedec_tf.a.b",
        "exedec_tf.a.c",
        "exedec_tf.d",
    }
    source = (
        "import numpy\n"
        "from . import c\n"
        "from ..d import Thing\n"
        "class K:\n"
        "    import exedec_tf.d\n"
        "def f():\n"
        "    from exedec_tf.a.c import Other\n"
    )
    found = imports_of(source, "exedec_tf.a.b", False, modules)
    assert [(i.target, i.line, i.local) for i in found] == [
        ("exedec_tf.a.c", 2, False),
        ("exedec_tf.d", 3, False),
        ("exedec_tf.d", 5, False),
        ("exedec_tf.a.c", 7, True),
    ]
    # In a package's __init__, `.` is the package itself.
    [imp] = imports_of("from . import b\n", "exedec_tf.a", True, modules)
    assert imp.target == "exedec_tf.a.b"


def test_installed_names_are_read_as_their_folders():
    # `exedec_tf.datasets.x` is the module tfds_builders/x (setup.py).
    modules = {"configs", "configs.registry", "tfds_builders", "tfds_builders.b"}
    source = (
        "from exedec_tf.configs import registry\n"
        "import exedec_tf.datasets.b\n"
        "from exedec_tf.datasets import b\n"
    )
    found = imports_of(source, "exedec_tf.x", False, modules)
    assert [i.target for i in found] == [
        "configs.registry",
        "tfds_builders.b",
        "tfds_builders.b",
    ]


def test_cycle_finder():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert strongly_connected(edges) == [["a", "b", "c"]]


def test_layer_rule_finds_an_upward_import():
    upward = Import("exedec_tf.domains.x", "exedec_tf.generation.y", 3, True)
    inside = Import("exedec_tf.domains.x", "exedec_tf.domains.y", 4, False)
    down = Import("exedec_tf.domains.x", "exedec_tf.dsl.y", 5, False)
    rule = next(r for r in LAYERS if r.package == E + "domains")
    assert rule.violations([upward, inside, down]) == [upward]


def _package_names():
    return sorted({package_of(m) for m in project_modules()})


@pytest.mark.parametrize("package", _params(_package_names(), KNOWN_MODULE_CYCLES))
def test_no_module_import_cycle(imports, package):
    cycles = [
        c for c in module_cycles(imports) if any(package_of(m) == package for m in c)
    ]
    assert not cycles, f"module-level import cycles through {package}: {cycles}"


@pytest.mark.parametrize("package", _params(_package_names(), KNOWN_PACKAGE_CYCLES))
def test_no_package_import_cycle(imports, package):
    cycles = [c for c in package_cycles(imports) if package in c]
    detail = [
        str(i)
        for i in imports
        if package_of(i.importer) != package_of(i.target)
        and any(
            {package_of(i.importer), package_of(i.target)} <= set(c) for c in cycles
        )
    ]
    assert not cycles, f"package cycles through {package}: {cycles}\n" + "\n".join(
        detail
    )


@pytest.mark.parametrize(
    "package", _params([r.package for r in LAYERS], KNOWN_LAYER_VIOLATIONS)
)
def test_layering(imports, package):
    rule = next(r for r in LAYERS if r.package == package)
    bad = rule.violations(imports)
    assert not bad, f"{package} ({rule.why}):\n" + "\n".join(map(str, bad))


def main() -> int:
    """Prints every cycle and layering violation; exit status 1 if any."""
    imports = project_imports()
    problems = [f"module cycle: {c}" for c in module_cycles(imports)]
    problems += [f"package cycle: {c}" for c in package_cycles(imports)]
    for rule in LAYERS:
        problems += [f"{rule.package}: {imp}" for imp in rule.violations(imports)]
    print("\n".join(problems) or f"{len(imports)} imports, no violation")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
