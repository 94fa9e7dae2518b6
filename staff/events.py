"""What happens to staff accounts, for other apps to follow (the access record) without staff importing them."""

from django.dispatch import Signal

# Sent after a second factor was set up: user=, replaced= (True when an earlier one was replaced), request= (the
# member's own enrolment in the browser; None from `enrol_staff_2fa` on the server).
second_factor_enrolled = Signal()
# Sent after an administrator removed someone's second factor in the browser: user=, request=.
second_factor_reset = Signal()
# Sent after a signed-in staff member made themselves a new set of recovery codes: user=, request=.
recovery_codes_renewed = Signal()
# Sent after a staff member signed others out of every session: request=, users= (a list).
signed_out_everywhere = Signal()
