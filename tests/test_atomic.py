"""atomic.create_bytes: a new file whole or not at all, never over an existing one."""

from __future__ import annotations

import errno
import os

import pytest

from papertui import atomic


def test_create_bytes_makes_a_new_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "000001.jsonl"
    atomic.create_bytes(target, b"one\n")
    assert target.read_bytes() == b"one\n"
    assert os.listdir(tmp_path) == ["000001.jsonl"]


@pytest.mark.parametrize("hard_links", [True, False])
def test_create_bytes_never_replaces_an_existing_file(tmp_path, monkeypatch, hard_links):
    if not hard_links:  # a file system without them (FAT, some shares): checked, then renamed
        def no_link(src, dst):
            raise OSError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_link)
        atomic.create_bytes(tmp_path / "new", b"made")
        assert (tmp_path / "new").read_bytes() == b"made"
    target = tmp_path / "000001.jsonl"
    target.write_bytes(b"another copy's file\n")
    with pytest.raises(FileExistsError):
        atomic.create_bytes(target, b"mine\n")
    assert target.read_bytes() == b"another copy's file\n"
    assert sorted(os.listdir(tmp_path)) == sorted(["000001.jsonl"] + ([] if hard_links else ["new"]))


def test_fsync_dir_is_public_and_quiet_about_a_missing_directory(tmp_path):
    atomic.fsync_dir(tmp_path)
    atomic.fsync_dir(tmp_path / "gone")
