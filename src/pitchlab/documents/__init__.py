"""Company documents (issue 12): upload, storage, extraction, reading, citing, evidence, search."""
