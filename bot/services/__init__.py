"""Services hold Kindred's logic and know nothing of Telegram."""
