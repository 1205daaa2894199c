"""Icons, translations and the seed prompt library, shipped as package data."""
