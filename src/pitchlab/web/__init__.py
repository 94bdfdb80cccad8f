"""What every page shares: templates, translations, middleware, CSRF."""
