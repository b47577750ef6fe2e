"""Views: computed results → `Document`s of rows, one module per command."""
