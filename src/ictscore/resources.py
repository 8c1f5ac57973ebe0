"""Where the bundled criteria and scenarios live, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

DEFAULT_SCENARIO = "bac-giang-so-noi-vu-2021.toml"


def bundled_root() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "_bundled"
    if (installed / "scenarios").is_dir():
        return installed
    return here.parent.parent  # src/ictscore → the checkout


def in_installed_bundle(path: Path) -> bool:
    """True for a bundled file inside an installed package, which is no place to save a plan."""
    installed = Path(__file__).resolve().parent / "_bundled"
    return installed.is_dir() and path.resolve().is_relative_to(installed)


def default_scenario() -> Path:
    return bundled_root() / "scenarios" / DEFAULT_SCENARIO


def bundled_criteria() -> list[Path]:
    return sorted((bundled_root() / "criteria").glob("*.toml"))


def bundled_scenarios() -> list[Path]:
    return sorted((bundled_root() / "scenarios").glob("*.toml"))


def bundled_scenario(name: str | Path) -> Path | None:
    """The bundled scenario a name means, wherever ictscore runs: 'dti-2024-bac-ninh',
    'dti-2024-bac-ninh.toml' or 'scenarios/dti-2024-bac-ninh.toml' (as written in a checkout)."""
    file = Path(name).name
    for path in bundled_scenarios():
        if file in (path.name, path.stem):
            return path
    return None
