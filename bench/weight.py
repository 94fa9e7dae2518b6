"""What a first visit to a page downloads, compressed as it travels."""

import gzip
import re
import urllib.request

ASSET = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]+href|script[^>]+src|img[^>]+src)="(/[^"]+)"')


def _fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read(), response.headers.get("Content-Encoding")


def first_load(base_url, path):
    """(HTML bytes gzipped, total bytes gzipped including every asset the page loads)."""
    html, encoding = _fetch(base_url + path)
    # Pages come gzipped (content.page_cache, clinic_site.middleware); anything else is counted as gzip -6 sends it.
    html_size = len(html) if encoding == "gzip" else len(gzip.compress(html, 6))
    text = gzip.decompress(html).decode() if encoding == "gzip" else html.decode()
    total = html_size
    for asset in sorted(set(ASSET.findall(text))):
        body, asset_encoding = _fetch(base_url + asset)
        total += len(body) if asset_encoding == "gzip" or asset.endswith(".png") else len(gzip.compress(body, 6))
    return html_size, total
