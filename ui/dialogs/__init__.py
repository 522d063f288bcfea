"""Docket's dialogs: each editing dialog hands its value to a `submit` callable.

A DomainError raised by `submit` is shown inline and the dialog stays open.
"""

from ui.dialogs.agenda_dialog import AgendaItemDialog
from ui.dialogs.bodies_dialog import BodiesDialog
from ui.dialogs.close_dialog import CloseDialog
from ui.dialogs.commitment_dialog import CommitmentDialog
from ui.dialogs.errors import install_excepthook, show_error
from ui.dialogs.first_run import FirstRunDialog
from ui.dialogs.meeting_dialog import MeetingDialog
from ui.dialogs.note_dialog import NoteDialog
from ui.dialogs.owners_dialog import OwnersDialog
from ui.dialogs.preferences import PreferencesDialog
from ui.dialogs.promise_dialog import PromiseDialog
from ui.dialogs.schedule_dialog import ScheduleDialog
from ui.dialogs.target_field import TargetField

__all__ = [
    "AgendaItemDialog",
    "BodiesDialog",
    "CloseDialog",
    "CommitmentDialog",
    "FirstRunDialog",
    "MeetingDialog",
    "NoteDialog",
    "OwnersDialog",
    "PreferencesDialog",
    "PromiseDialog",
    "ScheduleDialog",
    "TargetField",
    "install_excepthook",
    "show_error",
]
