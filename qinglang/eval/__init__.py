"""Evaluation: metrics, labelled sets and cloaking generators."""
