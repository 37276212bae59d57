"""Another negotiation is another codebook: the whole pipeline follows a user's YAML file."""

import json

from typer.testing import CliRunner

from accordia.cli import app

CODEBOOK = """
issues:
  - id: loss-and-damage-fund
    label: A fund for climate loss and damage
    aliases: [loss and damage fund, loss-and-damage fund]
    keywords: []
  - id: coal-phase-out
    label: Phasing out unabated coal power
    aliases: [coal phase-out, phasing out coal]
    keywords: [coal]
groups: []
"""

ARTICLE = ("BELEM, Nov 14, 2025 (Test Wire) - Brazil backed the loss and damage fund on Friday, while India "
           "rejected the coal phase-out, delegates said. Colombia said it was undecided on the coal phase-out.\n")


def test_cli_reads_an_article_with_a_users_codebook(tmp_path):
    book = tmp_path / "climate.yaml"
    book.write_text(CODEBOOK)
    article = tmp_path / "cop.txt"
    article.write_text(ARTICLE)
    db = tmp_path / "kb.db"
    runner = CliRunner()
    result = runner.invoke(app, ["--codebook", str(book), "ingest", str(article), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["--codebook", str(book), "report", "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    got = {(p["actor"], p["issue"], p["stance"]) for p in json.loads(result.output)["positions"]}
    assert ("BRA", "loss-and-damage-fund", "support") in got
    assert ("IND", "coal-phase-out", "oppose") in got
    assert ("COL", "coal-phase-out", "undecided") in got


def test_a_broken_codebook_is_a_clear_error(tmp_path):
    book = tmp_path / "bad.yaml"
    book.write_text("issues: [{label: no id here}]\n")
    result = CliRunner().invoke(app, ["--codebook", str(book), "report", "--db", str(tmp_path / "kb.db")])
    assert result.exit_code != 0
    assert "codebook" in result.output.lower()
