"""Reading: files, YAML and CSV with source positions, the submission model and its rules,
a batch of inputs, earlier selections and the rank JSON. Everything that knows a format."""
