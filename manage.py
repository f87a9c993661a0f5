#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import InterfaceError, OperationalError

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        sys.exit(2)
    except (OperationalError, InterfaceError) as exc:
        # A database that cannot be reached is a set-up problem, not a bug: say so in one line.
        from django.conf import settings

        db = settings.DATABASES["default"]
        where = db.get("HOST") or db.get("NAME")
        sys.stderr.write(
            f"Cannot use the database ({db['ENGINE'].rsplit('.', 1)[-1]} at {where}): {exc}".strip() + "\n"
        )
        sys.stderr.write("Check DATABASE_URL, and that the database server is running.\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
