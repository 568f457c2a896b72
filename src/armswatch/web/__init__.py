"""The dashboard: server-rendered pages over ``armswatch.queries``, assets in the package.

Templates (``templates/``) are Jinja2 with autoescape on: article text is untrusted and
is only ever inserted as escaped text. Charts are SVG drawn on the server
(``web/charts.py``); ``static/`` holds the one stylesheet and the one small script.
Nothing is fetched from the internet.
"""
