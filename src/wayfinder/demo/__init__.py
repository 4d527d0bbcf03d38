"""The demo persona (Dana Okafor, from the data files in `data/`) and the ten-year generator."""
