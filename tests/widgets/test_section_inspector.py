"""SectionInspector: psection as a live tree, editable in place, bad input changes nothing."""

import html

import pytest

from neuronlite_widgets import SectionInspector


def type_into(inspector, key, text):
    field = inspector.fields[key]
    field.text.value = text
    return field


def error_of(inspector, key):
    return html.unescape(inspector.fields[key].error.value)


def test_one_section_shows_its_psection(worksheet):
    inspector = SectionInspector(worksheet.soma)
    assert inspector.tree.layout.display == "none"
    assert "soma" in inspector.title.value and "root" in inspector.title.value
    assert list(inspector.fields) == [
        "L", "diam", "Ra", "cm", "nseg", "pas.g", "pas.e",
        "AlphaSynapse[0].onset", "AlphaSynapse[0].tau", "AlphaSynapse[0].gmax",
        "AlphaSynapse[0].e"]
    shown = {key: field.text.value for key, field in inspector.fields.items()}
    assert shown["L"] == "100" and shown["diam"] == "500" and shown["Ra"] == "35.4"
    assert shown["pas.g"] == "0.001" and shown["pas.e"] == "-70"
    assert shown["AlphaSynapse[0].onset"] == "20"
    assert inspector.fields["pas.g"].label.value == "g (S/cm2)"
    text = html.unescape(inspector.psection_text.value)
    assert "'density_mechs'" in text
    assert "soma { nseg=1  L=100  Ra=35.4" in text  # h.psection's own text
    assert "insert pas { g_pas=0.001 e_pas=-70}" in text
    assert "|-|       soma(0-1)" in html.unescape(inspector.topology_text.value)


def test_whole_model_is_a_topology_tree(ball_and_stick):
    inspector = SectionInspector()
    labels = [label for label, _index in inspector.tree.options]
    assert labels[0].startswith("soma")
    assert [label.split("\u2514 ")[1].split()[0] for label in labels[1:]] == \
        ["dend1", "dend2", "axon"]
    assert "at soma(1)" in labels[1] and "at soma(0)" in labels[3]
    inspector.tree.value = 2
    assert inspector.section is ball_and_stick.dends[1]
    assert "attached to soma(1)" in inspector.title.value
    assert inspector.fields["nseg"].text.value == "5"


def test_editing_geometry_and_parameters(worksheet):
    soma = worksheet.soma
    inspector = SectionInspector(soma)
    type_into(inspector, "L", "20")
    type_into(inspector, "diam", " 20 ")
    type_into(inspector, "Ra", "100")
    type_into(inspector, "cm", "2")
    type_into(inspector, "pas.g", "2e-4")
    type_into(inspector, "AlphaSynapse[0].gmax", "0.5")
    assert (soma.L, soma.diam, soma.Ra, soma.cm) == (20, 20, 100, 2)
    assert soma(0.5).pas.g == pytest.approx(2e-4)
    assert worksheet.asyn.gmax == 0.5
    assert all(not field.error.value for field in inspector.fields.values())
    assert inspector.fields["pas.g"].text.value == "0.0002"


def test_nseg_rebuilds_and_per_segment_values_are_shown(worksheet):
    soma = worksheet.soma
    inspector = SectionInspector(soma)
    type_into(inspector, "nseg", "3")
    assert soma.nseg == 3
    assert inspector.fields["nseg"].text.value == "3"
    soma(0.1).pas.g = 0.002
    assert inspector.fields["pas.g"].text.value == "0.001 \u2026 0.002"
    type_into(inspector, "pas.g", "0.0005")
    assert [seg.pas.g for seg in soma] == [0.0005] * 3


@pytest.mark.parametrize("key, text, message", [
    ("L", "abc", "'abc' is not a number"),
    ("L", "-5", "L must be > 0."),
    ("L", "0", "L must be > 0."),
    ("diam", "0", "diam must be > 0."),
    ("Ra", "-1", "Ra must be > 0."),
    ("cm", "-1", "cm must be >= 0."),
    ("nseg", "2.5", "nseg must be an integer in range 1 to 32767"),
    ("nseg", "0", "nseg must be an integer in range 1 to 32767"),
    ("nseg", "40000", "nseg must be an integer in range 1 to 32767"),
    ("pas.g", "nan", "'nan' is not a finite number"),
    ("pas.e", "", "'' is not a number"),
    ("AlphaSynapse[0].gmax", "1,5", "'1,5' is not a number"),
])
def test_bad_input_shows_the_error_and_changes_nothing(worksheet, key, text, message):
    soma, asyn = worksheet.soma, worksheet.asyn
    inspector = SectionInspector(soma)
    before = (soma.L, soma.diam, soma.Ra, soma.cm, soma.nseg, soma(0.5).pas.g,
              soma(0.5).pas.e, asyn.gmax)
    shown = inspector.fields[key].text.value
    type_into(inspector, key, text)
    assert message in error_of(inspector, key)
    assert "nl-error" in error_of(inspector, key)
    assert (soma.L, soma.diam, soma.Ra, soma.cm, soma.nseg, soma(0.5).pas.g,
            soma(0.5).pas.e, asyn.gmax) == before
    assert "(unchanged: %s)" % shown in error_of(inspector, key)
    type_into(inspector, key, shown)  # a good value clears the message
    assert error_of(inspector, key) == ""
    assert inspector.fields[key].text.value == shown


def test_live_values_structure_and_runs(worksheet):
    h, soma = worksheet.h, worksheet.soma
    inspector = SectionInspector()
    soma.L = 42
    assert inspector.fields["L"].text.value == "42"
    worksheet.asyn.onset = 5
    assert inspector.fields["AlphaSynapse[0].onset"].text.value == "5"
    soma.insert("hh")
    assert "hh.gnabar" in inspector.fields
    assert inspector.fields["hh.gnabar"].label.value == "gnabar (S/cm2)"
    dend = h.Section(name="dend")
    dend.connect(soma(1))
    assert [label.split()[0] for label, _ in inspector.tree.options][0] == "soma"
    assert len(inspector.tree.options) == 2
    h.run()
    assert "at t = 40 ms" in inspector.readout.value


def test_selecting_from_outside_and_deleted_sections(ball_and_stick):
    h = ball_and_stick.h
    inspector = SectionInspector()
    axon = ball_and_stick.dends[2]
    inspector.select(axon)
    assert inspector.tree.value == 3 and "axon" in inspector.title.value
    h.delete_section(sec=axon)
    assert inspector.section is not axon
    assert len(inspector.tree.options) == 3


def test_empty_model(worksheet):
    worksheet.h.delete_section(sec=worksheet.soma)
    inspector = SectionInspector()
    assert "none yet" in inspector.title.value and inspector.fields == {}


def test_printed_forms_follow_the_model_while_open(ball_and_stick):
    inspector = SectionInspector()
    inspector.psection_box.selected_index = 1
    ball_and_stick.dends[0].nseg = 3
    topology = html.unescape(inspector.topology_text.value)
    assert "`--|       dend1(0-1)" in topology
    inspector.psection_box.selected_index = 0
    ball_and_stick.soma.L = 20
    assert "L=20" in html.unescape(inspector.psection_text.value)
