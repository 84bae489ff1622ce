"""The shared workshop agenda: events, booking, waiting lists, attendance, calendars."""
