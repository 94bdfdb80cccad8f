"""Search everything from one box: companies, notes, document pages, PR/FAQs, rationales."""
