"""Domain errors raised by storage use cases; the bot turns each into a French reply."""


class StorageError(Exception):
    """Base class: nothing was written when one of these is raised."""


class NotFound(StorageError):
    pass


class InvitationUsed(StorageError):
    pass


class InvitationExpired(StorageError):
    """Not opened within storage.members.INVITATION_LIFETIME."""


class StaleStatus(StorageError):
    """The action's status changed since the person saw it (an old button)."""

    def __init__(self, current: str) -> None:
        super().__init__(current)
        self.current = current


class AlreadyExists(StorageError):
    pass
