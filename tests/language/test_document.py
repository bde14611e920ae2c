"""Minutes as paragraphs and tables (:mod:`language.document`): from pasted text and from
Word files built here with python-docx."""

import io
import zipfile

import docx
import pytest
from docx.document import Document as DocxDocument

from language.document import (
    CorruptFile,
    Document,
    FileError,
    NotADocx,
    NotAPdf,
    Paragraph,
    Table,
    from_docx,
    from_pdf,
    from_text,
)

# --- Reading the blocks ---------------------------------------------------------------------


def shape(document: Document) -> list[str | list[list[str]]]:
    """Paragraphs as their text, tables as their rows of cell texts (outer spaces dropped)."""
    found: list[str | list[list[str]]] = []
    for block in document.blocks:
        if isinstance(block, Table):
            found.append([[cell.text.strip() for cell in row] for row in block.rows])
        else:
            found.append(block.text)
    return found


def only_table(document: Document) -> list[list[str]]:
    [table] = document.tables
    return [[cell.text.strip() for cell in row] for row in table.rows]


# --- Text: tab-separated tables ---------------------------------------------------------------


def test_lines_with_tabs_are_a_table_and_the_other_lines_paragraphs():
    document = from_text("Actions\nAction\tResponsable\nRédiger la note\tOCHA\nMerci à tous")
    assert shape(document) == [
        "Actions",
        [["Action", "Responsable"], ["Rédiger la note", "OCHA"]],
        "Merci à tous",
    ]


def test_a_middle_cell_of_several_paragraphs_spills_onto_the_next_line():
    text = "Action\tResponsable\tÉchéance\nRédiger la note\tOCHA\nCCP\t25 octobre\nPartager\tCCP\t31 octobre"
    assert only_table(from_text(text)) == [
        ["Action", "Responsable", "Échéance"],
        ["Rédiger la note", "OCHA\nCCP", "25 octobre"],
        ["Partager", "CCP", "31 octobre"],
    ]


def test_a_last_cell_of_several_paragraphs_goes_on_until_the_next_row():
    text = "Action\tResponsable\nRédiger la note\tOCHA\nCCP\nPartager\tNRC"
    assert only_table(from_text(text)) == [
        ["Action", "Responsable"],
        ["Rédiger la note", "OCHA\nCCP"],
        ["Partager", "NRC"],
    ]


def test_a_first_cell_of_several_paragraphs_starts_before_its_row():
    text = "Action\tResponsable\nRédiger la note\nsur Niono\tOCHA\nPartager\tCCP"
    assert only_table(from_text(text)) == [
        ["Action", "Responsable"],
        ["Rédiger la note\nsur Niono", "OCHA"],
        ["Partager", "CCP"],
    ]


def test_a_line_without_tab_after_the_last_row_is_a_paragraph():
    document = from_text("Action\tResponsable\nRédiger la note\tOCHA\nMerci à tous")
    assert shape(document)[-1] == "Merci à tous"


def test_blank_lines_between_rows_keep_one_table():
    text = "Action\tResponsable\n\nRédiger la note\tOCHA\n\nPartager\tCCP\n\nTexte après"
    assert shape(from_text(text)) == [
        [["Action", "Responsable"], ["Rédiger la note", "OCHA"], ["Partager", "CCP"]],
        "Texte après",
    ]


def test_a_table_of_another_width_after_a_blank_line_is_another_table():
    text = "Action\tResponsable\nRédiger\tOCHA\n\nNom\tOrganisation\tFonction\nOumou\tPNUD\tCoordinatrice"
    document = from_text(text)
    assert [table.width for table in document.tables] == [2, 3]


def test_a_header_merged_over_two_columns_gives_the_last_title_to_the_last_column():
    text = "Action\tÉchéance\nRédiger la note\tOCHA\t25 octobre\nPartager\tCCP\t31 octobre"
    assert only_table(from_text(text))[0] == ["Action", "", "Échéance"]


def test_excel_quoted_cell_is_unquoted():
    text = 'Action\tResponsable\n"Rédiger la note ""Niono"""\tOCHA'
    assert only_table(from_text(text))[1] == ['Rédiger la note "Niono"', "OCHA"]


