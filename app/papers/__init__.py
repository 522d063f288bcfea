"""Papers and evidence kept in the record, private notes, and searching the whole record."""
