"""The compute output cache: a hit only when every input byte and the code are unchanged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ictscore.cli import cache
from ictscore.cli.fast import cached_request
from ictscore.cli.fast import main as fast_main

from .conftest import ROOT


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    return tmp_path / "scenarios" / "bac-giang-so-noi-vu-2021.toml"


def _age(*paths: Path) -> None:
    """Files written by a test must look older than the run that reads them."""
    for p in paths:
        os.utime(p, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))


def test_request_parsing() -> None:
    assert cached_request(["compute", "a.toml"]) == (Path("a.toml"), "table", "vi")
    assert cached_request(["compute", "-f", "json", "a.toml", "--lang=en"]) == (
        Path("a.toml"),
        "json",
        "en",
    )
    assert cached_request(["compute", "a.toml", "-o", "x"]) is None
    assert cached_request(["compute", "a.toml", "b.toml"]) is None
    assert cached_request(["compute", "--help"]) is None
    assert cached_request(["compute", "a.toml", "--format", "xml"]) is None
    assert cached_request(["validate", "a.toml"]) is None
    assert cached_request([]) is None


def test_hit_then_miss_after_edit(bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = bundle.parent / "data" / "bac-giang-departments-2021.toml"
    crit = bundle.parent.parent / "criteria" / "bac-giang-department-dti.toml"
    _age(bundle, data, crit)
    assert cache.lookup(bundle, "json", "en") is None
    assert fast_main(["compute", str(bundle), "-f", "json", "--lang", "en"]) == 0
    first = capsys.readouterr().out
    assert cache.lookup(bundle, "json", "en") == first
    assert cache.lookup(bundle, "json", "vi") is None
    # a changed data file is a miss, and the full run gives the new figure
    text = data.read_text("utf-8")
    data.write_text(text.replace("value", "value") + "\n# edited\n", "utf-8")
    assert cache.lookup(bundle, "json", "en") is None
    # a changed criteria file too
    _age(data)
    assert fast_main(["compute", str(bundle), "-f", "json", "--lang", "en"]) == 0
    assert cache.lookup(bundle, "json", "en") is not None
    crit.write_text(crit.read_text("utf-8") + "\n", "utf-8")
    assert cache.lookup(bundle, "json", "en") is None


def test_recently_modified_inputs_are_not_stored(bundle: Path) -> None:
    # a file modified while the run reads it (here: stamped in the future) is not trusted
    future = time.time_ns() + 10**10
    os.utime(bundle, ns=(future, future))
    assert fast_main(["compute", str(bundle)]) == 0
    assert cache.lookup(bundle, "table", "vi") is None


def test_disabled_by_env(bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _age(*bundle.parent.parent.rglob("*.toml"))
    monkeypatch.setenv("ICTSCORE_NO_CACHE", "1")
    assert fast_main(["compute", str(bundle)]) == 0
    assert not list(cache.cache_dir().glob("*.json"))


def test_errors_are_not_cached(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("criteria = 'nope.toml'\ndata = 'x.csv'\nfocus = 'a'\n", "utf-8")
    _age(bad)
    assert fast_main(["compute", str(bad)]) == 2
    assert fast_main(["compute", str(bad)]) == 2
    assert not list(cache.cache_dir().glob("*.json"))


def test_hit_does_not_import_pydantic(bundle: Path) -> None:
    _age(*bundle.parent.parent.rglob("*.toml"))
    assert fast_main(["compute", str(bundle)]) == 0
    code = (
        "import sys\nfrom ictscore.cli.fast import main\n"
        f"rc = main(['compute', {str(bundle)!r}])\n"
        "assert rc == 0 and 'pydantic' not in sys.modules, sorted(sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Sở Nội vụ" in proc.stdout


def test_every_file_read_is_a_dependency(bundle: Path) -> None:
    _age(*bundle.parent.parent.rglob("*.toml"))
    assert fast_main(["compute", str(bundle)]) == 0
    entry = next(cache.cache_dir().glob("*.json")).read_text("utf-8")
    for name in ("bac-giang-so-noi-vu-2021.toml", "bac-giang-department-dti.toml"):
        assert name in entry
    assert "bac-giang-departments-2021.toml" in entry
