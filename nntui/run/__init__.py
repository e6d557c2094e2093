"""The neutral seam between the app and what it watches: Frame and its views, commands, the RunSource contract.

Nothing here imports textual, rich or nntui's training code: a source of
frames (nntui's own trainer, a recorded run, a user's loop) implements
`RunSource`, and the UI sees only this package.
"""
