"""Fund-wide administration: users and review settings."""
