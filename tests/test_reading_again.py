"""Reading the same inputs again in one process (make serve after each edit, the tests): what a
process remembers of a read or a check never goes stale and is never shared between readers."""
from __future__ import annotations

import json

import pytest
from sitekit import schema_check, yamlsource
from sitekit.problems import InputError


def test_a_text_read_again_gives_each_reader_its_own_data_under_its_own_name():
    first = yamlsource.parse("a: [1]\n", "one.yml")
    first.data["a"].append(2)
    again = yamlsource.parse("a: [1]\n", "two.yml", line_offset=3)
    assert again.data == {"a": [1]}
    assert again.file == "two.yml" and again.where(("a",)) == (4, 1)


def test_an_edited_text_is_read_afresh_and_a_broken_one_fails_every_time():
    assert yamlsource.parse("a: 1\n", "f.yml").data == {"a": 1}
    assert yamlsource.parse("a: 2\n", "f.yml").data == {"a": 2}
    for _ in range(2):
        with pytest.raises(InputError, match="written twice"):
            yamlsource.parse("a: 1\na: 2\n", "f.yml")


def test_the_schema_check_of_edited_data_finds_the_new_mistake(tmp_path):
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"type": "object", "properties": {"a": {"type": "integer"}}}))
    assert schema_check.check(yamlsource.parse("a: 1\n", "f.yml"), schema) == []
    problems = schema_check.check(yamlsource.parse("a: x\n", "g.yml"), schema)
    assert [(p.file, p.line, p.key) for p in problems] == [("g.yml", 1, "a")]
    assert schema_check.check(yamlsource.parse("a: 1\n", "f.yml"), schema) == []
