"""anci-mailintake: the immigrazione@anci.it mailbox turned into reviewed numbers.

The package reads as the data flow:
mailbox → message → documents → extract → store → review (web) / report.
"""

__version__ = "0.1.0"
