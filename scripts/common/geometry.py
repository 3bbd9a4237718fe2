"""Distances on the Earth's surface, for every stage that compares places' points."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def distance_km(a, b) -> float:
    """Great-circle distance between two things with a `latitude` and a `longitude` (places)."""
    return great_circle_km((a.latitude, a.longitude), (b.latitude, b.longitude))
