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
        "Create the demo curator account if it is not there: a staff member of the Curators "
        "group, not a superuser. An existing account is never changed. Credentials come from "
        "DEMO_CURATOR_USERNAME / DEMO_CURATOR_PASSWORD, or a password is generated once and kept "
        "in .demo-curator (git-ignored)."
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
        curators = Group.objects.get(name="Curators")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            user = get_user_model().objects.create_user(
                username, email=f"{username}@example.org", password=password, is_staff=True
            )
            user.groups.add(curators)
        else:
            # Someone's account (an administrator's, a curator's who set their own password):
            # the command cannot tell it made it, so it changes nothing, and says so.
            self.refuse_to_change(user, curators)
            if not user.check_password(password):
                self.stdout.write(
                    self.style.WARNING(
                        f"Demo curator: user {username!r} already exists; its password was not "
                        "changed (it is not the demo password): log in with the one it has."
                    )
                )
                return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo curator: username {username!r}, password {password!r} "
                f"(log in at http://127.0.0.1:8000/admin/)"
            )
        )

    def refuse_to_change(self, user, curators):
        """CommandError if the existing user is not a curator as this command makes them:
        making it one would give or take away someone's rights."""
        problems = [
            problem
            for problem, found in (
                ("a superuser", user.is_superuser),
                ("inactive", not user.is_active),
                ("not staff", not user.is_staff),
                ("not in the Curators group", not user.groups.filter(pk=curators.pk).exists()),
            )
            if found
        ]
        if problems:
            raise CommandError(
                f"User {user.username!r} already exists and is {' and '.join(problems)}: it is "
                "not a demo curator, and nothing changed. Choose another user name (--username "
                "or DEMO_CURATOR_USERNAME)."
            )

    def stored_password(self):
        if CREDENTIALS_FILE.exists():
            return CREDENTIALS_FILE.read_text().strip()
        password = secrets.token_urlsafe(12)
        CREDENTIALS_FILE.write_text(password + "\n")
        CREDENTIALS_FILE.chmod(0o600)
        return password
