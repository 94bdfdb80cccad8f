"""Accounts, logins, sessions, API tokens and role checks."""
