"""The ceiling: one bare Flask JSON endpoint under the same gunicorn settings as the services.

Every benchmark figure is also printed as a ratio to what this reaches on the same machine in
the same run, so figures from different machines can be compared.

    gunicorn --config python:shared.gunicorn_conf --bind 127.0.0.1:9000 bench.baseline_app:app
"""

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/ping")
def ping():
    return jsonify(ok=True)
