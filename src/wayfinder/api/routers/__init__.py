"""One router per section of the record; main.py's ROUTERS mounts them."""
