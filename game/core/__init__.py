"""The rules of the game. Standard library, yaml and rapidfuzz only: never pygame."""
