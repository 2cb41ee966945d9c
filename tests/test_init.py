"""The public surface of the package is exactly its __all__ (as httpx checks it)."""

import toolkit


def test_all_is_exactly_the_public_names():
    public = {
        name
        for name, value in vars(toolkit).items()
        if not name.startswith("_") and not getattr(value, "__name__", "").startswith("toolkit.")
    }
    assert public == set(toolkit.__all__) - {"__version__"}


def test_storage_api_names():
    for name in ("create", "open", "load", "edit", "save", "validate"):
        assert callable(getattr(toolkit.Workshop, name))
    assert isinstance(toolkit.Workshop.group_ids, property)
