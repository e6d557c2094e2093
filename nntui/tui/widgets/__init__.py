"""The panes (one module each), the status bar and the pane tabs."""
