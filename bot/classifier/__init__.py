"""On-device text analysis: crisis language and possible over-identification.

The bot only sees :class:`TextAnalyser`; everything runs off the event loop.
"""
