"""Django's SQLite backend, creating the database readable by its owner only.

The database holds private notes and live session keys. Connecting creates the file, and
the WAL pragma its -wal and -shm files (SQLite gives them the database's own mode): all
of them under a 0077 umask, so no other local user can read a byte of them.
"""

from __future__ import annotations

from django.db.backends.sqlite3 import base

from wayfinder.environment import owner_only_files


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        with owner_only_files():
            return super().get_new_connection(conn_params)
