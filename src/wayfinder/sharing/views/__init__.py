"""The sharing pages: the owner's (owner.py) and the viewer's."""
