from __future__ import annotations

from pathlib import Path

import pytest

from storycheck.errors import ReadError
from storycheck.read import read, read_one

STORY = "Café owners protest\n\nThe café’s owner said “no comment” on Monday.\n"


def only_error(path: Path, **kwargs: int) -> ReadError:
    results = list(read(path, **kwargs))  # type: ignore[arg-type]
    assert len(results) == 1 and isinstance(results[0], ReadError)
    return results[0]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_other_encodings_are_decoded_not_refused(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode(encoding))
    story = read_one(path)
    assert story.title == "Café owners protest"
    assert "“no comment”" in story.text


def test_the_seed_story_saved_as_cp1252_reads_as_it_does_in_utf8(
    tmp_path: Path, seed_path: Path
) -> None:
    path = tmp_path / "seed-cp1252.txt"
    path.write_bytes(seed_path.read_text(encoding="utf-8").encode("cp1252"))
    story, original = read_one(path), read_one(seed_path)
    assert (story.title, story.text) == (original.title, original.text)
    assert story.thread == original.thread
    assert story.warnings == ("decoded as cp1252 (the input was not UTF-8)",)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            "Der Minister sagte am Montag, dass die Steuern im nächsten Jahr steigen würden. "
            "Die Opposition nannte das eine Lüge.",
            "cp1252",
        ),
        (
            "Minister powiedział w poniedziałek, że podatki wzrosną w przyszłym roku. "
            "Opozycja nazwała to kłamstwem.",
            "cp1250",
        ),
        (
            "Министр заявил в понедельник, что налоги вырастут в следующем году. "
            "Оппозиция назвала это ложью.",
            "cp1251",
        ),
    ],
)
def test_a_short_story_in_a_windows_code_page_keeps_its_letters(
    tmp_path: Path, text: str, encoding: str
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(f"Taxes\n\n{text}\n".encode(encoding))
    assert read_one(path).text == f"Taxes\n\n{text}"


def test_latin1_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(
        "Zoë and Renée\n\nThe mayor of Saint-Étienne spoke at length.\n".encode("latin-1")
    )
    story = read_one(path)
    assert "Saint-Étienne" in story.text
    assert any("not UTF-8" in w for w in story.warnings)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n ")
    error = only_error(path)
    assert error.doc_id == str(path) and "[E001]" in str(error)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n\x00\x01binary", "PDF"),
        (b"\x00\x01\x02\x03" * 100, "NUL"),
        (bytes(range(1, 32)) * 50, "control"),
    ],
)
def test_binary_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    error = only_error(path)
    assert "[E002]" in str(error) and reason in str(error) and str(path) in str(error)


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.write(b"Title\n\n" + b"word " * (50 * 1024 * 1024 // 5))
    error = only_error(path)
    assert "[E004]" in str(error) and "50.0 MB" in str(error)


def test_missing_file(tmp_path: Path) -> None:
    assert "[E009]" in str(only_error(tmp_path / "nope.txt"))
