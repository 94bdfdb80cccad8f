"""Head-to-head ranking of finalists (issue 14): Bradley-Terry on partners' pairwise choices."""
