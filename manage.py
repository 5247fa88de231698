#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    # manage.py is a developer's tool: with no secret key and DJANGO_DEBUG unset, it runs in
    # development mode. Settings stay strict (DJANGO_DEBUG=0 without a key refuses to start),
    # and the WSGI/ASGI entry points, which serve production, never default.
    if not os.environ.get("DJANGO_SECRET_KEY"):
        os.environ.setdefault("DJANGO_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
