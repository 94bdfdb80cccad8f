"""The module-level app uvicorn and other ASGI servers import: `uvicorn pitchlab.asgi:app`."""

from .app import create_app

app = create_app()
