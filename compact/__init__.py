"""Pure logic of the Compact assistant: knowledge, matching, routing and replies.

Nothing here imports Rasa; the actions in ``actions/`` are thin shells around it.
"""
