"""What happens to staff accounts, for other apps to follow (the access record) without staff importing them."""

from django.dispatch import Signal

# Sent after `accounts.enrol`: user=, replaced= (True when an earlier second factor was replaced).
second_factor_enrolled = Signal()
# Sent after a staff member signed others out of every session: request=, users= (a list).
signed_out_everywhere = Signal()
