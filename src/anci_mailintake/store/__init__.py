"""The SQL store: tables, engine and session factory, query functions that take a Session.

Query functions never commit: the caller owns the transaction.
"""
