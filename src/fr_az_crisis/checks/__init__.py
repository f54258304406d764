"""The checks run by ``fr_az_crisis.validate``: each module owns one concern."""
