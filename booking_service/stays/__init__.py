"""Stays: a room type for every night from arrival to departure, priced by a rate plan (docs/stays.md)."""
