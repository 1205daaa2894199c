"""Qt Designer forms (.ui), shipped as package data."""
