"""gunicorn settings shared by `make run` and the container image."""
import multiprocessing
import os

# Sync workers: rendering is CPU-bound and there is no I/O to wait on.
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
worker_class = "sync"
# Heartbeat files in memory, not on a (possibly read-only) disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
timeout = 30
graceful_timeout = 10
# Requests beyond these sizes are refused by gunicorn before Django sees them.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# Trust X-Forwarded-* only from the proxy in front of us.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Paths only, never query strings: a permalink's query carries a person's answers.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
