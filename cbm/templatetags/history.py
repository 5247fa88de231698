"""Who made a change in the admin's history when no user is recorded."""

from django import template

register = template.Library()


@register.filter
def changed_by(record) -> str:
    """The user, else what writes without one: the matcher or the position finder (their
    change reason says so), or a command (the admin and the API always record their user)."""
    if record.history_user_id is not None and record.history_user is not None:
        return str(record.history_user)
    reason = (record.history_change_reason or "").lower()
    if reason.startswith("suggested by the matcher"):
        return "the matcher"
    if reason.startswith("suggested by the finder"):
        return "the position finder"
    return "a command"
