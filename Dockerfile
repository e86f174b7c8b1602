# syntax=docker/dockerfile:1
# The guide as a container image: gunicorn with deploy/gunicorn.conf.py (the file `make run`
# and the scale-out and load tests use), production settings, a non-root user, nothing
# written at run time. tests/test_deploy.py checks this file against the rest of the repo.
#
#   docker build -t mynalicense .
#   docker run -p 8000:8000 -e DJANGO_SECRET_KEY=... -e DJANGO_ALLOWED_HOSTS=guide.example.jp \
#     -e WEB_CONCURRENCY=2 mynalicense
#
# The same Python as .python-version.
ARG PYTHON_VERSION=3.13

# --- build: dependencies, compiled messages, collected static files --------------------------
FROM python:${PYTHON_VERSION}-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
# GNU gettext's msgfmt compiles the messages; it stays in this stage.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
# The pinned requirements first, so that a code change does not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
# At build time, never at start-up: the container's file system may be read-only. The dev
# settings need no secret; the files they produce are the same.
RUN DJANGO_SETTINGS_MODULE=mynalicense.settings.dev python manage.py compilemessages \
    && DJANGO_SETTINGS_MODULE=mynalicense.settings.dev python manage.py collectstatic --noinput \
    && python -m compileall -q mynalicense guide wizard deploy

# --- run ---------------------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=mynalicense.settings.prod
RUN groupadd --system --gid 10001 guide \
    && useradd --system --uid 10001 --gid guide --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin guide
COPY --from=build /opt/venv /opt/venv
# Owned by root: the app can read its files, not change them.
COPY --from=build /app /app
WORKDIR /app
USER 10001:10001
EXPOSE 8000
# The load balancer's probe path; plain HTTP, any Host (HealthCheckMiddleware).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "--bind", "0.0.0.0:8000", "mynalicense.wsgi"]