def test_excel_quoted_cell_over_several_lines_is_one_cell():
    text = 'Action\tResponsable\n"Rédiger la note\nsur Niono"\tOCHA\nPartager\tCCP'
    assert only_table(from_text(text)) == [
        ["Action", "Responsable"],
        ["Rédiger la note\nsur Niono", "OCHA"],
        ["Partager", "CCP"],
    ]


# --- Text: pipe tables ----------------------------------------------------------------------


def test_pipe_table_with_outer_pipes_rule_rows_and_line_breaks():
    text = "| Action | Responsable |\n|:---|---:|\n| Rédiger<br>la note | OCHA |\n\nMerci"
    assert shape(from_text(text)) == [
        [["Action", "Responsable"], ["Rédiger\nla note", "OCHA"]],
        "Merci",
    ]


def test_pipe_table_without_outer_pipes():
    assert only_table(from_text("Action | Responsable\nRédiger | OCHA")) == [
        ["Action", "Responsable"],
        ["Rédiger", "OCHA"],
    ]


def test_a_single_line_with_a_pipe_is_a_paragraph():
    assert shape(from_text("Mopti | Ségou")) == ["Mopti | Ségou"]


def test_pipe_table_framed_by_rules_of_plus_and_dashes():
    text = "+-----+-----+\n| Rédiger | OCHA |\n+-----+-----+\n| Partager | CCP |\n+-----+-----+"
    assert shape(from_text(text)) == [[["Rédiger", "OCHA"], ["Partager", "CCP"]]]


def test_pipe_rows_separated_by_blank_lines_are_one_table():
    assert shape(from_text("|Rédiger|OCHA|\n\n|Partager|CCP|\n")) == [
        [["Rédiger", "OCHA"], ["Partager", "CCP"]]
    ]


# --- Text: paragraphs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "bullet"),
    [
        ("- Rédiger la note", True),
        ("• Rédiger la note", True),
        ("▪ Rédiger la note", True),
        ("1. Rédiger la note", True),
        ("2) Rédiger la note", True),
        ("Rédiger la note", False),
        ("2017 : réviser le HRP", False),
    ],
)
def test_list_items_are_bullets(line, bullet):
    [paragraph] = from_text(line).blocks
    assert paragraph == Paragraph(line, bullet=bullet)


def test_line_breaks_of_word_and_unicode_are_lines_and_odd_spaces_are_spaces():
    text = "Rédiger\x0bla note\u2028sur Niono\r\nfin\u00a0octobre\u200b"
    assert shape(from_text(text)) == ["Rédiger", "la note", "sur Niono", "fin octobre"]


def test_blank_text_is_an_empty_document():
    assert from_text("").blocks == ()
    assert from_text("  \n\n \n").blocks == ()


# --- Word -----------------------------------------------------------------------------------


