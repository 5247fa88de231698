"""Management commands given bad arguments or bad files: a clear error, never a traceback, and
nothing half-written."""

import pytest
from django.core.management import load_command_class

from .conftest import ARTICLE_000

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
