"""The output formats, named once: what each kind of command writes, and what a file's
extension implies. No imports, so the command line's --help reads it without loading polars."""

TEXT = ("table", "csv", "tsv", "json", "md")  # every listing command
PLACES = (*TEXT, "geojson")  # commands whose rows are places (show, cities)
FILES = ("parquet", "xlsx")  # an index's view (show, the app's export), to a file only
EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".geojson": "geojson",
    ".md": "md",
    ".parquet": "parquet",
    ".xlsx": "xlsx",
    ".txt": "table",
}
