"""Pages for wins, their metrics and who knows about them."""
