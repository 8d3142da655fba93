"""Progress errors: Dutch messages that say what to do."""

import errno


class ProgressError(ValueError):
    """Input that cannot be used (unreadable database, bad roster)."""


# Why a file could not be read or written, in Dutch: the system's own text is English.
_REASONS = {
    errno.EISDIR: "het is een map",
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.ENOENT: "bestaat niet",
    errno.EEXIST: "bestaat al als bestand",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "alleen lezen",
}


def os_reason(exc: BaseException) -> str:
    """The reason an operating-system error gives, in Dutch."""
    code = getattr(exc, "errno", None)
    if code in _REASONS:
        return _REASONS[code]
    return f"systeemfout {code}" if code else "het bestand is in gebruik of kan niet worden gemaakt"
