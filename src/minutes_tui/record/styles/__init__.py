"""One module per record style: what each says, and in what order (see record/builder.py)."""
