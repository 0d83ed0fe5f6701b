#!/usr/bin/env python3
"""Prints the URLs a page loaded in Chromium asked for, other than file://,
from a network log (chromium --log-net-log=FILE).

Chromium itself also talks to the network (time, updates, accounts) whatever
the flags; those requests are not the page's. A request the page made has the
page's site, file://, in its network isolation key.

  page_fetches.py NETLOG
"""
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        # A log cut short (the browser was stopped) lacks its closing brackets.
        return json.loads(text.rstrip().rstrip(",") + "]}")


def main(path):
    log = load(path)
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = set()
    for event in log["events"]:
        params = event.get("params", {})
        if event["type"] != start_job or "url" not in params:
            continue
        from_page = params.get("network_isolation_key", "").startswith("file://")
        if from_page and not params["url"].startswith("file:"):
            urls.add(params["url"])
    for url in sorted(urls):
        print(url)


if __name__ == "__main__":
    main(sys.argv[1])
