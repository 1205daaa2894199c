"""Moderator Desk: a desktop app for moderators of social e-learning."""

__version__ = "0.1.0"
