"""A bare Flask app with one route, the baseline for bench/home_vs_hello.py.

Serve it with `gunicorn hello_app:app` from the bench/ folder.
"""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello() -> str:
    return "hello"
