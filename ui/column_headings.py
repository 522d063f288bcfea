"""Every table column's heading, marked for translation in one place.

Columns are declared with their English titles (`ui.models.table.Column`), by which views
also pick them; the table model translates a heading as it shows it (context "Column").
pyside6-lupdate reads the marks below (this module is never imported). A heading added to
a table must be added here too, or it stays English: tests/ui/test_translations.py finds
every table's headings in the window and fails on one missing here.
"""

from ui.languages import QT_TRANSLATE_NOOP

HEADINGS = (
    QT_TRANSLATE_NOOP("Column", "After"),
    QT_TRANSLATE_NOOP("Column", "Before"),
    QT_TRANSLATE_NOOP("Column", "Body"),
    QT_TRANSLATE_NOOP("Column", "By"),
    QT_TRANSLATE_NOOP("Column", "Commitment"),
    QT_TRANSLATE_NOOP("Column", "Date"),
    QT_TRANSLATE_NOOP("Column", "Decision"),
    QT_TRANSLATE_NOOP("Column", "Entry"),
    QT_TRANSLATE_NOOP("Column", "Field"),
    QT_TRANSLATE_NOOP("Column", "First promised for"),
    QT_TRANSLATE_NOOP("Column", "Item"),
    QT_TRANSLATE_NOOP("Column", "Items"),
    QT_TRANSLATE_NOOP("Column", "Late vs\nfirst promise"),
    QT_TRANSLATE_NOOP("Column", "Latest assurance"),
    QT_TRANSLATE_NOOP("Column", "Lead"),
    QT_TRANSLATE_NOOP("Column", "Meeting"),
    QT_TRANSLATE_NOOP("Column", "No."),
    QT_TRANSLATE_NOOP("Column", "Outcome"),
    QT_TRANSLATE_NOOP("Column", "Owner"),
    QT_TRANSLATE_NOOP("Column", "Promised for"),
    QT_TRANSLATE_NOOP("Column", "Promises\ndue here"),
    QT_TRANSLATE_NOOP("Column", "RAG"),
    QT_TRANSLATE_NOOP("Column", "Record"),
    QT_TRANSLATE_NOOP("Column", "Slips"),
    QT_TRANSLATE_NOOP("Column", "Status"),
    QT_TRANSLATE_NOOP("Column", "Target"),
    QT_TRANSLATE_NOOP("Column", "Time"),
    QT_TRANSLATE_NOOP("Column", "Title"),
    QT_TRANSLATE_NOOP("Column", "Votes"),
    QT_TRANSLATE_NOOP("Column", "What"),
    QT_TRANSLATE_NOOP("Column", "What was said, and where"),
    QT_TRANSLATE_NOOP("Column", "When"),
    QT_TRANSLATE_NOOP("Column", "Who"),
    QT_TRANSLATE_NOOP("Column", "Why"),
)
