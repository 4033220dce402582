#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    # Production unless told otherwise: an operator's `manage.py migrate` must never land
    # on demo settings and SQLite. bin/demo and bin/test name their own settings.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2m.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