def to_bytes(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_headings_list_items_and_tables_in_order():
    document = docx.Document()
    document.add_heading("Compte rendu de la réunion", 1)
    document.add_paragraph("Lieu et date : Bamako, 5 avril 2017")
    document.add_paragraph("Partager la note", style="List Bullet")
    document.add_paragraph("Former les partenaires", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(
        table._cells, ["Action", "Responsable", "Rédiger la note", "OCHA"], strict=True
    ):
        cell.text = text
    document.add_paragraph("Merci à tous")
    read = from_docx(to_bytes(document))
    assert shape(read) == [
        "Compte rendu de la réunion",
        "Lieu et date : Bamako, 5 avril 2017",
        "Partager la note",
        "Former les partenaires",
        [["Action", "Responsable"], ["Rédiger la note", "OCHA"]],
        "Merci à tous",
    ]
    paragraphs = list(read.paragraphs)
    assert [p.heading for p in paragraphs] == [True, False, False, False, False]
    assert [p.bullet for p in paragraphs] == [False, False, True, True, False]


def test_docx_cell_of_several_paragraphs_keeps_them_as_lines():
    document = docx.Document()
    cell = document.add_table(rows=1, cols=2).cell(0, 0)
    cell.text = "Rédiger la note"
    cell.add_paragraph("sur Niono")
    [table] = from_docx(to_bytes(document)).tables
    assert table.rows[0][0].text == "Rédiger la note\nsur Niono"


def test_docx_tab_inside_a_cell_is_a_space():
    document = docx.Document()
    document.add_table(rows=1, cols=2).cell(0, 0).text = "Rédiger\tla note"
    [table] = from_docx(to_bytes(document)).tables
    assert table.rows[0][0].text == "Rédiger la note"


def test_docx_cell_merged_across_is_repeated_and_marked_as_continuing_on_the_left():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Point 2 : protection"
    [read] = from_docx(to_bytes(document)).tables
    first = read.rows[0]
    assert [cell.text for cell in first] == ["Point 2 : protection"] * 3
    assert [cell.spans_left for cell in first] == [False, True, True]
    assert first[0].key is first[1].key is first[2].key
    assert read.rows[1][0].key is not read.rows[1][1].key
    assert read.width == 3


def test_docx_cell_merged_down_is_repeated_and_marked_as_continuing_above():
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Action"
    table.cell(0, 1).text = "Responsable"
    table.cell(1, 0).text = "Rédiger la note"
    table.cell(2, 0).text = "Partager"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "OCHA"
    [read] = from_docx(to_bytes(document)).tables
    owners = [row[1] for row in read.rows[1:]]
    assert [cell.text for cell in owners] == ["OCHA", "OCHA"]
    assert [cell.spans_up for cell in owners] == [False, True]
    assert owners[0].key is owners[1].key
    assert not any(cell.spans_up for cell in read.rows[2][:1])


def test_docx_table_nested_in_a_cell_comes_after_the_table_holding_it():
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "5. Actions prioritaires"
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Rédiger la note"
    inner.cell(0, 1).text = "OCHA"
    document.add_paragraph("Fin")
    found = shape(from_docx(to_bytes(document)))
    assert found[0] == [["5. Actions prioritaires"]]
    assert found[1:] == [[["Rédiger la note", "OCHA"]], "Fin"]


def test_empty_docx_is_an_empty_document():
    assert shape(from_docx(to_bytes(docx.Document()))) == []


# --- Word: files that are not minutes ---------------------------------------------------------


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        "Action\tResponsable\nRédiger la note\tOCHA".encode(),
        b"%PDF-1.7\n",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),  # Word 97-2003
        b"{\\rtf1\\ansi Rediger la note}",
        zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
        zip_bytes({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}),
        zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
    ],
    ids=["empty", "text", "pdf", "doc", "rtf", "xlsx", "pptx", "odt"],
)
def test_not_a_docx(data):
    with pytest.raises(NotADocx):
        from_docx(data)


def test_truncated_docx_is_corrupt():
    data = to_bytes(docx.Document())
    with pytest.raises(CorruptFile):
        from_docx(data[: len(data) // 2])


def test_zip_without_a_word_document_is_corrupt():
    with pytest.raises(CorruptFile):
        from_docx(zip_bytes({"photo.txt": b"not a picture"}))


def test_docx_with_broken_xml_is_corrupt():
    source = zipfile.ZipFile(io.BytesIO(to_bytes(docx.Document())))
    files = {name: source.read(name) for name in source.namelist()}
    files["word/document.xml"] = b"<w:document><w:body><w:p>"
    with pytest.raises(CorruptFile):
        from_docx(zip_bytes(files))


def test_zip_bomb_is_refused_before_it_is_inflated():
    source = zipfile.ZipFile(io.BytesIO(to_bytes(docx.Document())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            archive.writestr(name, source.read(name))
        with archive.open("word/media/image1.png", "w") as image:
            chunk = bytes(1 << 20)
            for _ in range(101):  # 101 MB of zeros, about 100 kB zipped
                image.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 1_000_000
    with pytest.raises(CorruptFile):
        from_docx(data)


def test_errors_are_file_errors():
    for error in (NotADocx, CorruptFile, NotAPdf):
        assert issubclass(error, FileError)


# --- PDF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04", "Rédiger la note".encode()])
def test_not_a_pdf(data):
    with pytest.raises(NotAPdf):
        from_pdf(data)
