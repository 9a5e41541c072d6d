"""The server secret the end-to-end tests start the assistant with, so a test can compute the
conversation id the server stores for a Teams activity (bot/conversation_ids.py)."""

SERVER_SECRET = "test-only-secret-never-used-in-production-000000"
