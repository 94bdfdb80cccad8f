"""Companies: the pipeline of startups a fund is looking at."""
