"""Formats for other people's tools, generated from the schemas and the tables.

One module per format: ``annotations`` (W3C Web Annotations), ``plover`` (PLOVER JSON Lines
and CAMEO dyads), ``croissant`` (Croissant 1.1), ``dataset_card`` (a data-hub card with
Parquet files) and ``schema_org`` (the JSON-LD the site embeds); ``declarations`` reads what
``schemas/exports.json`` and ``schemas/plover.json`` declare and mints the identifiers.
``fr_az_crisis.exports`` writes them, all or nothing.
"""
