"""Circulating a record: the e-mail draft (`mail`), sending it (`send`), and the line a
circulation leaves in the meeting's audit trail (store/final.py)."""
