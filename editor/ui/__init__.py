"""The Qt window of Feuillet: a thin layer over ``editor.core.services``.

Nothing here is imported by the core; nothing here runs at import time. The
composition root is :func:`editor.app.run_gui`.
"""

from __future__ import annotations
