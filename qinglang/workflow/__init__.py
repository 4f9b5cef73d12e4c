"""The review workflow (STYLE §5.9): queue, reports, appeals, sanctions, audit and evidence, split by job.

Every function takes a transaction (`store.ports.Tx`), the workflow config and `now` (epoch seconds), and
writes its audit entry in the same transaction. Nothing here imports SQLAlchemy or FastAPI.
"""
