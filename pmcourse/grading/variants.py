"""Variant submissions: the solution with one answer cell rewritten, and what grading must make of it.

Each assignment may have `tests/variants/<assignment>.toml`: a list of [[variant]] tables. A variant
says which answer cell to replace (by grade id), the code to put there, and the expectation:
`expect = "full"` (a correct answer written another way keeps full marks) or `expect = "lose"` (a known
misconception loses points; `lose` names the test cells that must fail and `hint` a phrase the visible
output must contain; every other test cell must keep full marks, because one slip costs one step, unless
`also_lose` names it and `why` says why it cannot carry the learner's earlier value forward). See
tests/variants/README.md.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

EXPECTATIONS = {"full", "lose"}


class VariantFileError(ValueError):
    """A variants file that cannot be used; the message names the file and the variant."""


@dataclass(frozen=True)
class Variant:
    name: str
    cell: str
    code: str
    expect: str
    notebook: str | None = None
    lose: tuple[str, ...] = field(default_factory=tuple)
    hint: str | None = None
    also_lose: tuple[str, ...] = field(default_factory=tuple)
    why: str | None = None

    @property
    def student_id(self) -> str:
        """The made-up student who hands this variant in: the name as a slug."""
        return "variant-" + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


def load_variants(path: Path, notebooks: list[str]) -> list[Variant]:
    """Parse and check a variants file against the assignment's notebooks; [] when the file is absent."""
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise VariantFileError(f"{path}: not valid TOML ({error})") from error
    variants = []
    names = set()
    for number, entry in enumerate(data.get("variant", []), start=1):
        where = f"{path} variant {number} ({entry.get('name', 'unnamed')!r})"
        unknown = set(entry) - {"name", "cell", "code", "expect", "notebook", "lose", "hint", "also_lose", "why"}
        missing = {"name", "cell", "code", "expect"} - set(entry)
        if unknown or missing:
            raise VariantFileError(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
        if entry["expect"] not in EXPECTATIONS:
            raise VariantFileError(f"{where}: expect must be one of {sorted(EXPECTATIONS)}")
        notebook = entry.get("notebook")
        if notebook is None and len(notebooks) != 1:
            raise VariantFileError(f"{where}: say which notebook (one of {notebooks})")
        if notebook is not None and notebook not in notebooks:
            raise VariantFileError(f"{where}: no notebook {notebook!r}; the assignment has {notebooks}")
        if entry["expect"] == "full" and {"lose", "hint", "also_lose", "why"} & set(entry):
            raise VariantFileError(f"{where}: a 'full' variant takes no 'lose', 'hint', 'also_lose' or 'why'")
        if entry["expect"] == "lose" and not entry.get("lose"):
            raise VariantFileError(f"{where}: a 'lose' variant names the test cells that lose points in 'lose'")
        if bool(entry.get("also_lose")) != bool(entry.get("why", "").strip()):
            raise VariantFileError(f"{where}: 'also_lose' (later cells that cannot carry the slip forward) "
                                   "needs 'why', and 'why' needs 'also_lose'")
        if entry["name"] in names:
            raise VariantFileError(f"{where}: two variants share this name")
        names.add(entry["name"])
        variants.append(Variant(name=entry["name"], cell=entry["cell"], code=entry["code"],
                                expect=entry["expect"], notebook=notebook or notebooks[0],
                                lose=tuple(entry.get("lose", ())), hint=entry.get("hint"),
                                also_lose=tuple(entry.get("also_lose", ())), why=entry.get("why")))
    return variants
