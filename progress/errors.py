"""Progress errors: Dutch messages that say what to do."""


class ProgressError(ValueError):
    """Input that cannot be used (unreadable database, bad roster)."""
