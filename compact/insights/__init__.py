"""The owners' insights report: what the assistant is asked, where it fails, which commitments cause trouble.

Plain functions over the tracker store's ``events`` table (Rasa's SQL tracker store, SQLite or
PostgreSQL), in steps that can be taken and tested one at a time:

- :mod:`.events` reads the rows into plain records, one whole conversation at a time;
- :mod:`.metrics` turns a conversation into counts (a ledger of dated +1/-1 entries), the
  questions it could not answer and the comments left with votes;
- :mod:`.rollup` keeps each complete day's counts (never text) in ``insights_daily``, so trends
  outlive the deletion of conversations (bot/expiry.py calls it before each purge);
- :mod:`.masking` and :mod:`.grouping` prepare what people typed for an editor: personal data
  masked, similar questions together; :mod:`.suggest` asks the project's matcher for the
  nearest entry and whether an answer was a weak match;
- :mod:`.charts` draws with matplotlib (inline SVG); :mod:`.report` assembles the page from
  ``report.html.j2`` and the words in ``wording.yaml`` (an editor's to change);
- :mod:`.store` finds the database the server uses.

``make insights`` (scripts/insights.py) writes the page to a file; bot/insights_channel.py
serves it at ``/insights/`` when ``COMPACT_INSIGHTS_TOKEN`` is set.
"""
