"""Domain errors raised by storage use cases; the bot turns each into a French reply."""


class StorageError(Exception):
    """Base class: nothing was written when one of these is raised."""


class NotFound(StorageError):
    pass


class InvitationUsed(StorageError):
    pass


class InvitationWithdrawn(StorageError):
    """Opened again by its owner after a coordinator removed them (/retirer)."""


class InvitationOwnLink(StorageError):
    """Opened by the coordinator who asked for it (to try it): it stays for its invitee,
    whose name is the message."""


class InvitationExpired(StorageError):
    """Not opened within storage.members.INVITATION_LIFETIME."""


class StaleStatus(StorageError):
    """The action's status changed since the person saw it (an old button)."""

    def __init__(self, current: str) -> None:
        super().__init__(current)
        self.current = current


class AlreadyExists(StorageError):
    pass
