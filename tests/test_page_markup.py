"""The pages' own markup parses as written: no attribute is cut short by a quote."""
from __future__ import annotations

from bs4 import BeautifulSoup


def test_the_search_boxs_placeholder_keeps_its_quoted_example(client):
    for lang, words in (("en", '"Merida Initiative"'), ("es", "Iniciativa Mérida")):
        page = client.get("/", query_string={"lang": lang}).get_data(as_text=True)
        box = BeautifulSoup(page, "html.parser").find("input", id="q")
        assert words in box["placeholder"] and box["placeholder"].endswith("2010-2016")
        assert box.get("aria-describedby") == "q-help"
        assert not [name for name in box.attrs if "merida" in name.lower() or '"' in name]

