"""Staff's API on a venue's rate plans and stay taxes; stays read them through stays/rates.py."""
