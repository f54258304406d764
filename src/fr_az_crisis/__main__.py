"""``python -m fr_az_crisis`` is the same as the ``fr-az-crisis`` command."""

import sys

from fr_az_crisis.cli import main

sys.exit(main())
