import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".demo-curator"


class Command(BaseCommand):
    help = (
        "Create (or keep) the demo curator account: a staff member of the Curators group, not a "
        "superuser. Credentials come from DEMO_CURATOR_USERNAME / DEMO_CURATOR_PASSWORD, or a "
        "password is generated once and kept in .demo-curator (git-ignored)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=None)
        parser.add_argument("--password", default=None)

    @transaction.atomic
    def handle(self, *args, username=None, password=None, **options):
        import os

        username = username or os.environ.get("DEMO_CURATOR_USERNAME") or "curator"
        password = password or os.environ.get("DEMO_CURATOR_PASSWORD") or self.stored_password()
        # The same rules as the admin's user forms: a user name that can be typed in, and a
        # password the site's validators accept (the account is staff).
        try:
            get_user_model().username_validator(username)
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "email": f"{username}@example.org"}
        )
        if created or not user.check_password(password):
            user.set_password(password)
        user.is_staff, user.is_superuser, user.is_active = True, False, True
        user.save()
        user.groups.add(Group.objects.get(name="Curators"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo curator: username {username!r}, password {password!r} "
                f"(log in at http://127.0.0.1:8000/admin/)"
            )
        )

    def stored_password(self):
        if CREDENTIALS_FILE.exists():
            return CREDENTIALS_FILE.read_text().strip()
        password = secrets.token_urlsafe(12)
        CREDENTIALS_FILE.write_text(password + "\n")
        CREDENTIALS_FILE.chmod(0o600)
        return password
