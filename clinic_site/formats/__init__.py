"""Date formats per language (FORMAT_MODULE_PATH): only what differs from Django's own.

Spanish keeps Django's "25 de noviembre de 2026"; English spells the month out in full, as the pages
always have ("November 25, 2026"), where Django's would abbreviate it ("Nov. 25, 2026").
"""
