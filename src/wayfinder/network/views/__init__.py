"""Pages for people, their roles and interactions."""
