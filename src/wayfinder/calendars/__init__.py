"""The calendar feed: what is coming, as iCalendar, for the owner's own calendar app."""
