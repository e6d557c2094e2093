"""Run nntui as `python -m nntui`."""

from nntui.cli import main

if __name__ == "__main__":
    main()
