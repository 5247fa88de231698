"""Management commands given bad arguments or bad files: a clear error, never a traceback, and
nothing half-written."""

import shutil
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command, load_command_class

from cbm.ingest import ingest_file
from cbm.models import MeasureType, Mention, Position

from .conftest import ARTICLE_000, ARTICLE_004, ROOT

pytestmark = pytest.mark.django_db


def run_from_shell(capsys, name, *args):
    """As `manage.py name args…` runs it: what it exits with, and what it wrote to stderr."""
    command = load_command_class("cbm", name)
    with pytest.raises(SystemExit) as exit:
        command.run_from_argv(["manage.py", name, *args])
    return exit.value.code, capsys.readouterr().err


@pytest.mark.parametrize(
    "name, args, message",
    [
        ("ingest", [str(ARTICLE_000), "--published", "2020-13-45"], "YYYY-MM-DD"),
        ("suggest", ["--since", "yesterday"], "ISO format"),
        ("suggest", ["--batch-size", "-5"], "1 or more"),
        ("suggest", ["--batch-size", "0"], "1 or more"),
    ],
)
def test_a_malformed_option_is_a_usage_error_not_a_traceback(capsys, name, args, message):
    """A bad value of a typed option is argparse's usage error (exit 2, the option named); it
    was a traceback out of the parser (or, for a batch size of 0, a run that did nothing)."""
    code, err = run_from_shell(capsys, name, *args)
    assert code == 2
    assert message in err and "argument --" in err
    assert "Traceback" not in err


BAD_GOLD = {
    "broken.yaml": "document: [a,\n",
    "latin1.yaml": "document: caf\xe9\n".encode("latin-1"),
    "list.yaml": "- 1\n- 2\n",
    "labels.yaml": "document: 000_cefd1cf698c77b03.txt\npassages:\n  1: [5]\n",
}


@pytest.fixture
def reviewer():
    return get_user_model().objects.create_user("reviewer", password="x-long-password-1")


@pytest.mark.parametrize("name", [None, "empty", *BAD_GOLD])
def test_load_gold_refuses_a_missing_folder_or_a_bad_file_and_loads_nothing(
    tmp_path, reviewer, name
):
    """A missing or empty folder was "0 created" (a success); a broken, non-UTF-8 or
    misshapen file a traceback. Each is a CommandError naming it, and nothing is loaded, not
    even the good files beside it."""
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, suggest=False)
    folder = tmp_path / "gold"
    if name is not None:
        shutil.copytree(ROOT / "fixtures" / "gold", folder)
        if name == "empty":
            shutil.rmtree(folder)
            folder.mkdir()
        else:
            body = BAD_GOLD[name]
            # (the links' files and the positions' files are read alike)
            target = folder / ("positions" if name in ("latin1.yaml", "labels.yaml") else "") / name
            getattr(target, "write_bytes" if isinstance(body, bytes) else "write_text")(body)
    with pytest.raises(CommandError, match="Nothing loaded"):
        call_command("load_gold", str(folder), "--reviewer", "reviewer")
    assert not Mention.objects.exists() and not Position.objects.exists()


@pytest.mark.parametrize("body", [b"\xff\xfe\x00\x01", b"- 1\n- 2\n", b"just words\n"])
def test_load_registry_refuses_a_file_it_cannot_read_and_loads_nothing(tmp_path, body):
    """A registry file in another encoding, or a list or a string where sections are expected,
    was a traceback (UnicodeDecodeError, AttributeError); it is a CommandError naming the
    file, and nothing is loaded."""
    folder = tmp_path / "registry"
    shutil.copytree(ROOT / "fixtures" / "registry", folder)
    (folder / "taxonomy.yaml").write_bytes(body)
    before = MeasureType.objects.count()
    with pytest.raises(CommandError, match=r"Nothing loaded.*taxonomy\.yaml"):
        call_command("load_registry", str(folder), "--lexicon", str(tmp_path / "none"))
    assert MeasureType.objects.count() == before


@pytest.mark.parametrize("name", ["evaluate_matcher", "train_ranker"])
def test_a_batch_of_something_else_than_paragraphs_is_an_error_naming_it(tmp_path, name):
    """A batch file that is a list of numbers was an AttributeError traceback."""
    (tmp_path / "x.yaml").write_text("- 1\n- 2\n")
    with pytest.raises(CommandError, match=r"x\.yaml: entry 1 is not a labelled paragraph"):
        call_command(name, str(tmp_path))


def test_train_ranker_names_a_folder_that_is_not_there(tmp_path):
    """It was dropped in silence, and the error said the ranker lacked examples."""
    with pytest.raises(CommandError, match="Not a folder: /nonexistent"):
        call_command("train_ranker", "/nonexistent", str(ROOT / "fixtures" / "gold"))


@pytest.mark.parametrize(
    "options, message",
    [
        ({"username": "demo", "password": "x"}, "too short"),
        ({"username": "demo", "password": "12345678901"}, "entirely numeric"),
        ({"username": "a/b c", "password": "a-demo-password-123"}, "valid username"),
    ],
)
def test_ensure_demo_curator_refuses_a_weak_password_or_a_malformed_user_name(options, message):
    """A staff account with the password "x", or a user name the admin's own forms refuse,
    was made without a word."""
    with pytest.raises(CommandError, match=message):
        call_command("ensure_demo_curator", **options)
    assert not get_user_model().objects.filter(username=options["username"]).exists()


def test_ingest_says_a_path_that_is_not_there_is_not_there(tmp_path):
    """A mistyped folder was "is not a .txt or .md file"."""
    out = StringIO()
    with pytest.raises(CommandError, match="1 failed"):
        call_command("ingest", str(tmp_path / "artciles"), stdout=out, stderr=out)
    assert "artciles: is neither a file nor a folder here" in out.getvalue()
