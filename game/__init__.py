"""K-Drama Couples Quiz: a desktop trivia game generated from a YAML deck."""
