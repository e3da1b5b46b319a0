"""The ClaimReview format fixture shared by the fact-check tests."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def claim_review() -> dict[str, Any]:
    # A FORMAT FIXTURE, not data: a ClaimReview written by hand from the fields schema.org
    # documents for the type (claimReviewed, reviewRating, itemReviewed.author, url,
    # datePublished, author), with example.com addresses. Nothing is trained or scored on it.
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://example.com/factchecks/harbour-closure",
        "claimReviewed": "The harbour will close to all shipping next month",
        "datePublished": "2026-03-02",
        "author": {"@type": "Organization", "name": "Example Fact Desk"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A. Councillor"},
            "datePublished": "2026-02-27",
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": "2",
            "bestRating": "5",
            "worstRating": "1",
            "alternateName": "Mostly false",
        },
    }
