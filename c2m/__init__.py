"""Project wiring. Importing the package has no side effects, so the libraries can use
``c2m.errors`` without Celery; the Celery app is created when Django starts (C2MConfig)."""


def __getattr__(name: str):
    if name == "celery_app":
        from .celery import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ("celery_app",)
