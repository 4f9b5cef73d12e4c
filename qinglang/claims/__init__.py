"""Claims (issue 17): rumour, clickbait and false-science scoring from cue tables, and the debunk bank (辟谣库).

`score` holds the cue scorers (data in `data/cues.yaml`); `bank` the debunk bank; the engine reaches both through
the thin `claims` detector (`qinglang/detectors/claims.py`).
"""
