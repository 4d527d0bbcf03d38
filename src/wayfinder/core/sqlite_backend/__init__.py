"""Django's SQLite backend, creating the database readable by its owner only."""
