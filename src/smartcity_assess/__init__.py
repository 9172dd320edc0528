"""Score the smart-city readiness of Indonesian regencies and cities."""

__version__ = "0.1.0"
