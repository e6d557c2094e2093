"""The Textual app: panes that view Frames from the trainer thread and keys that send it commands."""
