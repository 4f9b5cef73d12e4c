"""Qinglang (清朗): a content-governance engine for Chinese internet platforms."""

__version__ = "0.1.0"
