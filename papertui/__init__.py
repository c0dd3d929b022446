"""papertui: a keyboard-first terminal reading-list browser for research papers."""

__version__ = "0.1.0"
