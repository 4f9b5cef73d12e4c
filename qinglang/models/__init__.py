"""Learned text classifiers shipped with the package (docs/models.md).

`features` (views and hashed n-grams, shared by training and inference), `linear` (the model file format and
scoring), `detector` (`ModelDetector`, registry type `model`), `train` (training; needs the `[ml]` extra),
`train_gate` (the ordinary-text gate of the `cold`/`swsr` signals, trained the same way).
"""
