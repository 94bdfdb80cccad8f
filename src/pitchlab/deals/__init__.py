"""The deal workflow (issue 13): deal terms, assignments, timeline, notifications, board, home."""
