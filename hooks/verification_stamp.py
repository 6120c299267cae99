"""Stamp each page with when and with what its code was last verified, from the records CI wrote after the tests
passed (PRIMER_VERIFICATION, see primer_tools/records.py). A local build has no record and shows no stamp."""

from primer_tools.records import load_records, stamp_line


def on_page_markdown(markdown: str, page, config, files) -> str:
    line = stamp_line(load_records(), config.theme.get("language", "en"))
    if not line or "--8<--" not in markdown:
        return markdown
    return markdown + f'\n\n<p class="primer-verified" markdown>:material-check-decagram: {line}</p>\n'
