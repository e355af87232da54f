"""Issue 14.3: JSONL lines end at ``\\n`` only; good lines are kept, every bad line named."""

from __future__ import annotations

import json

import pytest

from docgraph.cli import main
from docgraph.errors import InputError
from docgraph.loaders.read import read_documents, read_file

from .conftest import stats

pytestmark = pytest.mark.issue(14)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_unicode_line_separators_inside_strings_are_text(tmp_path, separator):
    text = f"Mali joined ECOWAS.{separator}Niger joined too."
    f = tmp_path / "d.jsonl"
    # ensure_ascii=False writes the separator raw, as many tools do
    f.write_text(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n", "utf-8")
    (doc,) = read_file(f)
    assert doc.id == "a" and doc.text == text


def test_bad_lines_are_each_named_and_good_lines_kept(tmp_path):
    f = tmp_path / "d.jsonl"
    f.write_text(
        "\n".join(
            [
                '{"id": "a", "text": "Mali."}',
                '{"id": "b", "text": ',  # cut short
                '{"id": "c", "text": "Chad."}',
                '["not", "an", "object"]',
                '{"id": "e", "body": "no text field"}',
                '{"id": "f", "text": 42}',
                '{"id": "a", "text": "Niger."}',  # the id of line 1 again
                '{"id": "h", "text": "Senegal."}',
            ]
        )
        + "\n",
        "utf-8",
    )
    report = read_documents([f])
    assert [d.id for d in report.documents] == ["a", "c", "h"]
    reasons = [e.reason for e in report.errors]
    assert [r.split(":")[0] for r in reasons] == [f"line {n}" for n in (2, 4, 5, 6, 7)]
    assert all(e.path == str(f) for e in report.errors)
    assert "already used on line 1" in reasons[-1]
    # read_file alone raises once, naming every bad line
    with pytest.raises(InputError) as info:
        read_file(f)
    assert all(f"line {n}" in str(info.value) for n in (2, 4, 5, 6, 7))


def test_cli_build_stores_the_good_lines_and_names_the_bad(runner, tmp_path):
    f = tmp_path / "d.jsonl"
    lines = [json.dumps({"id": f"r{n}", "text": f"Mali and Niger, record {n}."}) for n in range(5)]
    lines[1] = "{broken"
    lines[3] = '{"id": "r3", "text": "   "}'
    f.write_text("\n".join(lines) + "\n", "utf-8")
    store = tmp_path / "store"
    result = runner.invoke(main, ["build", str(f), "--fast", "--store", str(store)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 2
    assert "line 2" in errors[0] and "line 4" in errors[1] and "empty" in errors[1]
    assert stats(runner, store)["documents"] == 3
