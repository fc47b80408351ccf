"""gunicorn's settings file, read from the directory gunicorn starts in. Only a hook: the
command line (README) gives workers and addresses."""


def post_worker_init(worker):
    """Warm the search index in each new worker before it takes requests, so that the
    first search a worker answers costs what any other does."""
    from diaspora_platform.search import service

    with worker.wsgi.app_context():
        try:
            service.warm()
        except Exception:  # a worker without search still serves every other page
            worker.log.exception("Warming the search index failed")
