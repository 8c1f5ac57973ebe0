"""Saving never leaves a half-written file, keeps permissions, and never replaces a device."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ictscore.cli.main import main
from ictscore.formats.scenario import atomic_write, load_scenario
from ictscore.planning.session import Session

from ..conftest import SCENARIOS

DEFAULT = SCENARIOS / "bac-giang-so-noi-vu-2021.toml"


def test_overwrite_keeps_the_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "shared.toml"
    target.write_text("old")
    target.chmod(0o644)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["shared.toml"]


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.csv", b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644


def test_a_symlink_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text("old")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_dev_null_stays_a_device(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(DEFAULT), "-o", os.devnull]) == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_comment_heading_the_change_log_survives_saving(tmp_path: Path) -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    heading = next(ln for ln in text.splitlines() if ln.startswith("# --- Nhật ký thay đổi"))
    copy = tmp_path / DEFAULT.name
    copy.write_text(
        text.replace('"../criteria/', f'"{(SCENARIOS.parent / "criteria").as_posix()}/').replace(
            '"data/', f'"{(SCENARIOS / "data").as_posix()}/'
        ),
        encoding="utf-8",
    )
    session = Session(load_scenario(copy))
    session.edit("hd_ky_so", 90, note="test")
    session.save()
    saved = copy.read_text(encoding="utf-8")
    assert heading in saved
    assert saved.index(heading) < saved.index("[[change]]")
    again = load_scenario(copy)
    assert [c.node for c in again.applied()] == ["hd_ty_le_nop_truc_tuyen", "hd_ky_so"]
