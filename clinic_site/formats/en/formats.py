# Dates on patient pages in full words: "November 25, 2026" (Django's English default abbreviates the month).
# Spanish keeps Django's own: "25 de noviembre de 2026".
DATE_FORMAT = "F j, Y"
