"""Phone call redirects ("Switch"): deflect a call to the Messenger by SMS, recorded not sent."""
