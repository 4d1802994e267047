"""What every worker inherits: the extraction pipeline, built once, in the fork server.

Importing this module builds the pipeline (a second or two). The fork server imports it before it
forks the first worker (pipeline.warm_up), so the workers share one copy and the parent never
builds it; a worker forked by a server started without it builds its own on its first message.
"""

import gc

from .extract import build_nlp
from .message import read  # noqa: F401 - the readers' modules too, loaded once for every worker

PIPELINE = build_nlp()
# The pipeline lives as long as the process: out of the collector's sight, a full collection in a
# worker neither walks its objects nor copies the pages they sit on.
gc.freeze()
