"""Writing data back: the one path by which `scorecard` changes a user's files.

`text` edits YAML as text so comments and layout survive, `atomic` makes the
write all-or-nothing and serialised, `update` ties them together and refuses
any change that would leave the data invalid.
"""
