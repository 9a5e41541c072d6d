"""rasa-sdk custom actions: thin shells over the pure logic in ``compact/``."""
