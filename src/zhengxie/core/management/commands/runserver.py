from django.contrib.staticfiles.management.commands.runserver import Command as StaticRunserver
from django.core.servers.basehttp import WSGIServer


class DeskServer(WSGIServer):
    # socketserver's default backlog of 5 resets connections when a hall of members scans the
    # check-in code at once; the kernel caps this at net.core.somaxconn anyway.
    request_queue_size = 512


class Command(StaticRunserver):
    server_cls = DeskServer
