"""The shipped codebook and the checks a user's codebook goes through."""

from pathlib import Path

import pytest
import yaml

from accordia.reference import load_codebook

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "codebook.yaml"
IDS = ["reassurance-force", "us-backstop", "security-guarantees", "peace-plan", "ceasefire",
       "ukraine-nato-membership", "territorial-concessions", "frozen-assets", "russia-sanctions",
       "ukraine-army-cap", "european-say"]


def test_default_codebook_has_the_issue_ids():
    book = load_codebook()
    assert book.ids() == IDS
    assert book.issue("peace-plan").proposal is True
    assert book.issue("ceasefire").proposal is False
    assert "boots on the ground" in book.issue("reassurance-force").aliases
    assert "truce" in book.issue("ceasefire").keywords
    assert "ceasefire" in book and "no-such-issue" not in book
    assert set(book.group_ids()) >= {"coalition-of-the-willing", "e3", "g7", "g20", "eu", "nato"}


def test_every_issue_has_aliases():
    for issue in load_codebook().issues:
        assert issue.aliases, issue.id


@pytest.mark.skipif(not SHARED.exists(), reason="shared development corpus not present")
def test_default_extends_the_shared_codebook():
    shared = yaml.safe_load(SHARED.read_text(encoding="utf-8"))
    book = load_codebook()
    assert book.ids() == [i["id"] for i in shared["issues"]]
    assert book.group_ids() == [g["id"] for g in shared["groups"]]
    for item in shared["issues"]:
        assert len(book.issue(item["id"]).aliases) > len(item["aliases"]), item["id"]


def test_unknown_issue_raises_keyerror_naming_it():
    with pytest.raises(KeyError, match="no-such"):
        load_codebook().issue("no-such")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_codebook_loads(tmp_path):
    path = _write(tmp_path, "issues:\n  - id: emission-cuts\n    label: Deeper emission cuts\n"
                            "    aliases: [emission cuts, 1.5 degrees]\n    keywords: [emission]\n")
    book = load_codebook(path)
    assert book.ids() == ["emission-cuts"] and book.groups == []
    assert book.issue("emission-cuts").aliases == ("emission cuts", "1.5 degrees")


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"),
    ("issues: [", "not valid YAML"),
    ("- just a list\n", "mapping"),
    ("issues: []\n", "non-empty list"),
    ("issues:\n  - label: No id\n", "'id'"),
    ("issues:\n  - id: Bad Id\n    label: x\n", "'id'"),
    ("issues:\n  - id: a\n    label: x\n  - id: a\n    label: y\n", "twice"),
    ("issues:\n  - id: a\n", "'label'"),
    ("issues:\n  - id: a\n    label: x\n    alias: [typo]\n", "unknown key"),
    ("issues:\n  - id: a\n    label: x\n    aliases: one phrase\n", "expected a list"),
    ("issues:\n  - id: a\n    label: x\n    proposal: maybe\n", "'proposal'"),
    ("issues:\n  - id: a\n    label: x\ngroups: nope\n", "'groups'"),
    ("issue:\n  - id: a\n", "unknown top-level"),
])
def test_bad_codebooks_fail_with_a_clear_message(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        load_codebook(_write(tmp_path, text))


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(ValueError, match="no such file"):
        load_codebook(tmp_path / "absent.yaml")
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\x00\x01\x02issues")
    with pytest.raises(ValueError, match="binary"):
        load_codebook(binary)


def test_pledges_and_procedural_flags(tmp_path):
    from accordia.reference import load_codebook

    book = tmp_path / "book.yaml"
    book.write_text("issues:\n"
                    "  - {id: fund, label: A fund, aliases: [the fund], pledges: [money]}\n"
                    "  - {id: say, label: A say, aliases: [a say], procedural: true}\n"
                    "groups: []\n")
    codebook = load_codebook(book)
    assert codebook.serves("money") == ["fund"] and codebook.serves("troops") == []
    assert codebook.procedural() == {"say"}


def test_unknown_pledge_kind_is_a_clear_error(tmp_path):
    import pytest

    from accordia.reference import load_codebook

    book = tmp_path / "book.yaml"
    book.write_text("issues:\n  - {id: fund, label: A fund, pledges: [sandwiches]}\ngroups: []\n")
    with pytest.raises(ValueError, match="sandwiches"):
        load_codebook(book)
