"""ictscore: score an agency against a Vietnamese government ranking and plan what to improve."""

__version__ = "0.1.0"
