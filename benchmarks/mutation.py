"""Mutation testing with mutmut over content/, editions/ and the exports: prints killed / total per module.

Not run in CI (a full run takes hours on two cores); mutmut is the `mutation` extra (pip install -e
".[mutation]"). Configuration is [tool.mutmut] in pyproject.toml; mutmut works in ./mutants/ (git-ignored)
and remembers results: a run without module names tests only the mutants not yet checked (and those of
functions that changed); naming modules tests all of theirs again. Equivalent survivors are listed, each with
its reason, in benchmarks/mutation_survivors.md.

    nice -n 10 python benchmarks/mutation.py                          # every mutant not yet checked
    nice -n 10 python benchmarks/mutation.py generator.content.limits # all of some modules (dotted; * allowed)
    python benchmarks/mutation.py --report                            # only print the score of what has run
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCOPE = ("generator.content.", "generator.editions.", "generator.site.exports")
# A mutant's name is its module, then x_<function> or xǁ<Class>ǁ<method>, then __mutmut_<n>.
NAME = re.compile(r"^\s*(?P<name>(?P<module>[\w.]+?)\.x[_ǁ][^:]*__mutmut_\d+): (?P<status>.+)$")


def _env() -> dict[str, str]:
    # mutmut must import the copies it mutated (in mutants/), not the worktree or an editable install.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def run(patterns: list[str]) -> None:
    """mutmut run over the given module patterns (none: every unchecked mutant), two child processes."""
    names = [p if p.endswith("*") else p + ".*" for p in patterns]
    subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", "2", *names], cwd=REPO, env=_env())


def score() -> dict[str, Counter[str]]:
    """Statuses per module from mutmut results --all."""
    command = [sys.executable, "-m", "mutmut", "results", "--all", "true"]
    out = subprocess.run(command, cwd=REPO, env=_env(), capture_output=True, text=True).stdout
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for line in out.splitlines():
        match = NAME.match(line)
        if match and match["module"].startswith(SCOPE):
            by_module[match["module"]][match["status"]] += 1
    return by_module


def report(by_module: dict[str, Counter[str]]) -> None:
    """killed / total per module (untested mutants 'not checked' count as not killed), and the total."""
    total = Counter[str]()
    print(f"{'module':40} {'killed':>7} {'total':>6} {'score':>6}  other statuses")
    for module in sorted(by_module):
        counts = by_module[module]
        total.update(counts)
        all_ = sum(counts.values())
        others = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k != "killed")
        print(f"{module:40} {counts['killed']:>7} {all_:>6} {counts['killed'] / all_:>6.0%}  {others}")
    all_ = sum(total.values())
    if all_:
        print(f"{'all':40} {total['killed']:>7} {all_:>6} {total['killed'] / all_:>6.0%}")
    checked = all_ - total["not checked"]
    if checked and checked != all_:
        name = "checked (not checked left out)"
        print(f"{name:40} {total['killed']:>7} {checked:>6} {total['killed'] / checked:>6.0%}")


def main(argv: list[str]) -> int:
    if argv[:1] != ["--report"]:
        run(argv)
    report(score())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
