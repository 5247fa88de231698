"""The database cache's table (throttle counts shared by every worker when REDIS_URL is not
set), so that `migrate` alone prepares a working site."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Creates the tables of the configured database caches only; nothing when Redis is used.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("cbm", "0005_passage_search_index")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
