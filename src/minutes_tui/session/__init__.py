"""The capture session and what drives one: a typed line goes keys → grammar →
store and comes back as log lines; an imported record is replayed through it.
"""
