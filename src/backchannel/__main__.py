"""``python -m backchannel``: the same as the ``backchannel`` command."""

from __future__ import annotations

from backchannel.cli import main

main()
