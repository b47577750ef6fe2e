"""`scorecard report`: the briefing an analyst hands on, with charts."""
