"""Printable documents (issue 14): the company one-pager, the IC memo and pack, the portfolio
report, as PDF (WeasyPrint, from the same HTML templates as the pages) and DOCX (python-docx)."""
