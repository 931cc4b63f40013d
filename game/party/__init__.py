"""Party mode's network side: the server the phones talk to, on a thread of its own.

Nothing here draws or keeps score. The server gates answers (one per player per question,
timed when they arrive) and hands what it hears to the game loop as messages on the app's
inbox; the game loop runs the match and tells the server what to show the phones.
"""
