"""Pygame front end: draws and reads input, holds no game rules."""
