"""Commands that only read start fast: they import neither spaCy nor the extractor."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from accordia.store import Store
from tests.store.helpers import stance_article

# Runs each command in one fresh interpreter and reports which heavy modules it imported.
PROBE = """
import json, sys
from accordia.cli import app
command = json.loads(sys.argv[1])
try:
    app(command, standalone_mode=False)
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc", "torch", "sklearn")
               or m.startswith("accordia.extract"))
print("HEAVY=" + json.dumps(heavy))
"""

READ_ONLY = [
    ["--help"],
    ["report", "--issue", "reassurance-force"],
    ["report", "--format", "json"],
    ["actor", "FRA"],
    ["changes", "--since", "2025-01-01"],
    ["analyse", "collisions"],
    ["analyse", "forecast"],
    ["export", "--format", "jsonl", "--out", "OUT"],
]


def test_read_only_commands_never_import_spacy_or_the_extractor(tmp_path):
    db = tmp_path / "kb.db"
    with Store.open(db) as store:
        text = "PARIS (Wire) - France supports the reassurance force. Poland opposes the reassurance force."
        article, facts = stance_article(text, date(2025, 3, 1), [
            ("FRA", "reassurance-force", "support", "France supports the reassurance force."),
            ("POL", "reassurance-force", "oppose", "Poland opposes the reassurance force.")])
        store.write(article, facts)
    for command in READ_ONLY:
        args = [a.replace("OUT", str(tmp_path / "out.jsonl")) for a in command]
        if args != ["--help"]:
            args = ["--db", str(db), *args]
        done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                              timeout=120)
        found = [line for line in done.stdout.splitlines() if line.startswith("HEAVY=")]
        assert found, f"{command}: no probe output: {done.stdout[-500:]} {done.stderr[-500:]}"
        assert json.loads(found[-1][len("HEAVY="):]) == [], f"{command} imported {found[-1]}"
        assert "Traceback" not in done.stderr, done.stderr[-800:]
