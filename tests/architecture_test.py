"""The import architecture of exedec_tf: no import cycles, no upward imports.

An `ast` scan of every module of `exedec_tf/`, `configs/` and `tfds_builders/`
(nothing is imported or executed). Run it as a script for a full report:

    python tests/architecture_test.py

What counts as an import:

* `import a.b`, `from a.b import c` (`a.b.c` when that is a module, else
  `a.b`) and relative imports, resolved to project modules; third-party
  imports are ignored. Names given to `importlib.import_module` as strings are
  not seen (the lazy `__getattr__` exports of a package, the generator lookup
  `exedec_tf.generation.<domain name>`); each of those points down the layers
  or inside its own package.
* Importing `a.b.c` also runs `a/__init__.py` and `a/b/__init__.py`; those
  implicit edges are not added, so a cycle is reported only when the modules
  themselves import each other.

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
"""

import ast
import dataclasses
import pathlib
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
ROOTS = ("exedec_tf", "configs", "tfds_builders")


@dataclasses.dataclass(frozen=True)
class Import:
    """One import statement of a project module, resolved to a project module.

    Attributes:
      importer: the dotted name of the importing module.
      target: the dotted name of the imported project module.
      line: the line of the statement.
      local: whether the statement is inside a function body.
    """

    importer: str
    target: str
    line: int
    local: bool

    def __str__(self):
        where = " (function-local)" if self.local else ""
        return f"{self.importer}:{self.line} imports {self.target}{where}"


def _module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, pathlib.Path]:
    """Dotted module name -> file of every module under ROOTS."""
    modules = {}
    for root in ROOTS:
        for path in sorted((REPO / root).rglob("*.py")):
            modules[_module_name(path)] = path
    return modules


class _ImportVisitor(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, modules):
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.modules = modules
        self.depth = 0  # function nesting
        self.imports: list[Import] = []

    def _function(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def _add(self, name: str, line: int):
        # The longest prefix that is a project module (`a.b.C` -> `a.b`).
        while name and name not in self.modules:
            name = name.rpartition(".")[0]
        if name and name != self.module:
            self.imports.append(Import(self.module, name, line, self.depth > 0))

    def visit_Import(self, node):
        for alias in node.names:
            if alias.name.split(".")[0] in ROOTS:
                self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node):
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            source = ".".join(base + ([node.module] if node.module else []))
        else:
            source = node.module or ""
        if source.split(".")[0] not in ROOTS:
            return
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            self._add(submodule if submodule in self.modules else source, node.lineno)


def project_imports() -> list[Import]:
    """Every import between project modules."""
    modules = project_modules()
    found = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        visitor = _ImportVisitor(name, path.name == "__init__.py", modules)
        visitor.visit(tree)
        found.extend(visitor.imports)
    # `from a import b, c` of two names of one module is one import.
    return list(dict.fromkeys(found))


def package_of(module: str) -> str:
    """The unit of the package-cycle rule: `exedec_tf.<top level>`, or the root."""
    parts = module.split(".")
    if parts[0] == "exedec_tf" and len(parts) > 1:
        return ".".join(parts[:2])
    return parts[0]


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def module_cycles(imports: list[Import]) -> list[list[str]]:
    """Cycles among modules through module-level imports."""
    edges: dict[str, set[str]] = {}
    for imp in imports:
        if not imp.local:
            edges.setdefault(imp.importer, set()).add(imp.target)
    return strongly_connected(edges)


def package_cycles(imports: list[Import]) -> list[list[str]]:
    """Cycles among packages through any import, function-local ones included."""
    edges: dict[str, set[str]] = {}
    for imp in imports:
        source, target = package_of(imp.importer), package_of(imp.target)
        if source != target:
            edges.setdefault(source, set()).add(target)
    return strongly_connected(edges)


def _within(module: str, prefixes) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


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
            if not _within(imp.importer, [self.package]):
                continue
            if _within(imp.target, [self.package]):
                continue
            allowed = self.may_import is None or _within(imp.target, self.may_import)
            if not allowed or _within(imp.target, self.must_not_import):
                bad.append(imp)
        return bad


E = "exedec_tf."
# Shared leaves every layer may use: the error base classes and the
# Experiment enum.
_LEAVES = (E + "errors", E + "experiments")
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

# Rules that main still breaks, each owned by a helper fixing it now. Strict:
# the test fails as soon as the rule holds, so the mark cannot outlive the fix.
_PRESETS_IMPORT_CONFIGS = (
    "presets.model_config imports the named-config registry `configs` "
    "(helper `presets`, issue #13)"
)
KNOWN_LAYER_VIOLATIONS = {
    "exedec_tf": (
        "the library still imports the named-config registry `configs`: the "
        "front ends in exedec_tf.commands and exedec_tf.demo resolve config "
        "names through it (helper `config`, issue #11 items 1-3: configs "
        "depends on the library, never the reverse), and " + _PRESETS_IMPORT_CONFIGS
    ),
    E + "presets": _PRESETS_IMPORT_CONFIGS,
}
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
