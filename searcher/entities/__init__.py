"""Officials and agencies named in a release, found by rules and a gazetteer.

The package root gives only the records and their keys (``names``), which is
what query, facets and the index need; the rules load with the extractor:
``from searcher.entities.collect import extract``.
"""

from .names import Agency, Official, entity_key, loose_key

__all__ = ["Agency", "Official", "entity_key", "loose_key"]
