"""pitchlab: a self-hosted workbench for evaluating AI startups."""

__version__ = "0.1.0"
