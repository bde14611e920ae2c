"""The documents coordinators circulate, written from what Relance knows, and read back.

Pure code: each module turns storage views into the bytes of a file (python-docx, openpyxl,
icalendar) or a returned file into changes; none talks to Telegram or the database.
"""
