"""One module per container: `read(data) -> Scan` finds every stored label, `write(data, value) -> bytes` sets it.

Writers replace every existing record in place and add one at the format's canonical location only when there
was none (GB 45438 §6.1 c): one record, replaced, never appended); all other bytes are kept.
"""
