"""The project's import graph, read with `ast` (nothing is imported or run).

Used by `tests/architecture_test.py`, which states the rules. What counts as
an import:

* `import a.b`, `from a.b import c` (`a.b.c` when that is a module, else
  `a.b`) and relative imports, resolved to project modules under ROOTS;
  third-party imports are ignored. Names given to `importlib.import_module`
  as strings are not seen.
* Importing `a.b.c` also runs `a/__init__.py` and `a/b/__init__.py`; those
  implicit edges are not added, so a cycle is reported only when the modules
  themselves import each other.
* An import inside a function body is marked `local`; class bodies and
  module-level `if`/`try` blocks run at import time and are not local.
"""

import ast
import dataclasses
import pathlib

REPO = pathlib.Path(__file__).resolve().parent.parent
ROOTS = ("exedec_tf", "configs", "tfds_builders")
# The installed names of the folders beside exedec_tf/ (setup.py): imports
# use these, the graph names the modules by folder.
INSTALLED_AS = {"exedec_tf.configs": "configs", "exedec_tf.datasets": "tfds_builders"}


def folder_name(name: str) -> str:
    """`exedec_tf.datasets.x` -> `tfds_builders.x`; other names unchanged."""
    for installed, folder in INSTALLED_AS.items():
        if name == installed or name.startswith(installed + "."):
            return folder + name[len(installed) :]
    return name


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
        name = folder_name(name)
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
        source = folder_name(source)
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            self._add(submodule if submodule in self.modules else source, node.lineno)


def imports_of(source: str, module: str, is_package: bool, modules) -> list[Import]:
    """The project imports in `source`, the text of `module`.

    Args:
      source: Python source text.
      module: its dotted name.
      is_package: whether it is a package's `__init__.py` (relative imports
        start from the module itself, not its parent).
      modules: every project module name (to tell `from a import b` of a
        submodule `a.b` from a name defined in `a`).
    """
    visitor = _ImportVisitor(module, is_package, modules)
    visitor.visit(ast.parse(source))
    return visitor.imports


def project_imports() -> list[Import]:
    """Every import between project modules."""
    modules = project_modules()
    found = []
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        found.extend(imports_of(path.read_text(), name, is_package, modules))
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


def within(module: str, prefixes) -> bool:
    """Whether `module` is one of `prefixes` or inside one of them."""
    return any(module == p or module.startswith(p + ".") for p in prefixes)
