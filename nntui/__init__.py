"""nntui: watch a neural network learn in the terminal, and steer it from the keyboard."""

__version__ = "0.1.0"
